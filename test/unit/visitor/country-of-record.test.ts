import { describe, expect, test } from "bun:test";
import { countryOfRecord, type GeoRecord } from "../../../src/visitor/country-of-record";

describe("countryOfRecord", () => {
  test.each<[string, GeoRecord | null, string | null]>([
    ["GeoIP2 country", { country: { iso_code: "GB" }, registered_country: { iso_code: "US" } }, "GB"],
    ["GeoIP2 registered_country when no country", { registered_country: { iso_code: "RO" } }, "RO"],
    ["ip-location-db country_code", { country_code: "AU" }, "AU"],
    ["lower case upper-cased", { country_code: "se" }, "SE"],
    ["invalid country falls through", { country: { iso_code: "XXX" }, registered_country: { iso_code: "DE" } }, "DE"],
    ["no country at all", { traits: { is_anycast: true } } as GeoRecord, null],
    ["not a string", { country_code: 44 }, null],
    ["empty code", { country_code: "" }, null],
    ["not found", null, null],
  ])("%s", (_case, record, expected) => {
    expect(countryOfRecord(record)).toBe(expected);
  });
});
