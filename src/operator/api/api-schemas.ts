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
