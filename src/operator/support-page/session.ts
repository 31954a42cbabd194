import type { CookieOptions, NextFunction, Request, Response } from 'express';
import type { OperatorToken } from '../../config.js';
import { ApiError } from '../../http/errors.js';
import {
  legacyTokenCookie,
  operatorAuthOf,
  operatorCookie,
  sessionIdOf,
  sessionOperator,
  withSessionStore,
  type OperatorScope,
  type SignedInOperator,
} from '../operator-auth.js';
import { loginPage } from './login-page.js';

const operatorKey = 'supportOperator';

// `secure` follows the request: behind a TLS proxy with TRUST_PROXY set, Express reads X-Forwarded-Proto.
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure };
}

/**
 * Signs the browser in with a new server-side session (any session it held is ended first), in a cookie scripts
 * cannot read and other sites cannot send.
 */
export async function startSession(req: Request, res: Response, operator: SignedInOperator): Promise<void> {
  const { sessions } = operatorAuthOf(req);
  const previous = sessionIdOf(req);
  const sessionId = await withSessionStore(req, async () => {
    if (previous !== undefined) await sessions.end(previous);
    return sessions.start(operator);
  });
  res.clearCookie(legacyTokenCookie, cookieOptions(req));
  res.cookie(operatorCookie, sessionId, { ...cookieOptions(req), maxAge: sessions.maxMs });
}

/** Ends the session on the server, so the cookie stops working even where it was copied to, and drops it. */
export async function endSession(req: Request, res: Response): Promise<void> {
  const sessionId = sessionIdOf(req);
  if (sessionId !== undefined) await withSessionStore(req, () => operatorAuthOf(req).sessions.end(sessionId));
  res.clearCookie(operatorCookie, cookieOptions(req));
  res.clearCookie(legacyTokenCookie, cookieOptions(req));
}

/** The operator a page was opened by, once `requireSignIn` has let the request through. */
export const signedInOperator = (res: Response): SignedInOperator | undefined =>
  res.locals[operatorKey] as SignedInOperator | undefined;

/** The operator a page was opened by; only valid behind `requireSignIn`. */
export function currentOperator(res: Response): SignedInOperator {
  const operator = signedInOperator(res);
  if (operator === undefined) throw new Error('a support page ran without a signed-in operator');
  return operator;
}

export const hasScope = (operator: SignedInOperator, scope: OperatorScope): boolean => operator.scopes.includes(scope);

/**
 * Lets operators with a live session (of a token still in `tokens`) through; anyone else gets the sign-in form,
 * which brings them back here.
 */
export function requireSignIn(tokens: readonly OperatorToken[]) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const operator = await sessionOperator(req, tokens);
    if (operator === undefined) {
      res.status(req.method === 'POST' ? 401 : 200).send(loginPage({ next: req.originalUrl }));
      return;
    }
    res.locals[operatorKey] = operator;
    next();
  };
}

/** Refuses, with the one "not allowed" page, an operator whose token lacks the scope. */
export function requireScope(scope: OperatorScope) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const operator = currentOperator(res);
    if (hasScope(operator, scope)) {
      next();
      return;
    }
    next(
      new ApiError(
        403,
        'scope_missing',
        `This needs the "${scope}" scope; your operator token has only: ${operator.scopes.join(', ')}.`,
      ),
    );
  };
}
