import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

/** The natural keys of one case's documents, all derived from its tag so no two cases share a document. */
export type CaseKeys = Readonly<{ dmsNumber: string; vin: string; partyId: string; messageId: string }>;

export function caseKeys(tag: string): CaseKeys {
  // Hex digits are valid VIN characters (no I, O or Q), so any tag gives a valid, distinct VIN.
  const digest = createHash('sha256').update(tag).digest('hex').toUpperCase();
  return {
    dmsNumber: `H-${tag}`,
    vin: `WVWZZZ1KZ${digest.slice(0, 8)}`,
    partyId: `P-${tag}`,
    messageId: `hostile-${tag}`,
  };
}

/** The objects of a push, for a case to make one of them hostile before the body is written out. */
export type PushParts = Readonly<{
  top: Json;
  appointment: Json;
  intervention: Json;
  prices: Json;
  car: Json;
  party: Json;
}>;

/** A valid appointment.upsert for one case, changed by `change`, as JSON text. */
export function hostilePush(tag: string, change: (parts: PushParts) => void = () => undefined): string {
  const keys = caseKeys(tag);
  const prices: Json = { exclVat: '100,00', vatRate: 21 };
  const intervention: Json = { lineId: '1', title: 'Grote beurt', description: 'Onderhoud', prices };
  const appointment: Json = {
    dmsNumber: keys.dmsNumber,
    woNumber: `WO-${tag}`,
    appointmentDate: '01-12-2026 08:30',
    creationDate: '2026-11-27T09:14:40+01:00',
    customerWaiting: true,
    interventions: [intervention],
  };
  const car: Json = { make: 'Volkswagen', vin: keys.vin, fuel: 'Benzine', driverId: keys.partyId };
  const party: Json = { id: keys.partyId, lastName: 'Jansen', emailPrivate: 'jansen@example.nl' };
  const top: Json = {
    messageId: keys.messageId,
    event: 'appointment.upsert',
    sentAt: '2026-11-27T09:15:02+01:00',
    appointment,
    car,
    parties: [party],
  };
  change({ top, appointment, intervention, prices, car, party });
  return JSON.stringify(top);
}

const anchors = {
  top: '{',
  appointment: '"appointment":{',
  intervention: '"interventions":[{',
  car: '"car":{',
  party: '"parties":[{',
} as const;

/**
 * Adds members to a push's JSON text where an object literal cannot hold them (a `__proto__` key sets the
 * prototype instead of adding a key), at the start of the named objects.
 */
export function withMembers(json: string, members: Partial<Record<keyof typeof anchors, string>>): string {
  let text = json;
  for (const [where, member] of Object.entries(members)) {
    const anchor = anchors[where as keyof typeof anchors];
    const at = text.indexOf(anchor);
    if (at === -1) throw new Error(`the push has no ${where} object`);
    text = `${text.slice(0, at + anchor.length)}${member},${text.slice(at + anchor.length)}`;
  }
  return text;
}

/** Replaces the JSON string `"<marker>"` with raw JSON text, for values JSON.stringify cannot write (5 000 levels deep). */
export function withRawValue(json: string, marker: string, raw: string): string {
  const quoted = JSON.stringify(marker);
  if (!json.includes(quoted)) throw new Error(`the push has no ${quoted}`);
  return json.replace(quoted, () => raw);
}

/** Pads a push with an unknown field until its body is exactly `size` bytes. */
export function paddedTo(size: number, json: string, filler = 'x'): string {
  const open = withMembers(json, { top: '"padding":""' });
  const missing = size - Buffer.byteLength(open);
  if (missing < 0) throw new Error(`the push is already larger than ${size} bytes`);
  return open.replace('"padding":""', `"padding":"${filler.repeat(missing)}"`);
}
