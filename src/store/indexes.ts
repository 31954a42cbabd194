import type { Collections } from './collections.js';

/**
 * Unique indexes make a race unable to create a second document for one key; the lookup indexes serve the
 * import log's searches. Idempotent: safe to run at every start.
 */
export async function ensureIndexes(collections: Collections): Promise<void> {
  await Promise.all([
    collections.appointments.createIndex({ garageId: 1, dmsNumber: 1 }, { unique: true, name: 'garage_dms_number' }),
    collections.cars.createIndex({ garageId: 1, carKey: 1 }, { unique: true, name: 'garage_car_key' }),
    collections.cars.createIndex({ garageId: 1, registration: 1 }, { name: 'garage_registration' }),
    collections.cars.createIndex({ garageId: 1, vin: 1 }, { name: 'garage_vin' }),
    collections.parties.createIndex({ garageId: 1, dmsPartyId: 1 }, { unique: true, name: 'garage_dms_party' }),
    collections.imports.createIndex({ garageId: 1, messageId: 1 }, { name: 'garage_message_id' }),
    collections.imports.createIndex({ garageId: 1, bodySha256: 1 }, { name: 'garage_body_sha256' }),
    collections.imports.createIndex({ garageId: 1, dmsNumber: 1, receivedAt: -1 }, { name: 'garage_dms_received' }),
    collections.imports.createIndex({ woNumber: 1, receivedAt: -1 }, { name: 'wo_number_received' }),
    collections.imports.createIndex({ registration: 1, receivedAt: -1 }, { name: 'registration_received' }),
    collections.imports.createIndex({ status: 1, receivedAt: -1 }, { name: 'status_received' }),
    collections.imports.createIndex({ garageId: 1, receivedAt: -1 }, { name: 'garage_received' }),
  ]);
}
