import { describe, expect, test } from "bun:test";
import { RouteCache } from "../../../src/links/route-cache";
import { parseChange } from "../../../src/links/routing-listener";
import type { RoutingPlan } from "../../../src/routing/types";

const plan = (code: string, smartlinkId: number, publisherId: number, campaignIds: number[]): RoutingPlan => ({
  code,
  smartlinkId,
  publisherId,
  smartlinkActive: true,
  accessApproved: true,
  fallbackUrl: null,
  rotation: "weighted",
  optimizeFor: "epc",
  explorationClicks: 50,
  tiers: [
    campaignIds.map((campaignId) => ({
      campaignId,
      weight: 1,
      priority: 1,
      countries: new Set<string>(),
      devices: new Set(),
      campaignActive: true,
      urlTemplate: `https://x.example/${campaignId}`,
    })),
  ],
});

const PLANS: Record<string, RoutingPlan> = {
  aaaa1111: plan("aaaa1111", 1, 10, [100, 101]),
  bbbb2222: plan("bbbb2222", 1, 11, [100, 101]),
  cccc3333: plan("cccc3333", 2, 10, [102]),
};

function makeCache() {
  const loads: string[] = [];
  const cache = new RouteCache({
    max: 100,
    ttlMs: 60_000,
    loader: async (code) => {
      loads.push(code);
      return PLANS[code] ?? null;
    },
  });
  return { cache, loads };
}

async function warm(cache: RouteCache) {
  for (const code of [...Object.keys(PLANS), "unknown1"]) await cache.load(code);
}

describe("RouteCache", () => {
  test("a miss loads once for concurrent requests, then hits synchronously", async () => {
    const { cache, loads } = makeCache();
    expect(cache.peek("aaaa1111")).toBeUndefined();
    const [x, y] = await Promise.all([cache.load("aaaa1111"), cache.load("aaaa1111")]);
    expect(x).toBe(PLANS.aaaa1111!);
    expect(y).toBe(PLANS.aaaa1111!);
    expect(loads).toEqual(["aaaa1111"]);
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
  });

  test("unknown codes are cached negatively", async () => {
    const { cache, loads } = makeCache();
    expect(await cache.load("unknown1")).toBeNull();
    expect(cache.peek("unknown1")).toBeNull();
    expect(loads).toEqual(["unknown1"]);
  });

  test.each([
    ["smartlink", { kind: "smartlink", id: 1 } as const, ["cccc3333", "unknown1"]],
    ["campaign", { kind: "campaign", id: 102 } as const, ["aaaa1111", "bbbb2222", "unknown1"]],
    ["publisher", { kind: "publisher", id: 10 } as const, ["bbbb2222", "unknown1"]],
    ["access", { kind: "access", id: 9, code: "unknown1" } as const, ["aaaa1111", "bbbb2222", "cccc3333"]],
  ])("a %s change evicts exactly the affected codes", async (_kind, change, kept) => {
    const { cache } = makeCache();
    await warm(cache);
    cache.invalidate(change);
    const still = [...Object.keys(PLANS), "unknown1"].filter((code) => cache.peek(code) !== undefined);
    expect(still.sort()).toEqual([...kept].sort());
  });

  test("a load that raced an invalidation is answered but not cached", async () => {
    let release!: () => void;
    const cache = new RouteCache({
      max: 10,
      ttlMs: 60_000,
      loader: () => new Promise((resolve) => (release = () => resolve(PLANS.aaaa1111!))),
    });
    const pending = cache.load("aaaa1111");
    cache.invalidate({ kind: "smartlink", id: 1 });
    release();
    expect(await pending).toBe(PLANS.aaaa1111!);
    expect(cache.peek("aaaa1111")).toBeUndefined();
  });

  test("clear drops everything", async () => {
    const { cache } = makeCache();
    await warm(cache);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe("parseChange", () => {
  test.each([
    ['{"kind" : "smartlink", "id" : 3}', { kind: "smartlink", id: 3 }],
    ['{"kind":"campaign","id":4}', { kind: "campaign", id: 4 }],
    ['{"kind":"publisher","id":5}', { kind: "publisher", id: 5 }],
    ['{"kind":"access","id":6,"code":"abcd1234"}', { kind: "access", id: 6, code: "abcd1234" }],
    ['{"kind":"access","id":6}', null],
    ['{"kind":"other","id":1}', null],
    ["not json", null],
  ])("%s", (payload, expected) => {
    expect(parseChange(payload)).toEqual(expected as never);
  });
});

test("resolve answers a hit from the cache and loads a miss once", async () => {
  const { cache, loads } = makeCache();
  expect(await cache.resolve("aaaa1111")).toBe(PLANS.aaaa1111!);
  expect(await cache.resolve("aaaa1111")).toBe(PLANS.aaaa1111!);
  expect(loads).toEqual(["aaaa1111"]);
});
