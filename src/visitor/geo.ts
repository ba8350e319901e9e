/**
 * Country lookup in a MaxMind DB file (GeoIP2 / GeoLite2 Country or City, or ip-location-db).
 */
import maxmind from "maxmind";
import { countryOfRecord, type GeoRecord } from "./country-of-record";
import { isPublicIp } from "./is-public-ip";

export interface GeoReader {
  /**
   * @param ip an IPv4 or IPv6 address (IPv4-mapped IPv6 accepted), or null
   * @returns ISO 3166-1 alpha-2 upper case, or null when `ip` is null, not an address, not public
   *   (never looked up), not in the database, or its record names no country. Never throws: a
   *   lookup error (e.g. a corrupt database) also gives null, so a redirect never fails on geo.
   */
  countryOf(ip: string | null): string | null;
}

/**
 * Opens the database once, read fully into memory; the file is not watched for updates (restart
 * to load a new one). Decoded records are cached by maxmind (10,000 entries by default).
 *
 * @param mmdbPath path to a `.mmdb` file
 * @throws (rejects) when the file cannot be read or is not a MaxMind DB
 */
export async function openGeoReader(mmdbPath: string): Promise<GeoReader> {
  const reader = await maxmind.open(mmdbPath, { watchForUpdates: false });
  return {
    countryOf(ip) {
      if (ip === null || !isPublicIp(ip)) return null;
      try {
        return countryOfRecord(reader.get(ip) as GeoRecord | null);
      } catch {
        return null;
      }
    },
  };
}
