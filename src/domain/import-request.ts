import { createHash } from 'node:crypto';

/** What the receiver knows of a push before full validation: enough to name, find and log it. */
export type PushEnvelope = Readonly<{
  dmsNumber: string;
  messageId: string | null;
  woNumber: string | null;
  event: string | null;
  registration: string | null;
}>;

/** The input of one import workflow: the push exactly as received, and where it came from. */
export type ImportRequest = Readonly<{
  importId: string;
  garageId: string;
  /**
   * The body's exact bytes in base64. As a JSON string a body full of quotes, newlines or backslashes doubles in
   * size and could pass Temporal's 2 MiB payload limit; base64 grows every body by a third, whatever it holds.
   */
  rawBodyBase64: string;
  bodySha256: string;
  /** ISO instant; Temporal carries JSON, not Dates. */
  receivedAt: string;
  requestId: string | null;
  envelope: PushEnvelope;
  /** Set when support retries a failed import: which attempt, and who asked. */
  retry?: Readonly<{ attempt: number; by: string }>;
}>;

/** The body as the receiver got it, for code that reads it as text. */
export function rawBodyText(rawBodyBase64: string): string {
  return Buffer.from(rawBodyBase64, 'base64').toString('utf8');
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Keeps an id part readable in the Web UI while refusing characters that would make it ambiguous. A part that had
 * to be changed or cut gets a hash of the original, so two different pushes never share a workflow id (which would
 * make the second look like a duplicate and be lost).
 */
function idPart(value: string): string {
  if (/^[A-Za-z0-9._-]{1,64}$/.test(value)) return value;
  return `${value.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 48)}-${sha256Hex(value).slice(0, 12)}`;
}

export type ImportIdentity = Readonly<{ importId: string; workflowId: string; dedupKey: string }>;

/**
 * Names an import after what makes a push the same push (rule 2): its messageId, or its body when it has none.
 * The same push always gets the same importId and workflow id, so a resend finds the first one.
 */
export function importIdentity(input: {
  garageId: string;
  dmsNumber: string;
  messageId: string | null;
  bodySha256: string;
}): ImportIdentity {
  const dedupKey = input.messageId !== null ? `message:${input.messageId}` : `body:${input.bodySha256}`;
  const importId = `imp_${sha256Hex(`${input.garageId}\0${dedupKey}`).slice(0, 26)}`;
  const pushName = input.messageId !== null ? idPart(input.messageId) : `body-${input.bodySha256.slice(0, 16)}`;
  const workflowId = `carsys-import/${idPart(input.garageId)}/dms-${idPart(input.dmsNumber)}/${pushName}`;
  return { importId, workflowId, dedupKey };
}
