import type { Collections } from '../../src/store/collections.js';

/**
 * Looks for anything half-written in a garage's data: an imported push whose appointment, car or parties are
 * missing, an appointment pointing at a car that is not there, a car pointing at a party that is not there, a
 * document without its source stamp, and import records whose status and documents disagree.
 */
export async function halfWritten(collections: Collections, garageId: string): Promise<string[]> {
  const problems: string[] = [];
  const records = await collections.imports
    .find({ garageId }, { projection: { _id: 1, status: 1, documents: 1, finishedAt: 1 } })
    .toArray();
  const appointments = await collections.appointments.find({ garageId }).toArray();
  const cars = await collections.cars.find({ garageId }).toArray();
  const parties = await collections.parties.find({ garageId }).toArray();
  const appointmentIds = new Set(appointments.map((appointment) => appointment._id));
  const carById = new Map(cars.map((car) => [car._id, car]));
  const partyIds = new Set(parties.map((party) => party._id));
  const partyByDmsId = new Set(parties.map((party) => party.dmsPartyId));

  for (const record of records) {
    if (record.status === 'accepted') continue;
    if (record.finishedAt === null) problems.push(`import ${record._id} is ${record.status} without finishedAt`);
    if (record.status !== 'imported') continue;
    const written = record.documents;
    if (written === null) {
      problems.push(`import ${record._id} is imported without its documents`);
      continue;
    }
    if (!appointmentIds.has(written.appointmentId)) problems.push(`import ${record._id}: appointment missing`);
    if (written.carId !== null && !carById.has(written.carId)) problems.push(`import ${record._id}: car missing`);
    for (const id of written.partyIds)
      if (!partyIds.has(id)) problems.push(`import ${record._id}: party ${id} missing`);
  }
  for (const appointment of appointments) {
    if (appointment.source?.importId === undefined || !Array.isArray(appointment.interventions)) {
      problems.push(`appointment ${appointment._id} lacks its source or interventions`);
    }
    if (appointment.carId !== undefined && !carById.has(appointment.carId)) {
      problems.push(`appointment ${appointment._id} points at car ${appointment.carId}, which is not there`);
    }
  }
  for (const car of cars) {
    if (car.source?.importId === undefined || typeof car.carKey !== 'string') {
      problems.push(`car ${car._id} lacks its source or key`);
    }
    for (const id of [car.driverDmsId, car.ownerDmsId, car.contractorDmsId]) {
      if (id !== null && id !== undefined && !partyByDmsId.has(id)) {
        problems.push(`car ${car._id} names party ${id}, which is not there`);
      }
    }
  }
  for (const party of parties) {
    if (party.source?.importId === undefined || typeof party.dmsPartyId !== 'string') {
      problems.push(`party ${party._id} lacks its source or DMS id`);
    }
  }
  return problems;
}

/** The counts behind `halfWritten`, for the report. */
export async function documentCounts(collections: Collections, garageId: string): Promise<string> {
  const [appointments, cars, parties] = await Promise.all([
    collections.appointments.countDocuments({ garageId }),
    collections.cars.countDocuments({ garageId }),
    collections.parties.countDocuments({ garageId }),
  ]);
  return `${appointments} appointments, ${cars} cars, ${parties} parties`;
}
