import { beforeAll, describe, expect, test } from "bun:test";
import { resolve } from "node:path";
import type { Visitor } from "../../../src/routing/types";
import { type GeoReader, openGeoReader } from "../../../src/visitor/geo";
import { createVisitorReader, type VisitorRequest } from "../../../src/visitor/read-visitor";
import { UA } from "./user-agents";

const GEO_DB = resolve(import.meta.dir, "../../fixtures/geoip/GeoIP2-Country-Test.mmdb");

describe("createVisitorReader", () => {
  let geo: GeoReader;
  beforeAll(async () => {
    geo = await openGeoReader(GEO_DB);
  });

  test.each<[string, number, VisitorRequest, Visitor]>([
    [
      "direct iPhone visitor",
      0,
      { socketAddress: "::ffff:81.2.69.160", forwardedFor: null, userAgent: UA.iPhoneSafari },
      { ip: "81.2.69.160", country: "GB", device: "mobile", os: "iOS", browser: "Mobile Safari", isBot: false },
    ],
    [
      "behind one proxy, spoofed entry ignored",
      1,
      { socketAddress: "10.0.0.2", forwardedFor: "2001:218::1, 89.160.20.112", userAgent: UA.iPad },
      { ip: "89.160.20.112", country: "SE", device: "tablet", os: "iOS", browser: "Mobile Safari", isBot: false },
    ],
    [
      "X-Forwarded-For ignored without trusted proxies",
      0,
      { socketAddress: "216.160.83.56", forwardedFor: "81.2.69.160", userAgent: UA.windowsFirefox },
      { ip: "216.160.83.56", country: "US", device: "desktop", os: "Windows", browser: "Firefox", isBot: false },
    ],
    [
      "private client kept, not geolocated",
      1,
      { socketAddress: "10.0.0.2", forwardedFor: "192.168.1.20", userAgent: UA.kindleFire },
      { ip: "192.168.1.20", country: null, device: "tablet", os: "Android", browser: "Silk", isBot: false },
    ],
    [
      "bot from an address the database does not know",
      0,
      { socketAddress: "8.8.8.8", forwardedFor: null, userAgent: UA.googlebot },
      { ip: "8.8.8.8", country: null, device: "desktop", os: null, browser: null, isBot: true },
    ],
    [
      "nothing known",
      1,
      { socketAddress: null, forwardedFor: "unknown", userAgent: null },
      { ip: null, country: null, device: "desktop", os: null, browser: null, isBot: true },
    ],
  ])("%s", (_case, trustProxy, req, expected) => {
    expect(createVisitorReader({ geo, trustProxy })(req)).toEqual(expected);
  });

  test("the cached User-Agent result does not leak between visitors", () => {
    const read = createVisitorReader({ geo, trustProxy: 0, deviceCacheSize: 1 });
    const req = { forwardedFor: null, userAgent: UA.samsungInternet };
    const gb = read({ ...req, socketAddress: "81.2.69.160" });
    const de = read({ ...req, socketAddress: "2a02:d180::1" });
    expect([gb.country, de.country]).toEqual(["GB", "DE"]);
    expect(gb).not.toBe(de);
  });
});
