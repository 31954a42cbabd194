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
