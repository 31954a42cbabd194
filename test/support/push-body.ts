type Fields = Record<string, unknown>;

/** Overrides for {@link pushBody}: an object for `appointment` or `car` is merged into the base one; anything else replaces. */
export type PushOverrides = Readonly<{ appointment?: unknown; car?: unknown } & Fields>;

const base = {
  messageId: 'msg-0001',
  event: 'appointment.upsert',
  sentAt: '2026-11-27T09:15:02+01:00',
  appointment: {
    dmsNumber: '500001',
    woNumber: 'WO-26-00001',
    appointmentDate: '01-12-2026 08:30',
    creationDate: '2026-11-27T09:14:40+01:00',
    customerWaiting: true,
    interventions: [{ title: 'Grote beurt', prices: { exclVat: '100,00' } }],
  },
  car: {
    make: 'Volkswagen',
    registrationNumber: 'GB-123-X',
    vin: 'WVWZZZ1KZAW000001',
    fuel: 'Benzine',
    driverId: 'C-1',
    ownerId: 'C-1',
  },
  parties: [{ id: 'C-1', lastName: 'Jansen' }],
};

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merged(baseValue: Fields, overrides: PushOverrides, key: 'appointment' | 'car'): unknown {
  if (!(key in overrides)) return baseValue;
  const override = overrides[key];
  return isPlainObject(override) ? { ...baseValue, ...override } : override;
}

/**
 * A small valid appointment.upsert push as raw JSON text. A field set to undefined is left out, as JSON.stringify does;
 * `car: undefined` leaves out the whole car.
 */
export function pushBody(overrides: PushOverrides = {}): string {
  return JSON.stringify({
    ...base,
    ...overrides,
    appointment: merged(base.appointment, overrides, 'appointment'),
    car: merged(base.car, overrides, 'car'),
  });
}
