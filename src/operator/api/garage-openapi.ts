import type { z } from 'zod';
import {
  AddGarageRequest,
  GarageDetailSchema,
  GarageViewSchema,
  IssuedSecretSchema,
  NewSecretRequest,
  RetireSecretRequest,
} from './garage-schemas.js';

type JsonSchema = Record<string, unknown>;

/** What openapi.ts builds every operation from, so the garage operations look like the others. */
type Builders = Readonly<{
  json: (body: JsonSchema) => JsonSchema;
  error: (description: string) => JsonSchema;
  operator: readonly JsonSchema[];
  pathParameter: (name: string) => JsonSchema;
  schema: (type: z.ZodType) => JsonSchema;
}>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const garageSchemas = (schema: (type: z.ZodType) => JsonSchema): Record<string, JsonSchema> => ({
  Garage: schema(GarageViewSchema),
  GarageDetail: schema(GarageDetailSchema),
  IssuedSecret: schema(IssuedSecretSchema),
});

/** The garage operations: reading needs the `read` scope, every change the `garages` scope and is audited. */
export function garagePaths({ json, error, operator, pathParameter, schema }: Builders): Record<string, JsonSchema> {
  const unauthorised = error('no valid operator token');
  const forbidden = error('the operator token lacks the "garages" scope');
  const noGarage = error('no garage with this id');
  const changed = (description: string) => error(`${description}; or the garage changed meanwhile (garage_changed)`);
  const garageId = [pathParameter('garageId')];
  const garageAnswer = (description: string) => ({ description, ...json(ref('Garage')) });
  const secretAnswer = (description: string) => ({ description, ...json(ref('IssuedSecret')) });
  return {
    '/api/v1/garages': {
      get: {
        operationId: 'listGarages',
        summary: 'Every garage, with the ids and validity of its secrets (never a secret)',
        security: operator,
        responses: {
          200: {
            description: 'the garages, by id',
            ...json({ type: 'object', properties: { items: { type: 'array', items: ref('Garage') } } }),
          },
          401: unauthorised,
          403: error('the operator token lacks the "read" scope'),
        },
      },
      post: {
        operationId: 'addGarage',
        summary: 'Add a garage; the answer holds its first secret, shown this once only',
        security: operator,
        requestBody: { required: true, ...json(schema(AddGarageRequest)) },
        responses: {
          201: secretAnswer('garage added; give the secret to Carsys'),
          400: error('a garage id that is not letters, digits, - and _ (at most 64)'),
          401: unauthorised,
          403: forbidden,
          409: error('a garage with this id exists already (garage_exists)'),
        },
      },
    },
    '/api/v1/garages/{garageId}': {
      get: {
        operationId: 'showGarage',
        summary: 'One garage and its newest changes (who, when, what; never a secret)',
        security: operator,
        parameters: garageId,
        responses: {
          200: { description: 'the garage and its audit trail', ...json(ref('GarageDetail')) },
          401: unauthorised,
          403: error('the operator token lacks the "read" scope'),
          404: noGarage,
        },
      },
    },
    '/api/v1/garages/{garageId}/secrets': {
      post: {
        operationId: 'issueGarageSecret',
        summary:
          'Issue a new secret, shown this once only; the valid one stays valid for graceHours (default 24), then is retired by itself',
        security: operator,
        parameters: garageId,
        requestBody: { required: false, ...json(schema(NewSecretRequest)) },
        responses: {
          201: secretAnswer('new secret issued; give it to Carsys'),
          400: error('graceHours not a number from 0 to 720'),
          401: unauthorised,
          403: forbidden,
          404: noGarage,
          409: changed('two valid secrets already, retire one first (rotation_in_progress)'),
        },
      },
    },
    '/api/v1/garages/{garageId}/secrets/retire': {
      post: {
        operationId: 'retireGarageSecret',
        summary: 'Retire a secret before its grace period ends (without secretId: the older of two)',
        security: operator,
        parameters: garageId,
        requestBody: { required: false, ...json(schema(RetireSecretRequest)) },
        responses: {
          200: garageAnswer('secret retired; the garage with the secrets still valid'),
          400: error('secretId not text'),
          401: unauthorised,
          403: forbidden,
          404: error('no garage with this id, or no valid secret with this id (secret_not_found)'),
          409: changed("the garage's only valid secret (last_secret)"),
        },
      },
    },
    '/api/v1/garages/{garageId}/disable': {
      post: {
        operationId: 'disableGarage',
        summary: 'Disable a garage: its pushes are answered 401 and recorded in the rejection log as garage_disabled',
        security: operator,
        parameters: garageId,
        responses: {
          200: garageAnswer('the garage, disabled'),
          401: unauthorised,
          403: forbidden,
          404: noGarage,
          409: error('the garage changed meanwhile (garage_changed); try again'),
        },
      },
    },
    '/api/v1/garages/{garageId}/enable': {
      post: {
        operationId: 'enableGarage',
        summary: 'Enable a disabled garage: its pushes are accepted again',
        security: operator,
        parameters: garageId,
        responses: {
          200: garageAnswer('the garage, enabled'),
          401: unauthorised,
          403: forbidden,
          404: noGarage,
          409: error('the garage changed meanwhile (garage_changed); try again'),
        },
      },
    },
  };
}
