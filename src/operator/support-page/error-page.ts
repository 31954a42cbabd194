import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../http/errors.js';
import { html } from './html.js';
import { page } from './layout.js';
import { signedInOperator } from './session.js';

const titles: Readonly<Record<number, string>> = {
  400: 'Some fields are not valid',
  403: 'Not allowed',
  404: 'Not found',
  429: 'Too many attempts',
  503: 'Not available right now',
};

/** Refusals as a page a person can read; anything unexpected goes on to the receiver's handler, which logs it. */
export function pageErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(error instanceof ApiError)) {
    next(error);
    return;
  }
  const issues =
    error.issues.length === 0
      ? ''
      : html`<ul>
          ${error.issues.map((issue) => html`<li><code>${issue.path}</code>: ${issue.message}</li>`)}
        </ul>`;
  if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
  res.status(error.status).send(
    page({
      title: titles[error.status] ?? 'Cannot do this',
      operator: signedInOperator(res),
      notice: { kind: 'error', text: error.message },
      body: html`${issues}
        <p><a href="/support">Back to the support page</a></p>`,
    }),
  );
}

/** Any other address under /support. */
export function pageNotFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new ApiError(404, 'not_found', 'There is no support page at this address.'));
}
