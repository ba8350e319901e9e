/**
 * The client's address for one request, read the way Express reads it with `trust proxy = N`
 * (proxy-addr's hop count).
 */
import { isIP } from "node:net";

/**
 * Picks the client address from the connection and the X-Forwarded-For header.
 *
 * The chain is `[...X-Forwarded-For entries (left to right), socket address]`. Its right-most
 * `trustProxy` entries are trusted proxies, the socket peer being proxy 1, and the answer is the
 * entry just left of them, i.e. `trustProxy` hops from the right end of the chain (the socket is
 * hop 0). When the chain is shorter, the left-most entry is taken (as Express does), so
 * `Infinity` means "trust every hop". Entries left of the answer are client-supplied and never
 * read, so a spoofed header cannot move the answer past the trusted proxies.
 *
 * - `trustProxy` 0 (or negative / NaN): X-Forwarded-For is ignored, the socket address is the client.
 * - `trustProxy` 1: one reverse proxy in front: the right-most X-Forwarded-For entry.
 * - `trustProxy` 2: e.g. CDN + load balancer: the second entry from the right of X-Forwarded-For.
 *
 * Entries are trimmed, empty ones skipped. The picked entry is normalised: `[v6]:port` and
 * `v4:port` lose brackets and port, an IPv6 zone (`%eth0`) is dropped, and IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, as Bun reports IPv4 peers) becomes plain IPv4.
 *
 * @param socketAddress the TCP peer address, or null when unknown
 * @param forwardedFor the raw X-Forwarded-For header (repeated headers joined with ","), or null
 * @param trustProxy number of trusted proxy hops in front of the app, an integer >= 0
 * @returns the address (private ones included: deciding whether to geolocate is `isPublicIp`'s
 *   job), or null when the picked entry is missing or not an IP address. Never throws.
 */
export function clientIp(
  socketAddress: string | null,
  forwardedFor: string | null,
  trustProxy: number,
): string | null {
  const hops = Math.floor(trustProxy);
  if (!(hops > 0) || forwardedFor === null) return normalize(socketAddress);
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return normalize(socketAddress);
  return normalize(entries[Math.max(0, entries.length - hops)] ?? null);
}

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** Bare IPv4 or IPv6 text, or null when `raw` holds no valid address. */
function normalize(raw: string | null): string | null {
  if (raw === null) return null;
  let ip = raw.trim();
  if (ip.startsWith("[")) {
    const end = ip.indexOf("]");
    if (end === -1) return null;
    ip = ip.slice(1, end); // "[v6]" or "[v6]:port"
  } else if (ip.indexOf(":") !== -1 && ip.indexOf(":") === ip.lastIndexOf(":")) {
    ip = ip.slice(0, ip.indexOf(":")); // IPv4 with a port
  }
  const zone = ip.indexOf("%");
  if (zone !== -1) ip = ip.slice(0, zone);
  ip = ip.replace(MAPPED_V4, "$1");
  return isIP(ip) === 0 ? null : ip;
}
