import { existsSync } from 'node:fs';
import { z } from 'zod';
import { KeyringConfig } from './crypto/keyring.js';
import { garageIdPattern, garageIdRule } from './domain/garage-id.js';
import type { ListenerLimits } from './http/listener-limits.js';

const GarageConfig = z.object({
  id: z.string().regex(garageIdPattern, garageIdRule),
  /** One or two active secrets: two during a rotation. */
  secrets: z.array(z.string().min(16, 'a garage secret has at least 16 characters')).min(1).max(2),
  keepImportingAfterWorkStarted: z.boolean().default(false),
});
export type GarageConfig = z.infer<typeof GarageConfig>;

/** A JSON list in an environment variable, checked against a schema. */
function jsonList<T extends z.ZodType>(name: string, schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} is not valid JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const OperatorToken = z.object({
  name: z.string().min(1),
  token: z.string().min(24, 'an operator token has at least 24 characters'),
  scopes: z.array(z.enum(['read', 'retry', 'decode', 'garages'])).min(1),
});
export type OperatorToken = z.infer<typeof OperatorToken>;

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('carsys-import'),
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  /** A Temporal Web UI server the operator listener serves at `/temporal` (src/operator/web-ui-proxy.ts); unset: none. */
  TEMPORAL_UI_UPSTREAM: z.url().optional(),
  MONGODB_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/'),
  MONGODB_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('claire'),
  RECEIVER_HOST: z.string().default('127.0.0.1'),
  RECEIVER_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The operator surface (support page, import API, codec, metrics, OpenAPI): internal, never the Carsys port. */
  OPERATOR_HOST: z.string().default('127.0.0.1'),
  OPERATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  // Base64 of the body must stay under Temporal's 2 MiB payload limit, with room for the rest of the input.
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(1_400_000, 'at most 1400000 bytes: the body travels base64-encoded in a Temporal payload (2 MiB limit)')
    .default(1024 * 1024),
  SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
  RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(30),
  CARSYS_GARAGES: jsonList('CARSYS_GARAGES', z.array(GarageConfig)).default([]),
  /** How often receivers and workers read garage changes (added, new secret, disabled) from the database. */
  GARAGE_REFRESH_SECONDS: z.coerce.number().positive().max(300).default(5),
  /** `[{"id":"2026-11","key":"<base64 of 32 bytes>"}, ...]`: the first encrypts, all decrypt. */
  ENCRYPTION_KEYS: jsonList('ENCRYPTION_KEYS', KeyringConfig),
  OPERATOR_TOKENS: jsonList('OPERATOR_TOKENS', z.array(OperatorToken)).default([]),
  /** Origins allowed to call the codec endpoint from a browser (the Temporal Web UI). */
  CODEC_CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * A garage's share of the main task queue: a bucket of this many pushes, refilled at BULK_LANE_PUSHES_PER_MINUTE.
   * Its pushes beyond the share go to the bulk lane (docs/scaling.md); 0 sends every push to the main queue.
   */
  BULK_LANE_BURST_PUSHES: z.coerce.number().int().min(0).default(20),
  BULK_LANE_PUSHES_PER_MINUTE: z.coerce.number().positive().default(60),
  /** What a worker gives the bulk lane: its concurrent workflow tasks, writes and local steps, each. */
  BULK_LANE_SLOTS: z.coerce.number().int().min(1).max(20).default(4),
  /** A garage with no push for this many business hours (Mon-Fri 08-18 Amsterdam) is flagged as silent. */
  SILENCE_BUSINESS_HOURS: z.coerce.number().positive().default(4),
  /** `/metrics` reads the garages' last pushes at most this often, however many scrape it. */
  SILENCE_METRICS_REFRESH_SECONDS: z.coerce.number().positive().default(30),
  /** Where a worker process serves its Prometheus metrics; unset means no metrics server of its own. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** A workflow bundle built by `npm run build:workflows`; unset, the worker bundles the workflow code at start. */
  WORKFLOW_BUNDLE_PATH: z
    .string()
    .refine(existsSync, 'no such file: build it with `npm run build:workflows`, or leave it unset')
    .optional(),
  /** On SIGTERM the receiver stops accepting and lets requests in flight finish for this long, then closes them. */
  RECEIVER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().default(10),
  /** On SIGTERM the worker finishes the steps it runs for this long; then they are cancelled and retried elsewhere. */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().default(20),
  /**
   * Until this instant (ISO), workers also import requests without a voucher: set it to a day after the first
   * deploy of vouchers, so imports already in flight then still finish; unset, an unvouched request is refused.
   */
  UNVOUCHED_IMPORTS_UNTIL: z.iso.datetime({ offset: true }).optional(),
  // Long enough that a normal import (seconds) is never looked at; an import waiting out a database outage is
  // still running in Temporal and is left alone however long it waits.
  STUCK_IMPORT_AFTER_SECONDS: z.coerce.number().positive().default(900),
  STUCK_IMPORT_SWEEP_SECONDS: z.coerce.number().positive().default(300),
  /**
   * Express `trust proxy` for the operator listener: off, `true`, a hop count, or the proxies' addresses (comma list).
   * Set it behind the TLS proxy so session cookies get `Secure` and the guess limit sees the client's address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((text): boolean | number | string => {
      const value = text.trim();
      if (value === '' || value === 'false') return false;
      if (value === 'true') return true;
      return /^\d+$/.test(value) ? Number(value) : value;
    }),
  /** A support page sign-in ends after this long without a request, and in any case this long after sign-in. */
  OPERATOR_SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60),
  OPERATOR_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60 * 60),
  /** Wrong operator tokens (sign-in and bearer) allowed per client address and in all, per window; then 429. */
  OPERATOR_AUTH_FAILURES_PER_IP: z.coerce.number().int().positive().default(10),
  OPERATOR_AUTH_FAILURES_TOTAL: z.coerce.number().int().positive().default(100),
  OPERATOR_AUTH_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  // Both listeners: bounds a real client never meets, so a slow or hoarding one costs us little (docs/security.md).
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().default(5),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().positive().default(1000),
  /** Unset: no bound per client address (behind a load balancer every connection comes from its address). */
  HTTP_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().positive().optional(),
  /** Refused requests are counted per garage, reason and hour, and the counts forgotten after this many days. */
  REJECTION_RETENTION_DAYS: z.coerce.number().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  /** `bulkTaskQueue` is the bulk lane: the task queue of pushes beyond a garage's share (docs/scaling.md). */
  temporal: Readonly<{ address: string; namespace: string; taskQueue: string; bulkTaskQueue: string; uiUrl: string }>;
  mongo: Readonly<{ url: string; database: string }>;
  receiver: Readonly<{
    host: string;
    port: number;
    bodyLimitBytes: number;
    signatureToleranceSeconds: number;
    retryAfterSeconds: number;
    shutdownGraceSeconds: number;
    /** The per-garage share of the main task queue; `burstPushes` 0 turns the bulk lane off. */
    bulkLane: Readonly<{ burstPushes: number; pushesPerMinute: number }>;
  }>;
  operator: Readonly<{ host: string; port: number }>;
  /** `CARSYS_GARAGES`: a development bootstrap, seeded into the garage directory when absent there. */
  garages: ReadonlyMap<string, GarageConfig>;
  garageRefreshMs: number;
  encryptionKeys: KeyringConfig;
  operatorTokens: readonly OperatorToken[];
  codecCorsOrigins: readonly string[];
  temporalUiUpstream: string | undefined;
  rateLimitPerMinute: number;
  silenceBusinessHours: number;
  silenceMetricsRefreshMs: number;
  workerMetricsPort: number | undefined;
  workerShutdownGraceSeconds: number;
  bulkLaneSlots: number;
  unvouchedImportsUntil: Date | null;
  workflowBundlePath: string | undefined;
  /** When an import still `accepted` is checked against Temporal, and how often the worker looks. */
  stuckImports: Readonly<{ afterMs: number; sweepEveryMs: number }>;
  rejectionRetentionDays: number;
  /** For both listeners. */
  listenerLimits: ListenerLimits;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Express `trust proxy` on the operator listener. */
  trustProxy: boolean | number | string;
  operatorSessions: Readonly<{ idleMs: number; maxMs: number }>;
  operatorAuthFailures: Readonly<{ perIp: number; total: number; windowSeconds: number }>;
}>;

/** Thrown when the environment does not describe a usable configuration; the message names each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment once at start-up into a typed, frozen configuration. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const unset = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
      return `  ${issue.path.join('.') || '(env)'}: ${unset ? 'required, but not set' : issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_SECONDS > e.HTTP_REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigError(
      'Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_SECONDS: at most HTTP_REQUEST_TIMEOUT_SECONDS (the headers are part of the request)',
    );
  }
  const garages = new Map(e.CARSYS_GARAGES.map((garage) => [garage.id, Object.freeze(garage)]));
  if (garages.size !== e.CARSYS_GARAGES.length)
    throw new ConfigError('Invalid configuration:\n  CARSYS_GARAGES: duplicate garage id');
  return Object.freeze({
    temporal: Object.freeze({
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      bulkTaskQueue: `${e.TEMPORAL_TASK_QUEUE}-bulk`,
      uiUrl: e.TEMPORAL_UI_URL.replace(/\/$/, ''),
    }),
    mongo: Object.freeze({ url: e.MONGODB_URL, database: e.MONGODB_DATABASE }),
    receiver: Object.freeze({
      host: e.RECEIVER_HOST,
      port: e.RECEIVER_PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      signatureToleranceSeconds: e.SIGNATURE_TOLERANCE_SECONDS,
      retryAfterSeconds: e.RETRY_AFTER_SECONDS,
      shutdownGraceSeconds: e.RECEIVER_SHUTDOWN_GRACE_SECONDS,
      bulkLane: Object.freeze({
        burstPushes: e.BULK_LANE_BURST_PUSHES,
        pushesPerMinute: e.BULK_LANE_PUSHES_PER_MINUTE,
      }),
    }),
    operator: Object.freeze({ host: e.OPERATOR_HOST, port: e.OPERATOR_PORT }),
    garages,
    garageRefreshMs: e.GARAGE_REFRESH_SECONDS * 1000,
    encryptionKeys: e.ENCRYPTION_KEYS,
    operatorTokens: e.OPERATOR_TOKENS,
    codecCorsOrigins: e.CODEC_CORS_ORIGINS,
    temporalUiUpstream: e.TEMPORAL_UI_UPSTREAM,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    silenceBusinessHours: e.SILENCE_BUSINESS_HOURS,
    silenceMetricsRefreshMs: e.SILENCE_METRICS_REFRESH_SECONDS * 1000,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    workerShutdownGraceSeconds: e.WORKER_SHUTDOWN_GRACE_SECONDS,
    bulkLaneSlots: e.BULK_LANE_SLOTS,
    unvouchedImportsUntil: e.UNVOUCHED_IMPORTS_UNTIL === undefined ? null : new Date(e.UNVOUCHED_IMPORTS_UNTIL),
    workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    stuckImports: Object.freeze({
      afterMs: e.STUCK_IMPORT_AFTER_SECONDS * 1000,
      sweepEveryMs: e.STUCK_IMPORT_SWEEP_SECONDS * 1000,
    }),
    rejectionRetentionDays: e.REJECTION_RETENTION_DAYS,
    listenerLimits: Object.freeze({
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxConnectionsPerClient: e.HTTP_MAX_CONNECTIONS_PER_CLIENT ?? null,
    }),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    operatorSessions: Object.freeze({
      idleMs: e.OPERATOR_SESSION_IDLE_SECONDS * 1000,
      maxMs: e.OPERATOR_SESSION_MAX_SECONDS * 1000,
    }),
    operatorAuthFailures: Object.freeze({
      perIp: e.OPERATOR_AUTH_FAILURES_PER_IP,
      total: e.OPERATOR_AUTH_FAILURES_TOTAL,
      windowSeconds: e.OPERATOR_AUTH_WINDOW_SECONDS,
    }),
  });
}
