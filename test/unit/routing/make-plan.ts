/** Builders for routing unit tests: sensible defaults, override what the case is about. */
import { expect } from "bun:test";
import type { Device, PlanEntry, RandomSource, RoutingPlan, Visitor } from "../../../src/routing/types";

export type EntryOverrides = Partial<Omit<PlanEntry, "countries" | "devices">> & {
  countries?: string[];
  devices?: Device[];
};

export function makeEntry(campaignId: number, over: EntryOverrides = {}): PlanEntry {
  const { countries = [], devices = [], ...rest } = over;
  return {
    campaignId,
    weight: 1,
    priority: 1,
    campaignActive: true,
    urlTemplate: `https://adv.example/${campaignId}?c={click_id}`,
    ...rest,
    countries: new Set(countries),
    devices: new Set(devices),
  };
}

export function makePlan(tiers: PlanEntry[][], over: Partial<Omit<RoutingPlan, "tiers">> = {}): RoutingPlan {
  return {
    code: "abc123",
    smartlinkId: 7,
    publisherId: 3,
    smartlinkActive: true,
    accessApproved: true,
    fallbackUrl: "https://fallback.example/",
    rotation: "weighted",
    optimizeFor: "epc",
    explorationClicks: 100,
    tiers,
    ...over,
  };
}

export function makeVisitor(over: Partial<Visitor> = {}): Visitor {
  return { ip: "203.0.113.9", country: "DE", device: "desktop", os: "Windows", browser: "Chrome", isBot: false, ...over };
}

/** A source replaying `values` in order; throws when asked for more, so tests also pin the draw count. */
export function fixedRandom(...values: number[]): RandomSource {
  let next = 0;
  return () => {
    if (next >= values.length) throw new Error(`random() called more than ${values.length} times`);
    return values[next++]!;
  };
}

/** Asserts `count` of `n` Bernoulli(p) trials lies within 5 binomial standard deviations of n * p. */
export function expectShare(count: number, n: number, p: number): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p)).toBeLessThanOrEqual(5 * sigma);
}
