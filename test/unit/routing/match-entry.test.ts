import { describe, expect, test } from "bun:test";
import { isEligible } from "../../../src/routing/match-entry";
import type { Visitor } from "../../../src/routing/types";
import { type EntryOverrides, makeEntry, makeVisitor } from "./make-plan";

describe("isEligible", () => {
  const cases: [name: string, entry: EntryOverrides, visitor: Partial<Visitor>, eligible: boolean][] = [
    ["no targeting matches anyone", {}, {}, true],
    ["paused campaign", { campaignActive: false }, {}, false],
    ["weight 0", { weight: 0 }, {}, false],
    ["negative weight", { weight: -1 }, {}, false],
    ["country listed", { countries: ["DE", "AT"] }, { country: "AT" }, true],
    ["country not listed", { countries: ["DE", "AT"] }, { country: "FR" }, false],
    ["unknown country, no country list", {}, { country: null }, true],
    ["unknown country, country list", { countries: ["DE"] }, { country: null }, false],
    ["device listed", { devices: ["mobile", "tablet"] }, { device: "tablet" }, true],
    ["device not listed", { devices: ["mobile", "tablet"] }, { device: "desktop" }, false],
    ["country and device both match", { countries: ["DE"], devices: ["mobile"] }, { country: "DE", device: "mobile" }, true],
    ["country matches, device does not", { countries: ["DE"], devices: ["mobile"] }, { country: "DE", device: "desktop" }, false],
    ["device matches, country does not", { countries: ["DE"], devices: ["mobile"] }, { country: "US", device: "mobile" }, false],
  ];
  test.each(cases)("%s", (_, entry, visitor, expected) => {
    expect(isEligible(makeEntry(1, entry), makeVisitor(visitor))).toBe(expected);
  });
});
