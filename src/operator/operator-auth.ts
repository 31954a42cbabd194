import { timingSafeEqual, createHash } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { Express, NextFunction, Request, Response } from 'express';
import type { OperatorToken } from '../config.js';
import { ApiError } from '../http/errors.js';
import type { Logger } from '../logging/logger.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { OperatorGuessLimit } from './operator-guess-limit.js';
import type { OperatorScope, OperatorSessions, SignedInOperator } from './operator-sessions.js';

export type { OperatorScope, SignedInOperator };

/** The support page's sign-in cookie: a random session id, never the operator token. */
export const operatorCookie = 'claire_session';
/** Where the support page kept the operator token itself before sessions; cleared at every sign-in. */
export const legacyTokenCookie = 'claire_operator';

/** Where an operator token was presented, for the failure counter and log. */
export type AuthSurface = 'support_login' | 'api' | 'codec';

/** What the operator routes share: the session store, the guess limit and where failures are recorded. */
export type OperatorAuth = Readonly<{
  sessions: OperatorSessions;
  guesses: OperatorGuessLimit;
  logger: Logger;
  metrics: ImportMetrics;
}>;

const authKey = 'operatorAuth';

/** Gives every operator route of the app the sessions and the guess limit (`createOperatorApp` calls it). */
export function useOperatorAuth(app: Express, auth: OperatorAuth): void {
  app.locals[authKey] = auth;
}

export function operatorAuthOf(req: Request): OperatorAuth {
  const auth = req.app.locals[authKey] as OperatorAuth | undefined;
  if (auth === undefined) throw new Error('an operator route ran on an app without useOperatorAuth');
  return auth;
}

// Hashing first gives equal-length buffers, so the comparison is constant-time whatever the token's length.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Finds the operator a token belongs to, comparing against every token in constant time. */
export function operatorFor(tokens: readonly OperatorToken[], token: string): OperatorToken | undefined {
  const given = digest(token);
  let found: OperatorToken | undefined;
  for (const candidate of tokens) {
    if (timingSafeEqual(digest(candidate.token), given)) found = candidate;
  }
  return found;
}

/** The token of `Authorization: Bearer ...` (API, CLI, codec). */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  const bearer = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return bearer?.[1];
}

/** The session id of the support page's cookie, if the browser sent one. */
export function sessionIdOf(req: Request): string | undefined {
  const id = parseCookie(req.get('Cookie') ?? '')[operatorCookie];
  return id === undefined || id === '' ? undefined : id;
}

const surfaceOf = (req: Request): AuthSurface =>
  req.originalUrl.toLowerCase().startsWith('/codec/') ? 'codec' : 'api';

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends the session cookie with every request to this site, from whichever page (the Web UI's, on
 * another port, is same-site), so a request that changes something takes only a bearer token. The codec is the
 * exception: the Web UI calls it with the cookie, encode and decode change nothing, and CORS keeps other
 * origins from reading its answers.
 */
export const sessionAccepted = (req: Request): boolean => readOnlyMethods.has(req.method) || surfaceOf(req) === 'codec';

/**
 * Checks a presented operator token, within the guess limit: 429 while the limit is spent, the operator when the
 * token is right, undefined (counted and logged, without the token) when it is wrong.
 */
export async function checkOperatorToken(
  req: Request,
  tokens: readonly OperatorToken[],
  token: string,
  surface: AuthSurface,
): Promise<OperatorToken | undefined> {
  const auth = operatorAuthOf(req);
  const ip = req.ip ?? 'unknown';
  const blockedFor = await auth.guesses.blockedForSeconds(ip);
  if (blockedFor > 0) {
    auth.logger.warn({ surface, ip, requestId: req.res?.locals['requestId'] }, 'operator token refused: guess limit');
    throw new ApiError(
      429,
      'too_many_attempts',
      `Too many wrong operator tokens were tried; try again in ${blockedFor} seconds.`,
      [],
      blockedFor,
    );
  }
  const operator = operatorFor(tokens, token);
  if (operator === undefined) {
    await auth.guesses.recordFailure(ip);
    auth.metrics.operatorAuthFailures.inc({ surface });
    auth.logger.warn({ surface, ip, requestId: req.res?.locals['requestId'] }, 'wrong operator token');
  }
  return operator;
}

/** Runs a session store call; a database that does not answer becomes a 503 the operator can read. */
export async function withSessionStore<T>(req: Request, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    operatorAuthOf(req).logger.warn(
      { err: error, requestId: req.res?.locals['requestId'] },
      'the operator session store does not answer',
    );
    throw new ApiError(
      503,
      'sessions_unavailable',
      'Sign-ins are kept in the database, which does not answer; try again shortly or use a bearer token.',
      [],
      30,
    );
  }
}

/**
 * The operator of a live session (pages, codec), with the scopes of its sign-in that `tokens` still grant that
 * operator's name: removing a token from `OPERATOR_TOKENS` ends its sessions at the next restart.
 */
export async function sessionOperator(
  req: Request,
  tokens: readonly OperatorToken[],
): Promise<SignedInOperator | undefined> {
  const sessionId = sessionIdOf(req);
  if (sessionId === undefined) return undefined;
  const auth = operatorAuthOf(req);
  const session = await withSessionStore(req, () => auth.sessions.find(sessionId));
  if (session === undefined) return undefined;
  const granted = new Set(tokens.filter((token) => token.name === session.name).flatMap((token) => token.scopes));
  const scopes = session.scopes.filter((scope) => granted.has(scope));
  return scopes.length === 0 ? undefined : { name: session.name, scopes };
}

/**
 * Who a request comes from: the operator of its bearer token, else of its session cookie where a session is
 * accepted; undefined when neither is valid. The one place the API and the codec identify operators.
 */
export async function identifyOperator(
  req: Request,
  tokens: readonly OperatorToken[],
): Promise<SignedInOperator | undefined> {
  const token = bearerToken(req);
  if (token !== undefined) {
    const operator = await checkOperatorToken(req, tokens, token, surfaceOf(req));
    return operator === undefined ? undefined : { name: operator.name, scopes: operator.scopes };
  }
  if (sessionIdOf(req) === undefined) return undefined;
  if (!sessionAccepted(req))
    throw new ApiError(
      401,
      'bearer_token_required',
      'Changes through the API need Authorization: Bearer <operator token>; the sign-in cookie is not accepted.',
    );
  return sessionOperator(req, tokens);
}

/** Lets a request through only from an operator (bearer token, or session where accepted) that has the scope. */
export function requireOperator(tokens: readonly OperatorToken[], scope: OperatorScope) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const operator = await identifyOperator(req, tokens);
    if (operator === undefined)
      throw new ApiError(
        401,
        'operator_token_required',
        'This needs a valid operator token (Authorization: Bearer ...).',
      );
    if (!operator.scopes.includes(scope))
      throw new ApiError(403, 'scope_missing', `This operator token lacks the "${scope}" scope.`);
    res.locals['operator'] = operator.name;
    next();
  };
}
