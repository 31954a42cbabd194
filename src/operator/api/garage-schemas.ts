import { z } from 'zod';
import { garageIdPattern, garageIdRule } from '../../domain/garage-id.js';

export const AddGarageRequest = z.object({
  garageId: z
    .string()
    .regex(garageIdPattern, garageIdRule)
    // `GET /api/v1/garages/silence` is the silence report: a garage of that name could not be shown.
    .refine((id) => id !== 'silence', '"silence" is a reserved word, not a garage id'),
  keepImportingAfterWorkStarted: z
    .boolean()
    .default(false)
    .describe('keep applying DMS updates once work has started in Claire'),
});

export const NewSecretRequest = z.object({
  graceHours: z
    .number()
    .min(0)
    .max(720)
    .default(24)
    .describe('how long the secrets valid now stay valid beside the new one; 0 retires them at once'),
});

export const RetireSecretRequest = z.object({
  secretId: z.string().max(64).optional().describe('the secret to retire; without it, the older of the two'),
});

const Secret = z.object({
  secretId: z.string(),
  createdAt: z.string(),
  validUntil: z.string().nullable().describe('null: valid until retired'),
});

/** A garage as the API shows it; never a secret. */
export const GarageViewSchema = z.object({
  garageId: z.string(),
  disabled: z.boolean(),
  keepImportingAfterWorkStarted: z.boolean(),
  source: z.enum(['api', 'bootstrap']).describe('bootstrap: seeded from CARSYS_GARAGES'),
  createdAt: z.string(),
  updatedAt: z.string(),
  secrets: z.array(Secret).describe('the secrets valid now (at most two)'),
});

export const IssuedSecretSchema = z.object({
  garage: GarageViewSchema,
  secretId: z.string(),
  secret: z.string().describe('shown this once only; it is stored encrypted and can never be read back'),
});

export const GarageAuditSchema = z.object({
  garageId: z.string(),
  action: z.enum([
    'garage_added',
    'garage_seeded',
    'secret_issued',
    'secret_retired',
    'garage_disabled',
    'garage_enabled',
  ]),
  by: z.string().describe('the operator token name'),
  at: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const GarageDetailSchema = z.object({
  garage: GarageViewSchema,
  audit: z.array(GarageAuditSchema).describe('the newest 50 changes, newest first'),
});
