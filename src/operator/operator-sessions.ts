import { createHash, randomBytes } from 'node:crypto';
import type { OperatorToken } from '../config.js';
import type { OperatorSessionStore } from '../store/operator-sessions.js';

export type OperatorScope = OperatorToken['scopes'][number];

/** Who a request comes from: the operator's name and the scopes they may use, from a token or a session. */
export type SignedInOperator = Readonly<{ name: string; scopes: readonly OperatorScope[] }>;

// Use pushes the idle expiry back at most once a minute, so reading pages is not a database write per request.
const touchEveryMs = 60_000;

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/**
 * Support page sign-ins kept on the server: a random id in the browser's cookie, its hash in the database. A session
 * ends after `idleMs` without use, `maxMs` after sign-in, or at sign-out. It carries the operator's name and the
 * scopes of their token at sign-in.
 */
export function operatorSessions(deps: {
  store: OperatorSessionStore;
  idleMs: number;
  maxMs: number;
  now: () => Date;
}) {
  return {
    /** How long a session lasts at most, for the cookie's own lifetime. */
    maxMs: deps.maxMs,

    /** Starts a new session (a new id every sign-in) and returns the id for the cookie. */
    async start(operator: SignedInOperator): Promise<string> {
      const now = deps.now();
      await deps.store.deleteExpired(now);
      const sessionId = randomBytes(32).toString('base64url');
      const endsAt = new Date(now.getTime() + deps.maxMs);
      await deps.store.insert({
        _id: hashOf(sessionId),
        operator: operator.name,
        scopes: [...operator.scopes],
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(Math.min(now.getTime() + deps.idleMs, endsAt.getTime())),
        endsAt,
      });
      return sessionId;
    },

    /** The operator of a live session, or undefined when it is unknown or has ended. */
    async find(sessionId: string): Promise<SignedInOperator | undefined> {
      const idHash = hashOf(sessionId);
      const session = await deps.store.find(idHash);
      if (session === null) return undefined;
      const now = deps.now();
      if (session.expiresAt.getTime() <= now.getTime()) {
        await deps.store.delete(idHash);
        return undefined;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) {
        const expiresAt = Math.min(now.getTime() + deps.idleMs, session.endsAt.getTime());
        await deps.store.touch(idHash, now, new Date(expiresAt));
      }
      return { name: session.operator, scopes: session.scopes as OperatorScope[] };
    },

    /** Ends a session on the server, so its cookie stops working wherever it was copied to. */
    async end(sessionId: string): Promise<void> {
      await deps.store.delete(hashOf(sessionId));
    },
  };
}
export type OperatorSessions = ReturnType<typeof operatorSessions>;
