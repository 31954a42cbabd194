import type { Response } from 'express';
import type { PushIssue } from '../domain/issues.js';

/** A refusal the caller can act on: an HTTP status, a stable snake_case code and plain words. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly PushIssue[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Sends the contract's error body; never a stack trace or an internal message. */
export function sendError(res: Response, error: ApiError): void {
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  res.locals['answer'] = error.code;
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    },
  });
}
