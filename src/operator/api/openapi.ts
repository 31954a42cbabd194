import express, { type Router } from 'express';
import { z } from 'zod';
import { CarsysPush } from '../../domain/contract/push-schema.js';
import { ImportSearch } from '../../store/import-filter.js';
import {
  BulkRetryPlan,
  BulkRetryResults,
  ErrorBody,
  ImportViewSchema,
  PushAnswer,
  RetryStarted,
  SilenceAnswer,
} from './api-schemas.js';
import { BulkRetryRequest } from './import-routes.js';
import { OverviewAnswer, OverviewQuery } from './overview-schema.js';
import { WhereIsAnswer, WhereIsQuery } from './where-is-schema.js';
import { garagePaths, garageSchemas } from './garage-openapi.js';

type JsonSchema = Record<string, unknown>;

// Input side of each schema: what a client sends, before our transforms.
const schema = (type: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const json = (body: JsonSchema) => ({ content: { 'application/json': { schema: body } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/ErrorBody' }) });
const operator = [{ operatorToken: [] }];
// Probes and this document answer anyone on the internal network (docs/security.md), on purpose.
const open: never[] = [];
// What requireOperator (operator-auth.ts) answers before any route runs.
const operatorRefusals = {
  401: error('no valid operator token'),
  403: error('the operator token lacks the scope'),
  429: error('too many wrong operator tokens from this address or from all (too_many_attempts): wait for Retry-After'),
};

function queryParameters(type: z.ZodObject): JsonSchema[] {
  const { properties = {} } = schema(type) as { properties?: Record<string, JsonSchema> };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }));
}

const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** The OpenAPI 3.1 document of the push endpoint and the import API, generated from the zod schemas the code uses. */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Carsys push import',
      version: '1.0.0',
      description: 'Receives Carsys pushes; import log for support.',
    },
    servers: [
      {
        url: '/',
        description: 'the operator listener that serves this document (OPERATOR_HOST:OPERATOR_PORT, 127.0.0.1:3001)',
      },
    ],
    components: {
      securitySchemes: {
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'operator token with scopes read, retry, decode, garages. A GET also takes the support page session cookie ' +
            '(claire_session); any other method takes only this header. Wrong tokens are limited per client ' +
            'address and overall: 429 with Retry-After.',
        },
        carsysSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Carsys-Signature',
          description: 'sha256=HMAC(secret, "<timestamp>.<raw body>")',
        },
      },
      schemas: {
        CarsysPush: schema(CarsysPush),
        ErrorBody: schema(ErrorBody),
        Import: schema(ImportViewSchema),
        WhereIsAnswer: schema(WhereIsAnswer),
        ...garageSchemas(schema),
        Overview: schema(OverviewAnswer),
      },
    },
    paths: {
      '/carsys/v1/pushes': {
        servers: [
          {
            url: 'http://{receiver}',
            description: 'only the Carsys-facing listener serves pushes',
            variables: { receiver: { default: '127.0.0.1:3000', description: 'RECEIVER_HOST:RECEIVER_PORT' } },
          },
        ],
        post: {
          operationId: 'receivePush',
          summary: 'Receive one Carsys push (contract v1)',
          security: [{ carsysSignature: [] }],
          parameters: ['X-Carsys-Garage-Id', 'X-Carsys-Timestamp', 'X-Carsys-Signature', 'Idempotency-Key'].map(
            (name) => ({
              name,
              in: 'header',
              required: name !== 'Idempotency-Key',
              schema: { type: 'string' },
            }),
          ),
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/CarsysPush' }) },
          responses: {
            202: { description: 'accepted; its workflow is durably started', ...json(schema(PushAnswer)) },
            200: { description: 'the same push was already accepted', ...json(schema(PushAnswer)) },
            400: error('not JSON, not an object, or no appointment.dmsNumber'),
            401: error('unknown garage, bad or missing signature, timestamp out of tolerance'),
            413: error('body over the limit'),
            415: error('not application/json in UTF-8'),
            429: error('garage over its rate limit; Retry-After set'),
            503: error('Temporal unreachable or not answering in time; Retry-After set'),
          },
        },
      },
      '/api/v1/imports': {
        get: {
          operationId: 'searchImports',
          summary: 'Search the import log, newest first, with cursor pagination',
          security: operator,
          parameters: queryParameters(ImportSearch),
          responses: {
            200: {
              description: 'one page of imports; nextCursor asks for the next',
              ...json({
                type: 'object',
                properties: {
                  items: { type: 'array', items: { $ref: '#/components/schemas/Import' } },
                  nextCursor: { type: ['string', 'null'] },
                },
                required: ['items', 'nextCursor'],
              }),
            },
            400: error('a filter that is not valid'),
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/where-is': {
        get: {
          operationId: 'whereIsWorkOrder',
          summary:
            'Where is my work order? Which case a work order a garage misses is (never arrived, still importing, failed, cancelled, suspicious date, older version skipped, work started, imported), in plain words with the evidence',
          security: operator,
          parameters: queryParameters(WhereIsQuery).map((parameter) =>
            ['garageId', 'number'].includes(String(parameter['name'])) ? { ...parameter, required: true } : parameter,
          ),
          responses: {
            200: {
              description: 'the case, in plain words, with the evidence',
              ...json({ $ref: '#/components/schemas/WhereIsAnswer' }),
            },
            400: error('no garageId or number, or a period that is not a date'),
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/overview': {
        get: {
          operationId: 'getOverview',
          summary:
            'Overview for the person on duty: per garage, the last 24 hours and 7 days of pushes received, imported, failed, skipped and refused, the top failure reasons, and the hour-by-hour series',
          security: operator,
          parameters: queryParameters(OverviewQuery),
          responses: {
            200: { description: 'the figures per garage', ...json({ $ref: '#/components/schemas/Overview' }) },
            400: error('a garageId that is not 1 to 128 characters, or a `to` that is not a date'),
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/imports/{importId}': {
        get: {
          operationId: 'getImport',
          summary: 'One import: issues and warnings in plain words, documents written, Web UI link',
          security: operator,
          parameters: [pathParameter('importId')],
          responses: {
            200: { description: 'the import', ...json({ $ref: '#/components/schemas/Import' }) },
            ...operatorRefusals,
            404: error('no such import'),
          },
        },
      },
      '/api/v1/imports/{importId}/retry': {
        post: {
          operationId: 'retryImport',
          summary: 'Retry one failed import with the stored raw push and the current code',
          security: operator,
          parameters: [pathParameter('importId')],
          responses: {
            202: { description: 'retry started', ...json(schema(RetryStarted)) },
            ...operatorRefusals,
            404: error('no such import'),
            409: error('not failed, or already being retried'),
          },
        },
      },
      '/api/v1/imports/retry': {
        post: {
          operationId: 'retryImports',
          summary: 'Retry every failed import matching a filter; dryRun (default true) only lists them',
          security: operator,
          requestBody: json(schema(BulkRetryRequest)),
          responses: {
            200: { description: 'dry run: total and the imports it would retry', ...json(schema(BulkRetryPlan)) },
            202: { description: 'retries started', ...json(schema(BulkRetryResults)) },
            400: error('a filter that is not valid'),
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/garages/{garageId}/appointments/{dmsNumber}/timeline': {
        get: {
          operationId: 'getAppointmentTimeline',
          summary: 'Every push for one appointment, in the order newest-wins puts them (docs/ordering.md)',
          security: operator,
          parameters: [pathParameter('garageId'), pathParameter('dmsNumber')],
          responses: {
            200: {
              description: 'the pushes, in that order',
              ...json({
                type: 'object',
                properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Import' } } },
                required: ['items'],
              }),
            },
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/garages/silence': {
        get: {
          operationId: 'getGarageSilence',
          summary: 'Garages with no push for N business hours',
          security: operator,
          responses: {
            200: { description: 'per garage: lastPushAt, silentBusinessHours, silent', ...json(schema(SilenceAnswer)) },
            ...operatorRefusals,
          },
        },
      },
      '/api/v1/rejections': {
        get: {
          operationId: 'listRejections',
          summary:
            'Refused pushes (metadata only), counted per claimed garage, reason and hour, newest hour first; ids that are not configured garages are counted under (unknown)',
          security: operator,
          parameters: [
            { name: 'garageId', in: 'query', schema: { type: 'string', maxLength: 128 } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: {
            200: {
              description:
                'items: garageIdClaimed, status, code, hour, count, firstAt, lastAt, samples (a few: at, sizeBytes, requestId, the garageIdClaimed sent)',
            },
            400: error('garageId not text, from or to not a date-time, or limit not 1 to 500'),
            ...operatorRefusals,
          },
        },
      },
      ...garagePaths({ json, error, operator, pathParameter, schema }),
      '/codec/decode': {
        post: {
          operationId: 'decodePayloads',
          summary: 'Temporal Web UI remote codec: decrypt payloads',
          security: operator,
          responses: {
            200: { description: 'payloads' },
            400: error('not {"payloads": [...]} as the Web UI sends it'),
            ...operatorRefusals,
            422: error('a payload that cannot be decoded'),
          },
        },
      },
      '/codec/encode': {
        post: {
          operationId: 'encodePayloads',
          summary: 'Temporal Web UI remote codec: encrypt payloads',
          security: operator,
          responses: {
            200: { description: 'payloads' },
            400: error('not {"payloads": [...]} as the Web UI sends it'),
            ...operatorRefusals,
            422: error('a payload that cannot be decoded'),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'The process is up',
          security: open,
          responses: { 200: { description: 'ok' } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          security: open,
          summary: 'Temporal and the database answer (503 says which does not)',
          responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'Prometheus metrics',
          security: open,
          responses: { 200: { description: 'text/plain; version=0.0.4' } },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: open,
          responses: { 200: { description: 'OpenAPI 3.1, JSON' } },
        },
      },
    },
  };
}

/** `GET /openapi.json`, built once at start-up. */
export function openApiRoute(): Router {
  const document = openApiDocument();
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
