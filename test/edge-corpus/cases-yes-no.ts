import type { EdgeClass } from './edge-case.js';

const waiting = (customerWaiting: unknown) => ({ appointment: { customerWaiting } });

/** Rule 6: a yes/no value that is none lands as "no", with a warning. */
export const yesNo: EdgeClass = {
  name: 'yes/no values',
  cases: [
    { name: '"J"', push: waiting('J'), values: { 'appointment.customerWaiting': true } },
    { name: '"nee"', push: waiting('nee'), values: { 'appointment.customerWaiting': false } },
    { name: '" Ja " with spaces', push: waiting(' Ja '), values: { 'appointment.customerWaiting': true } },
    { name: 'the number 1', push: waiting(1), values: { 'appointment.customerWaiting': true } },
    { name: 'left out', push: waiting(undefined), values: { 'appointment.customerWaiting': false } },
    {
      name: '"misschien"',
      push: waiting('misschien'),
      values: { 'appointment.customerWaiting': false },
      warnings: ['appointment.customerWaiting invalid_boolean'],
    },
    {
      name: 'the number 2',
      push: waiting(2),
      values: { 'appointment.customerWaiting': false },
      warnings: ['appointment.customerWaiting invalid_boolean'],
    },
    {
      name: 'a 10 kB text',
      push: waiting('j'.repeat(10_000)),
      values: { 'appointment.customerWaiting': false },
      warnings: ['appointment.customerWaiting invalid_boolean'],
    },
  ],
};
