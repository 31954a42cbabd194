import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../http/errors.js';

/**
 * Per-garage budget of pushes a minute, counted only after the signature checks out, so nobody can spend a garage's
 * budget with forged requests. In memory: each receiver instance counts for itself (see docs/scaling.md).
 */
export function garageRateLimit(pushesPerMinute: number) {
  const limiter = new RateLimiterMemory({ points: pushesPerMinute, duration: 60 });
  return async (garageId: string): Promise<void> => {
    try {
      await limiter.consume(garageId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new ApiError(
        429,
        'rate_limited',
        `This garage sends more than ${pushesPerMinute} pushes a minute; please slow down and resend later.`,
        [],
        Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      );
    }
  };
}
