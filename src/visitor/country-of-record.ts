/**
 * The country code inside one MaxMind DB record, whichever database wrote it.
 */

/** The fields read from a record; any other field is ignored. */
export interface GeoRecord {
  /** GeoIP2 / GeoLite2: where the address is located. */
  country?: { iso_code?: unknown };
  /** GeoIP2 / GeoLite2: where the network's owner registered it (e.g. a mobile carrier's home). */
  registered_country?: { iso_code?: unknown };
  /** ip-location-db (`geo-whois-asn-country` and its siblings). */
  country_code?: unknown;
}

const ALPHA2 = /^[a-z]{2}$/i;

/**
 * Reads, in order, GeoIP2's `country.iso_code` (the location), then `registered_country.iso_code`
 * (the registration: better than nothing for networks MaxMind could not place), then
 * ip-location-db's `country_code`. The first that is a two-letter code wins.
 *
 * @param record a decoded record, or null when the address is not in the database
 * @returns an ISO 3166-1 alpha-2 code in upper case, or null. Never throws.
 */
export function countryOfRecord(record: GeoRecord | null): string | null {
  const candidates = [record?.country?.iso_code, record?.registered_country?.iso_code, record?.country_code];
  for (const code of candidates) {
    if (typeof code === "string" && ALPHA2.test(code)) return code.toUpperCase();
  }
  return null;
}
