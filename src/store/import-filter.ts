import { z } from 'zod';
import { importStatuses } from '../domain/import-status.js';

const text = z.string().trim().min(1).max(128);

/** What support searches the import log by; every field optional, all given fields must match. */
export const ImportFilter = z.object({
  garageId: text.optional(),
  status: z.enum(importStatuses).optional(),
  woNumber: text.optional(),
  registration: text.optional(),
  dmsNumber: text.optional(),
  number: text.optional().describe('a WO number, registration or DMS number: matches any of the three'),
  warning: text.optional().describe('a warning code, such as suspicious_date'),
  from: z.coerce.date().optional().describe('received at or after (ISO 8601)'),
  to: z.coerce.date().optional().describe('received before (ISO 8601)'),
});
export type ImportFilter = z.infer<typeof ImportFilter>;

export const ImportSearch = ImportFilter.extend({
  cursor: z.string().max(200).optional().describe("from the previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ImportSearch = z.infer<typeof ImportSearch>;
