/**
 * A fixed-window counter per key, in memory (lru-cache with a TTL from the first hit): used to
 * slow down public forms such as sign-up. Per instance: N instances allow N times the limit,
 * which is enough to stop a script hammering one form (sign-in limits, which protect
 * passwords, are shared through the database instead: see sign-in.ts).
 */
import { LRUCache } from "lru-cache";

export interface WindowLimiter {
  /** Count one attempt for `key`; false when the key already used its `max` in this window. */
  tryAcquire(key: string): boolean;
}

/**
 * @param max attempts allowed per key per window
 * @param windowMs window length in milliseconds, starting at a key's first attempt
 */
export function createWindowLimiter(max: number, windowMs: number): WindowLimiter {
  const counts = new LRUCache<string, number>({ max: 10_000, ttl: windowMs, noUpdateTTL: true });
  return {
    tryAcquire(key) {
      const used = counts.get(key) ?? 0;
      if (used >= max) return false;
      counts.set(key, used + 1);
      return true;
    },
  };
}
