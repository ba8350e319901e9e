import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import maxmind, { type Reader, type Response } from "maxmind";
import { type GeoReader, openGeoReader } from "../../../src/visitor/geo";

const FIXTURES = resolve(import.meta.dir, "../../fixtures/geoip");
const DEFAULT_DB = resolve(
  import.meta.dir,
  "../../../node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb",
);

describe.each(["GeoIP2-Country-Test.mmdb", "GeoLite2-Country-Test.mmdb", "GeoIP2-City-Test.mmdb"])("%s", (file) => {
  let geo: GeoReader;
  beforeAll(async () => {
    geo = await openGeoReader(join(FIXTURES, file));
  });

  test.each([
    ["81.2.69.160", "GB"], // registered_country is US: the location wins
    ["::ffff:81.2.69.160", "GB"],
    ["216.160.83.56", "US"],
    ["89.160.20.112", "SE"],
    ["2a02:d180::", "DE"],
    ["2001:218::", "JP"],
    ["214.1.1.1", null], // record without any country
    ["8.8.8.8", null], // not in the database
    ["192.168.1.1", null], // private: never looked up
    ["not-an-ip", null],
    ["", null],
    [null, null],
  ])("%p -> %p", (ip, expected) => {
    expect(geo.countryOf(ip)).toBe(expected);
  });
});

describe("default database (ip-location-db geo-whois-asn-country)", () => {
  let geo: GeoReader;
  beforeAll(async () => {
    geo = await openGeoReader(DEFAULT_DB);
  });

  test.each([
    ["8.8.8.8", "US"],
    ["1.1.1.1", "AU"],
    ["81.2.69.160", "GB"],
    ["2001:4860:4860::8888", "US"],
  ])("%s -> %s", (ip, expected) => {
    expect(geo.countryOf(ip)).toBe(expected);
  });

  // These ranges carry a country in the raw database; the reader must not report it.
  const mappedNonPublic = ["192.168.1.1", "172.16.0.1", "198.51.100.1", "2001:db8::1"];

  test("the raw database does map the non-public ranges below (the skip matters)", async () => {
    const raw = await maxmind.open(DEFAULT_DB, { watchForUpdates: false });
    const records: unknown[] = mappedNonPublic.map((ip) => raw.get(ip));
    expect(records).toEqual([
      { country_code: "AU" },
      { country_code: "AU" },
      { country_code: "AU" },
      { country_code: "JP" },
    ]);
  });

  test.each(mappedNonPublic)("%s -> null", (ip) => {
    expect(geo.countryOf(ip)).toBeNull();
  });
});

describe("damaged database", () => {
  let dir: string;
  let geo: GeoReader;
  let raw: Reader<Response>;
  beforeAll(async () => {
    // Wipe the data section (between the search tree + 16-byte separator and the metadata) so
    // that lookups of known addresses hit undecodable records.
    const path = join(FIXTURES, "GeoIP2-Country-Test.mmdb");
    const db = Buffer.from(readFileSync(path));
    const { metadata } = await maxmind.open(path, { watchForUpdates: false });
    db.fill(0xff, metadata.searchTreeSize + 16, db.lastIndexOf(Buffer.from("\xab\xcd\xefMaxMind.com", "latin1")));
    dir = mkdtempSync(join(tmpdir(), "switchboard-geo-"));
    writeFileSync(join(dir, "damaged.mmdb"), db);
    geo = await openGeoReader(join(dir, "damaged.mmdb"));
    raw = await maxmind.open(join(dir, "damaged.mmdb"), { watchForUpdates: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(["81.2.69.160", "2001:218::"])("lookup error for %s -> null, no throw", (ip) => {
    expect(() => raw.get(ip)).toThrow();
    expect(geo.countryOf(ip)).toBeNull();
  });
});

test("openGeoReader rejects a missing file", async () => {
  await expect(openGeoReader(join(FIXTURES, "missing.mmdb"))).rejects.toThrow();
});
