import type { PushOverrides } from '../support/push-body.js';

/**
 * One edge of real DMS data: a push (as overrides of the small valid push in test/support/push-body.ts), and what
 * must come of it. With `issues`, the push is refused with exactly these `path code` issues. Otherwise it is mapped:
 * `values` are read from the mapped push by path, and its warnings are exactly `warnings` (none when left out).
 */
export type EdgeCase = Readonly<{
  name: string;
  push: PushOverrides;
  values?: Readonly<Record<string, unknown>>;
  warnings?: readonly string[];
  issues?: readonly string[];
}>;

/** The cases of one class of edge, named as docs/data-rules.md names it. */
export type EdgeClass = Readonly<{ name: string; cases: readonly EdgeCase[] }>;

/** The base push's one party, with these fields changed. */
export function party(fields: Record<string, unknown>): PushOverrides {
  return { parties: [{ id: 'C-1', lastName: 'Jansen', ...fields }] };
}

/** A car without the base push's VIN, identified by this plate alone (plus any other fields). */
export function plateOnly(registrationNumber: unknown, fields: Record<string, unknown> = {}): PushOverrides {
  return { car: { vin: undefined, registrationNumber, ...fields } };
}

/** A car without the base push's plate, identified by this VIN alone (plus any other fields). */
export function vinOnly(vin: unknown, fields: Record<string, unknown> = {}): PushOverrides {
  return { car: { registrationNumber: undefined, vin, ...fields } };
}
