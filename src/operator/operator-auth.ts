import { timingSafeEqual, createHash } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { OperatorToken } from '../config.js';
import { ApiError } from '../http/errors.js';

export type OperatorScope = OperatorToken['scopes'][number];

// Hashing first gives equal-length buffers, so the comparison is constant-time whatever the token's length.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** The cookie the support page sets at login; the Web UI sends it to the codec endpoint too (same site). */
export const operatorCookie = 'claire_operator';

/** An operator token from `Authorization: Bearer ...` (API, CLI) or the login cookie (support page, Web UI). */
export function presentedToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  const bearer = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1] !== undefined) return bearer[1];
  const cookies = parseCookie(req.get('Cookie') ?? '');
  return cookies[operatorCookie];
}

/** Finds the operator a token belongs to, comparing against every token in constant time. */
export function operatorFor(tokens: readonly OperatorToken[], token: string): OperatorToken | undefined {
  const given = digest(token);
  let found: OperatorToken | undefined;
  for (const candidate of tokens) {
    if (timingSafeEqual(digest(candidate.token), given)) found = candidate;
  }
  return found;
}

/** Lets a request through only with an operator token (`Authorization: Bearer ...`) that has the scope. */
export function requireOperator(tokens: readonly OperatorToken[], scope: OperatorScope) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = presentedToken(req);
    const operator = token === undefined ? undefined : operatorFor(tokens, token);
    if (operator === undefined) {
      next(
        new ApiError(401, 'operator_token_required', 'This needs a valid operator token (Authorization: Bearer ...).'),
      );
      return;
    }
    if (!operator.scopes.includes(scope)) {
      next(new ApiError(403, 'scope_missing', `This operator token lacks the "${scope}" scope.`));
      return;
    }
    res.locals['operator'] = operator.name;
    next();
  };
}
