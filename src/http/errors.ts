import type { Response } from 'express';
import type { z } from 'zod';
import type { PushIssue } from '../domain/import-status.js';

/** A refusal the caller can act on: an HTTP status, a stable snake_case code and plain words. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly PushIssue[] = [],
    readonly retryAfterSeconds?: number,
    /** The true reason, for our own records (rejection log, metrics) where the answer must not tell it. */
    readonly recordedCode?: string,
  ) {
    super(message);
  }
}

/** Sends the contract's error body; never a stack trace or an internal message. */
export function sendError(res: Response, error: ApiError): void {
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  res.locals['answer'] = error.recordedCode ?? error.code;
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    },
  });
}

/** Parses operator input with a schema; a wrong value is a 400 naming each field, with the code and words given. */
export function parseOrRefuse<T extends z.ZodType>(
  schema: T,
  input: unknown,
  refusal: Readonly<{ code: string; message: string }>,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    refusal.code,
    refusal.message,
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })),
  );
}
