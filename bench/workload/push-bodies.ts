import { randomUUID } from 'node:crypto';
import type { GarageConfig } from '../../src/config.js';

/** One push of a bench burst: the garage that sends it and its raw JSON body. */
export type BenchPush = Readonly<{ garage: GarageConfig; body: Buffer; dmsNumber: string }>;

const makes = [
  ['Volkswagen', 'Golf 1.4 TSI'],
  ['Toyota', 'Corolla Hybrid'],
  ['Tesla', 'Model 3 Long Range'],
  ['Peugeot', '208 PureTech'],
  ['Kia', 'Niro EV'],
] as const;
const fuels = ['Benzine', 'Hybride', 'Elektrisch', 'Diesel', 'Elektrisch'] as const;
const plateLetters = 'BDFGHJKLNPRSTVXZ';
const leaseCompanies = 7;
const baseTime = Date.UTC(2026, 10, 27, 7, 0, 0);

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const letter = (value: number): string => plateLetters[value % plateLetters.length] ?? 'X';

/** A Dutch plate in sidecode 9 (`XX-999-X`), distinct for every car index below 4096 * 1000. */
function plate(car: number): string {
  const high = Math.floor(car / 1000);
  return `${letter(high)}${letter(high >> 4)}-${pad(car % 1000, 3)}-${letter(high >> 8)}`;
}

/** `dd-MM-yyyy HH:mm`, as Carsys writes local times. */
function dutchDateTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate(), 2)}-${pad(d.getUTCMonth() + 1, 2)}-${d.getUTCFullYear()} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
}

function driver(car: number) {
  return {
    id: `C-${car}`,
    title: car % 2 === 0 ? 'Dhr.' : 'Mevr.',
    firstName: `Voornaam${car}`,
    lastName: `Achternaam ${car}`,
    street: 'Dorpsstraat',
    houseNumber: `${(car % 200) + 1}a`,
    postcode: `${1000 + (car % 8000)}ab`,
    place: 'Utrecht',
    emailPrivate: ` Klant.${car}@Example.nl `,
    phonePrivate: '030-1234567',
    mobilePrivate: `06 ${pad(car % 100_000_000, 8)}`,
  };
}

function leaseCompany(index: number) {
  return {
    id: `L-${index}`,
    company: `Voorbeeld Lease ${index} B.V.`,
    street: 'Stationsweg',
    houseNumber: String(100 + index),
    postcode: '1000AA',
    place: 'Amsterdam',
    emailBusiness: `wagenpark${index}@voorbeeldlease.nl`,
    phoneBusiness: '020 123 4567',
  };
}

function pushBody(index: number, car: number): Record<string, unknown> {
  const sentAt = baseTime + index * 1000;
  const lease = car % 3 === 0 ? leaseCompany(car % leaseCompanies) : undefined;
  const [make, model] = makes[car % makes.length] ?? makes[0];
  return {
    messageId: randomUUID(),
    event: 'appointment.upsert',
    sentAt: new Date(sentAt).toISOString(),
    appointment: {
      dmsNumber: String(200_000 + index),
      woNumber: `WO-26-${pad(index, 6)}`,
      appointmentDate: dutchDateTime(sentAt + (3 + (index % 20)) * 86_400_000),
      creationDate: new Date(sentAt - 20_000).toISOString(),
      customerWaiting: index % 4 === 0,
      interventions: [
        {
          lineId: '1',
          title: 'Grote beurt',
          description: 'Onderhoud volgens fabrieksvoorschrift',
          prices: { exclVat: '239,26', inclVat: '289,50', vatRate: 21 },
        },
        { lineId: '2', title: 'APK keuring', description: null, prices: { inclVat: 45 } },
      ],
    },
    car: {
      make,
      model,
      registrationNumber: plate(car).replaceAll('-', '').toLowerCase(),
      vin: `WVWZZZ1KZBM${pad(car, 6)}`,
      fuel: fuels[car % fuels.length],
      firstRegistrationDate: '15-03-2019',
      apkDate: '2027-03-15',
      driverId: `C-${car}`,
      ownerId: lease?.id ?? `C-${car}`,
      contractorId: lease?.id ?? null,
    },
    parties: lease === undefined ? [driver(car)] : [driver(car), lease],
  };
}

/**
 * Distinct, valid pushes like `valid-full.json`, round-robin over the garages. Every car recurs in about
 * `pushesPerCar` appointments of its garage, with its driver; a third are lease cars whose lease company is
 * shared by many cars, so parties and cars are written by many pushes, as in a real garage.
 */
export function benchPushes(garages: readonly GarageConfig[], count: number, pushesPerCar: number): BenchPush[] {
  const carsPerGarage = Math.max(1, Math.ceil(count / garages.length / pushesPerCar));
  const cars = carsPerGarage * garages.length; // a multiple of the garage count keeps each car in one garage
  return Array.from({ length: count }, (_, index) => {
    const garage = garages[index % garages.length];
    if (garage === undefined) throw new Error('benchPushes needs at least one garage');
    const body = pushBody(index, index % cars);
    return { garage, body: Buffer.from(JSON.stringify(body)), dmsNumber: String(200_000 + index) };
  });
}
