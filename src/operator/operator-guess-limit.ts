import { RateLimiterMemory } from 'rate-limiter-flexible';

export type GuessLimitSettings = Readonly<{ perIp: number; total: number; windowSeconds: number }>;

/**
 * A budget of wrong operator tokens (sign-in and bearer), per client address and over all addresses, per window.
 * Once a budget is spent every token presented from there is answered 429, right or wrong, so the answer tells a
 * guesser nothing until the window has passed. In memory: each receiver instance counts for itself.
 */
export function operatorGuessLimit(settings: GuessLimitSettings) {
  const perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: settings.perIp, duration: settings.windowSeconds });
  const total = new RateLimiterMemory({ keyPrefix: 'all', points: settings.total, duration: settings.windowSeconds });
  const everyone = 'all';

  return {
    /** Seconds until a token from this address is looked at again; 0 when it may be tried now. */
    async blockedForSeconds(ip: string): Promise<number> {
      const spent = [
        { used: await perIp.get(ip), budget: settings.perIp },
        { used: await total.get(everyone), budget: settings.total },
      ].filter(({ used, budget }) => used !== null && used.consumedPoints >= budget);
      if (spent.length === 0) return 0;
      return Math.max(1, ...spent.map(({ used }) => Math.ceil((used?.msBeforeNext ?? 0) / 1000)));
    },
    /** Counts one wrong token from this address. */
    async recordFailure(ip: string): Promise<void> {
      await Promise.all([perIp.penalty(ip), total.penalty(everyone)]);
    },
  };
}
export type OperatorGuessLimit = ReturnType<typeof operatorGuessLimit>;
