/** Test factory: a complete click record with plausible defaults (a desktop click to an offer). */
import type { ClickRecord } from "../../src/clicks/click-record";

export function makeClick(overrides: Partial<ClickRecord> = {}): ClickRecord {
  return {
    id: Bun.randomUUIDv7(),
    createdAt: new Date(),
    smartlinkId: 1,
    publisherId: 1,
    campaignId: 1,
    reason: "offer",
    country: null,
    device: "desktop",
    os: null,
    browser: null,
    ip: null,
    isBot: false,
    isHead: false,
    isTest: false,
    pubSub: null,
    sub1: null,
    sub2: null,
    sub3: null,
    sub4: null,
    sub5: null,
    ...overrides,
  };
}
