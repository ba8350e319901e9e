/**
 * Everything read from the User-Agent (device parse and bot check), cached by User-Agent string:
 * ua-parser-js parses ~50k/s, and clicks repeat a small set of User-Agents.
 */
import { LRUCache } from "lru-cache";
import { isBotUserAgent } from "./bot";
import { parseDevice, type ParsedDevice } from "./device";

export interface UserAgentInfo extends ParsedDevice {
  isBot: boolean;
}

/** Longer User-Agents are read but not cached, so junk headers cannot fill memory. */
const MAX_CACHED_LENGTH = 512;

/**
 * @param maxEntries how many distinct User-Agents to keep (least recently used dropped first);
 *   a positive integer, e.g. 10,000 (at most ~10 MB of keys)
 * @returns a reader taking the User-Agent header ("" when missing) and returning a shared, frozen
 *   result: the same object for the same string while it stays cached. Never throws.
 * @throws TypeError from lru-cache when `maxEntries` is not a positive integer
 */
export function createUserAgentReader(maxEntries: number): (userAgent: string) => Readonly<UserAgentInfo> {
  const cache = new LRUCache<string, Readonly<UserAgentInfo>>({ max: maxEntries });
  return (userAgent) => {
    const cached = cache.get(userAgent);
    if (cached !== undefined) return cached;
    const info = Object.freeze({ ...parseDevice(userAgent), isBot: isBotUserAgent(userAgent) });
    if (userAgent.length <= MAX_CACHED_LENGTH) cache.set(userAgent, info);
    return info;
  };
}
