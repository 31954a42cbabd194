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
  rawBody: string;
  bodySha256: string;
  /** ISO instant; Temporal carries JSON, not Dates. */
  receivedAt: string;
  requestId: string | null;
  envelope: PushEnvelope;
  /** Set when support retries a failed import: which attempt, and who asked. */
  retry?: Readonly<{ attempt: number; by: string }>;
}>;
