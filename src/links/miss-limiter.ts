/**
 * A per-address budget for tracking-link codes that miss the route cache, so a flood of random
 * well-formed codes cannot make every request a database query (the negative cache only helps
 * when a code repeats).
 *
 * - A token bucket per client address: `perMinute` tokens at most (the burst), refilled
 *   continuously at `perMinute` per minute. IPv4 addresses count one by one; IPv6 addresses by
 *   their /64 prefix (one subscriber's network: a host can pick any address inside it).
 * - A miss takes a token before the database is asked; when the code turns out to exist, the
 *   redirect gives the token back, so visitors of real links never run dry (only codes that do
 *   not exist use the budget).
 * - Buckets live in an LRU of `maxAddresses` (in memory, per instance): an evicted bucket
 *   starts full again, which errs toward serving.
 */
import { LRUCache } from "lru-cache";

export interface MissLimiter {
  /** Take one token for `ip`'s bucket; false (and nothing taken) when the bucket is empty. */
  take(ip: string | null): boolean;
  /** Give back a token taken for `ip` (the code existed). */
  refund(ip: string | null): void;
}

export interface MissLimiterOptions {
  /** Misses allowed per address per minute, also the burst. */
  perMinute: number;
  /** Most addresses tracked at once (default 10,000). */
  maxAddresses?: number;
  /** Clock in milliseconds (default `Date.now`); tests pass their own. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

/** A new limiter; see the module comment. */
export function createMissLimiter({ perMinute, maxAddresses = 10_000, now = Date.now }: MissLimiterOptions): MissLimiter {
  const buckets = new LRUCache<string, Bucket>({ max: maxAddresses });
  const perMs = perMinute / 60_000;

  /** The bucket of `ip`, refilled up to now. */
  const bucketOf = (ip: string | null): Bucket => {
    const key = addressKey(ip);
    const time = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: perMinute, at: time };
      buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
    }
    return bucket;
  };

  return {
    take(ip) {
      const bucket = bucketOf(ip);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    refund(ip) {
      const bucket = bucketOf(ip);
      bucket.tokens = Math.min(perMinute, bucket.tokens + 1);
    },
  };
}

/**
 * The bucket key of an address: IPv4 as is, IPv6 as its /64 prefix (`2001:db8:1:2::/64`),
 * `unknown` for null.
 * @param ip a valid IPv4 or IPv6 address without zone or brackets (as `clientIp` returns), or null
 */
export function addressKey(ip: string | null): string {
  if (ip === null) return "unknown";
  if (!ip.includes(":")) return ip;
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) stands for two groups.
  const width = (groups: string[]) => groups.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? 0 : 8 - width(headGroups) - width(tailGroups);
  const groups = [...headGroups, ...Array<string>(Math.max(0, zeros)).fill("0"), ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => (group.includes(".") ? "0" : parseInt(group, 16).toString(16)));
  return `${prefix.join(":")}::/64`;
}
