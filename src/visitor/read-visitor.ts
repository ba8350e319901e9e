/**
 * Reads the `Visitor` of one request (client IP, country, device, bot flag) for the routing
 * decision and the click record. On the hot redirect path: no awaits, cached User-Agent parsing.
 */
import type { Visitor } from "../routing/types";
import { clientIp } from "./client-ip";
import type { GeoReader } from "./geo";
import { createUserAgentReader } from "./read-user-agent";

/** The parts of a request the visitor depends on. */
export interface VisitorRequest {
  /** TCP peer address as the server reports it (Bun: `server.requestIP(req)?.address`). */
  socketAddress: string | null;
  /** Raw X-Forwarded-For header, or null. */
  forwardedFor: string | null;
  /** Raw User-Agent header, or null (treated as "", which counts as a bot). */
  userAgent: string | null;
}

/** Reads one request's visitor; never throws. */
export type VisitorReader = (req: VisitorRequest) => Visitor;

export interface VisitorReaderOptions {
  geo: GeoReader;
  /** Trusted proxy hops in front of the app, as in `clientIp`. */
  trustProxy: number;
  /** Distinct User-Agents kept parsed; default 10,000. */
  deviceCacheSize?: number;
}

/**
 * @returns a reader that never throws: `Visitor.ip` is the client address whether public or not
 *   (null only when unparseable); `country` is looked up only for public addresses.
 * @throws TypeError when `deviceCacheSize` is not a positive integer
 */
export function createVisitorReader(opts: VisitorReaderOptions): VisitorReader {
  const readUserAgent = createUserAgentReader(opts.deviceCacheSize ?? 10_000);
  return (req) => {
    const ip = clientIp(req.socketAddress, req.forwardedFor, opts.trustProxy);
    const ua = readUserAgent(req.userAgent ?? "");
    const country = opts.geo.countryOf(ip);
    return { ip, country, device: ua.device, os: ua.os, browser: ua.browser, isBot: ua.isBot };
  };
}
