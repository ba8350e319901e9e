/**
 * Offer stats for auto rotation, counted from real click rows on PGlite: only counted clicks
 * (no bots, HEAD requests or test clicks) of the smartlink, per campaign.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import { StatsCache } from "../../src/links/stats-cache";
import { openTestDatabase } from "../helpers/databases";
import { makeClick } from "../factories/click";

let database: Database;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase("pglite"));
  await database.insertClicks([
    makeClick({ smartlinkId: 1, campaignId: 10 }),
    makeClick({ smartlinkId: 1, campaignId: 10 }),
    makeClick({ smartlinkId: 1, campaignId: 10, isBot: true }),
    makeClick({ smartlinkId: 1, campaignId: 10, isHead: true }),
    makeClick({ smartlinkId: 1, campaignId: 10, isTest: true }),
    makeClick({ smartlinkId: 1, campaignId: 11 }),
    makeClick({ smartlinkId: 1, campaignId: null, reason: "no_eligible_offer" }),
    makeClick({ smartlinkId: 1, campaignId: 11, createdAt: new Date(Date.now() - 40 * 86_400_000) }),
    makeClick({ smartlinkId: 2, campaignId: 10 }),
  ]);
});
afterAll(() => dispose());

test("counts a smartlink's counted clicks per campaign within the window", async () => {
  const stats = new StatsCache(database.db, { refreshMs: 60_000, windowDays: 30 });
  expect(stats.get(1)).toBeUndefined(); // first use starts a background load
  await stats.reload(1);
  expect(stats.get(1)).toEqual(
    new Map([
      [10, { clicks: 2, revenueCents: 0, payoutCents: 0 }],
      [11, { clicks: 1, revenueCents: 0, payoutCents: 0 }],
    ]),
  );
});

test("a failed load keeps the old stats and reports the error", async () => {
  const other = await openTestDatabase("pglite");
  await other.database.insertClicks([makeClick({ smartlinkId: 1, campaignId: 10 })]);
  const errors: unknown[] = [];
  const stats = new StatsCache(other.database.db, { refreshMs: 60_000, windowDays: 30, onError: (e) => errors.push(e) });
  await stats.reload(1);
  await other.dispose(); // the database goes away
  await stats.reload(1);
  expect(errors.length).toBe(1);
  expect(stats.get(1)?.get(10)?.clicks).toBe(1);
});
