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

/** A cache over `PLANS` (or `source`), with a clock the test moves; `loads` lists each query's codes. */
function makeCache(source: Record<string, RoutingPlan> = PLANS) {
  const loads: string[][] = [];
  const clock = { now: 0 };
  let failing = false;
  const cache = new RouteCache({
    max: 100,
    ttlMs: 60_000,
    untrustedTtlMs: 2_000,
    retryMs: 1_000,
    now: () => clock.now,
    loadMany: async (codes) => {
      loads.push(codes);
      if (failing) throw new Error("database down");
      return new Map(codes.filter((c) => source[c]).map((c) => [c, source[c]!]));
    },
  });
  const fail = (on: boolean) => (failing = on);
  return { cache, loads, clock, fail };
}

/** Wait until `done()` holds (background reloads are gathered for 20 ms), polling every 5 ms; fail after 2 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("condition not met within 2 s");
    await Bun.sleep(5);
  }
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
    expect(loads).toEqual([["aaaa1111"]]);
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
  });

  test("misses of different codes in one turn share one query", async () => {
    const { cache, loads } = makeCache();
    const plans = await Promise.all(["aaaa1111", "bbbb2222", "unknown1"].map((c) => cache.load(c)));
    expect(plans).toEqual([PLANS.aaaa1111!, PLANS.bbbb2222!, null]);
    expect(loads).toEqual([["aaaa1111", "bbbb2222", "unknown1"]]);
  });

  test("unknown codes are cached negatively", async () => {
    const { cache, loads } = makeCache();
    expect(await cache.load("unknown1")).toBeNull();
    expect(cache.peek("unknown1")).toBeNull();
    expect(loads).toEqual([["unknown1"]]);
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
      untrustedTtlMs: 2_000,
      loadMany: () => new Promise((resolve) => (release = () => resolve(new Map([["aaaa1111", PLANS.aaaa1111!]])))),
    });
    const pending = cache.load("aaaa1111");
    cache.invalidate({ kind: "smartlink", id: 1 });
    await until(() => release !== undefined);
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
  expect(loads).toEqual([["aaaa1111"]]);
});

describe("stale-while-revalidate", () => {
  const edited = { ...PLANS, aaaa1111: plan("aaaa1111", 1, 10, [101]) };

  test("an expired plan is answered, reloaded in the background, then the new one is answered", async () => {
    const source = { ...PLANS };
    const { cache, loads, clock } = makeCache(source);
    await cache.load("aaaa1111");
    Object.assign(source, edited);
    clock.now = 60_001;
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
    await until(() => cache.pendingLoads === 0);
    expect(cache.peek("aaaa1111")).toBe(edited.aaaa1111);
    expect(loads).toEqual([["aaaa1111"], ["aaaa1111"]]);
  });

  test("while reloads fail the stale plan is kept, retried at most once per retryMs", async () => {
    const { cache, loads, clock, fail } = makeCache();
    await cache.load("aaaa1111");
    fail(true);
    clock.now = 60_001;
    for (let i = 0; i < 5; i++) expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
    await until(() => cache.failedReloads === 1);
    expect(loads.length).toBe(2);
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
    expect(cache.pendingLoads).toBe(0); // not retried before retryMs
    clock.now += 1_001;
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
    expect(cache.pendingLoads).toBe(1);
    await until(() => cache.failedReloads === 2);
    expect(loads.length).toBe(3);
  });

  test("markAllStale keeps every plan and reloads each on its next hit", async () => {
    const source = { ...PLANS };
    const { cache, loads } = makeCache(source);
    await warm(cache);
    Object.assign(source, edited);
    cache.markAllStale();
    expect(cache.size).toBe(4);
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
    await until(() => cache.pendingLoads === 0);
    expect(cache.peek("aaaa1111")).toBe(edited.aaaa1111);
    expect(loads.at(-1)).toEqual(["aaaa1111"]);
  });

  test("while the listener is down plans are trusted for untrustedTtlMs only", async () => {
    const { cache, loads, clock } = makeCache();
    await cache.load("aaaa1111");
    cache.setListening(false);
    clock.now = 2_001;
    cache.peek("aaaa1111");
    expect(cache.pendingLoads).toBe(1);
    await until(() => cache.pendingLoads === 0);
    expect(loads.length).toBe(2);
    cache.setListening(true);
    clock.now = 4_002;
    cache.peek("aaaa1111");
    expect(cache.pendingLoads).toBe(0);
  });

  test("loadWithin gives up after its budget; the load goes on and fills the cache", async () => {
    let release!: () => void;
    const cache = new RouteCache({
      max: 10,
      ttlMs: 60_000,
      untrustedTtlMs: 2_000,
      loadMany: () => new Promise((resolve) => (release = () => resolve(new Map([["aaaa1111", PLANS.aaaa1111!]])))),
    });
    await expect(cache.loadWithin("aaaa1111", 20)).rejects.toThrow("route miss took longer than 20 ms");
    release();
    await until(() => cache.pendingLoads === 0);
    expect(cache.peek("aaaa1111")).toBe(PLANS.aaaa1111!);
  });

  test("a load that never settles is abandoned after loadDeadlineMs, so the code can load again", async () => {
    let calls = 0;
    const cache = new RouteCache({
      max: 10,
      ttlMs: 60_000,
      untrustedTtlMs: 2_000,
      loadDeadlineMs: 30,
      loadMany: async () => (++calls === 1 ? new Promise<never>(() => {}) : new Map([["aaaa1111", PLANS.aaaa1111!]])),
    });
    await expect(cache.load("aaaa1111")).rejects.toThrow("route load took longer than 30 ms");
    expect(await cache.load("aaaa1111")).toBe(PLANS.aaaa1111!);
  });

  test("warm caches many codes with one query per chunk, unknown ones negatively", async () => {
    const { cache, loads } = makeCache();
    expect(await cache.warm(["aaaa1111", "bbbb2222", "cccc3333", "unknown1"], 3)).toBe(4);
    expect(loads).toEqual([["aaaa1111", "bbbb2222", "cccc3333"], ["unknown1"]]);
    expect(cache.peek("unknown1")).toBeNull();
  });
});
