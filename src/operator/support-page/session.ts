import type { CookieOptions, NextFunction, Request, Response } from 'express';
import type { OperatorToken } from '../../config.js';
import { ApiError } from '../../http/errors.js';
import { operatorCookie, operatorFor, presentedToken, type OperatorScope } from '../operator-auth.js';
import { loginPage } from './login-page.js';

const sessionMs = 12 * 60 * 60 * 1000;
const operatorKey = 'supportOperator';

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure };
}

/** Signs the browser in: the operator token itself, in a cookie scripts cannot read and other sites cannot send. */
export function startSession(req: Request, res: Response, token: string): void {
  res.cookie(operatorCookie, token, { ...cookieOptions(req), maxAge: sessionMs });
}

export function endSession(req: Request, res: Response): void {
  res.clearCookie(operatorCookie, cookieOptions(req));
}

/** The operator a page was opened by, once `requireSignIn` has let the request through. */
export const signedInOperator = (res: Response): OperatorToken | undefined =>
  res.locals[operatorKey] as OperatorToken | undefined;

/** The operator a page was opened by; only valid behind `requireSignIn`. */
export function currentOperator(res: Response): OperatorToken {
  const operator = signedInOperator(res);
  if (operator === undefined) throw new Error('a support page ran without a signed-in operator');
  return operator;
}

export const hasScope = (operator: OperatorToken, scope: OperatorScope): boolean => operator.scopes.includes(scope);

/** Lets signed-in operators through; anyone else gets the sign-in form, which brings them back here. */
export function requireSignIn(tokens: readonly OperatorToken[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = presentedToken(req);
    const operator = token === undefined ? undefined : operatorFor(tokens, token);
    if (operator === undefined) {
      res.status(req.method === 'POST' ? 401 : 200).send(loginPage({ next: req.originalUrl }));
      return;
    }
    res.locals[operatorKey] = operator;
    next();
  };
}

export function requireScope(scope: OperatorScope) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (hasScope(currentOperator(res), scope)) {
      next();
      return;
    }
    next(new ApiError(403, 'scope_missing', `Your operator token lacks the "${scope}" scope, so this is not allowed.`));
  };
}
