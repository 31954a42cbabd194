import { z } from 'zod';

/** The contract's answer to an accepted or duplicate push. */
export const PushAnswer = z.object({
  importId: z.string(),
  workflowId: z.string().describe('readable in the Temporal Web UI'),
  status: z.enum(['accepted', 'duplicate']),
});

/** The contract's error body, for every 4xx and 5xx. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('snake_case, stable'),
    message: z.string().describe('plain words'),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});

const Issue = z.object({ path: z.string(), code: z.string(), message: z.string() });

/** An import as the import API shows it (see import-view.ts). */
export const ImportViewSchema = z.object({
  importId: z.string(),
  garageId: z.string(),
  status: z.string(),
  statusInWords: z.string(),
  dmsNumber: z.string(),
  woNumber: z.string().nullable(),
  registration: z.string().nullable(),
  event: z.string().nullable(),
  messageId: z.string().nullable(),
  sentAt: z.string().nullable(),
  receivedAt: z.string(),
  finishedAt: z.string().nullable(),
  issues: z.array(Issue),
  warnings: z.array(Issue),
  documents: z
    .object({ appointmentId: z.string(), carId: z.string().nullable(), partyIds: z.array(z.string()) })
    .nullable(),
  attempts: z.array(
    z.object({ at: z.string(), workflowId: z.string(), runId: z.string(), by: z.string(), webUiUrl: z.string() }),
  ),
  workflowId: z.string(),
  webUiUrl: z.string(),
});

/** A retry that started (see retry-imports.ts): the new workflow and which attempt it is. */
export const RetryStarted = z.object({
  refused: z.literal(false),
  importId: z.string(),
  workflowId: z.string(),
  attempt: z.number().int(),
});

const RetryCandidate = z.object({
  importId: z.string(),
  garageId: z.string(),
  dmsNumber: z.string(),
  woNumber: z.string().nullable(),
  receivedAt: z.string(),
});

/** A bulk retry's dry run: how many failed imports match, and which it would retry. */
export const BulkRetryPlan = z.object({
  dryRun: z.literal(true),
  total: z.number().int(),
  wouldRetry: z.array(RetryCandidate),
});

/** A bulk retry that ran: per import, the retry it started or why it was refused. */
export const BulkRetryResults = z.object({
  dryRun: z.literal(false),
  total: z.number().int(),
  results: z.array(z.union([RetryStarted, z.object({ error: z.object({ code: z.string(), message: z.string() }) })])),
});

/** Per garage, has it gone quiet (see silence.ts). */
export const SilenceAnswer = z.object({
  thresholdBusinessHours: z.number(),
  garages: z.array(
    z.object({
      garageId: z.string(),
      lastPushAt: z.string().nullable(),
      silentBusinessHours: z.number(),
      silent: z.boolean(),
    }),
  ),
});
