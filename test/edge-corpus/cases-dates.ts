import type { EdgeClass } from './edge-case.js';

const apkWithNote = '15-03-2027 (volgens de RDW, nog niet bevestigd door de klant)';

const apk = (apkDate: unknown) => ({ car: { apkDate } });
const firstRegistration = (firstRegistrationDate: unknown) => ({ car: { firstRegistrationDate } });

/** Rule 6 and 7: a date typo outside the appointment date lands with a warning; instants are the Amsterdam day. */
export const dates: EdgeClass = {
  name: 'dates',
  cases: [
    { name: 'an APK date in ISO form', push: apk('2027-03-15'), values: { 'car.apkDate': '2027-03-15' } },
    { name: 'an APK date day-first', push: apk('15-03-2027'), values: { 'car.apkDate': '2027-03-15' } },
    { name: 'an APK date with slashes', push: apk('15/3/2027'), values: { 'car.apkDate': '2027-03-15' } },
    { name: 'an APK date with dots', push: apk('15.03.2027'), values: { 'car.apkDate': '2027-03-15' } },
    {
      name: 'an APK date sent as the UTC instant of Amsterdam midnight in winter',
      push: apk('2027-03-14T23:00:00Z'),
      values: { 'car.apkDate': '2027-03-15' },
    },
    {
      name: 'an APK date sent as the UTC instant of Amsterdam midnight in summer',
      push: apk('2027-07-14T22:00:00.000Z'),
      values: { 'car.apkDate': '2027-07-15' },
    },
    {
      name: 'an APK date sent as an instant late in the Amsterdam day',
      push: apk('2027-07-14T21:59:59Z'),
      values: { 'car.apkDate': '2027-07-14' },
    },
    {
      name: 'an APK date sent with the Amsterdam offset',
      push: apk('2027-03-15T00:00:00+01:00'),
      values: { 'car.apkDate': '2027-03-15' },
    },
    {
      name: 'a first registration date sent as an instant across the day line',
      push: firstRegistration('2012-03-14T23:30:00Z'),
      values: { 'car.firstRegistrationDate': '2012-03-15' },
    },
    {
      name: 'a date-time without offset is read as written',
      push: firstRegistration('2012-03-15T23:30:00'),
      values: { 'car.firstRegistrationDate': '2012-03-15' },
    },
    {
      name: 'an APK date on 31 February',
      push: apk('31-02-2027'),
      values: { 'car.apkDate': null, 'car.apkDateRaw': '31-02-2027' },
      warnings: ['car.apkDate invalid_date'],
    },
    {
      name: 'an APK date in month 13',
      push: apk('2027-13-01'),
      values: { 'car.apkDate': null, 'car.apkDateRaw': '2027-13-01' },
      warnings: ['car.apkDate invalid_date'],
    },
    {
      name: 'an APK date written month-first (never assumed)',
      push: apk('12/31/2027'),
      values: { 'car.apkDate': null, 'car.apkDateRaw': '12/31/2027' },
      warnings: ['car.apkDate invalid_date'],
    },
    {
      name: 'a first registration date with a five-digit year',
      push: firstRegistration('15-3-20122'),
      values: { 'car.firstRegistrationDate': null, 'car.firstRegistrationDateRaw': '15-3-20122' },
      warnings: ['car.firstRegistrationDate invalid_date'],
    },
    {
      name: 'an APK date in words',
      push: apk('volgend jaar'),
      values: { 'car.apkDate': null, 'car.apkDateRaw': 'volgend jaar' },
      warnings: ['car.apkDate invalid_date'],
    },
    {
      name: 'an APK date of 60 characters',
      push: apk(apkWithNote),
      values: { 'car.apkDate': null, 'car.apkDateRaw': apkWithNote.slice(0, 40) },
      warnings: ['car.apkDate too_long'],
    },
    {
      name: 'both car dates wrong at once',
      push: { car: { apkDate: '00-00-0000', firstRegistrationDate: '29-02-2019' } },
      values: { 'car.apkDate': null, 'car.firstRegistrationDate': null },
      warnings: ['car.apkDate invalid_date', 'car.firstRegistrationDate invalid_date'],
    },
    {
      name: 'a leap day that exists',
      push: firstRegistration('29-02-2020'),
      values: { 'car.firstRegistrationDate': '2020-02-29' },
    },
    {
      name: 'a creation date that is no real date',
      push: { appointment: { creationDate: '31-02-2026 10:00' } },
      values: { 'appointment.createdInDmsAt': null },
      warnings: ['appointment.creationDate invalid_date'],
    },
    {
      name: 'a creation date in Amsterdam local time',
      push: { appointment: { creationDate: '27-11-2026 09:14' } },
      values: { 'appointment.createdInDmsAt': '2026-11-27T08:14:00.000Z' },
    },
    {
      name: 'an appointment date that is no real date (may fail the import)',
      push: { appointment: { appointmentDate: '31-02-2026 09:00' } },
      issues: ['appointment.appointmentDate invalid_date'],
    },
    {
      name: 'an appointment date written month-first',
      push: { appointment: { appointmentDate: '12/31/2026 09:00' } },
      issues: ['appointment.appointmentDate invalid_date'],
    },
    {
      name: 'an appointment date of 100 kB',
      push: { appointment: { appointmentDate: '1'.repeat(100_000) } },
      issues: ['appointment.appointmentDate invalid_date'],
    },
    {
      name: 'an appointment date missing from an upsert',
      push: { appointment: { appointmentDate: '' } },
      issues: ['appointment.appointmentDate required'],
    },
    {
      name: 'an appointment date far from its creation date (a warning, rule 7)',
      push: { appointment: { appointmentDate: '10-06-2029 08:00' } },
      values: { 'appointment.appointmentAt': '2029-06-10T06:00:00.000Z' },
      warnings: ['appointment.appointmentDate suspicious_date'],
    },
  ],
};
