/**
 * The batched plan query (`code = any($1::text[])`) and the warm-up query, on both backends.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { clicks } from "../../src/db/schema";
import { loadPlans, recentlyClickedCodes } from "../../src/links/load-plan";
import { openTestDatabase, postgresAvailable, type Backend } from "../helpers/databases";
import { makeClick } from "../factories/click";

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];

describe.each(backends)("loadPlans on %s", (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase(backend));
    for (const statement of [
      sql`insert into campaigns (name, destination_url) values ('A', 'https://a.example/'), ('B', 'https://b.example/')`,
      sql`insert into publishers (name, email) values ('P1', 'p1@example.com'), ('P2', 'p2@example.com')`,
      sql`insert into smartlinks (name, fallback_url) values ('S1', 'https://fallback.example/'), ('S2', null)`,
      sql`insert into pool_entries (smartlink_id, campaign_id, weight, priority, countries) values
        (1, 1, 70, 1, '{US}'), (1, 2, 30, 2, '{}'), (2, 2, 100, 1, '{}')`,
      sql`insert into smartlink_publishers (smartlink_id, publisher_id, status, code) values
        (1, 1, 'approved', 'Code0001'), (1, 2, 'pending', 'Code0002'), (2, 1, 'approved', 'Code0003')`,
    ]) {
      await database.db.execute(statement);
    }
  });
  afterAll(() => dispose?.());

  test("many codes in one query; unknown ones absent; tiers in priority order", async () => {
    const plans = await loadPlans(database.db, ["Code0001", "Code0002", "Code0003", "Nope0000", 'quo"te\\']);
    expect([...plans.keys()].sort()).toEqual(["Code0001", "Code0002", "Code0003"]);
    expect(plans.get("Code0001")).toMatchObject({
      smartlinkId: 1,
      publisherId: 1,
      accessApproved: true,
      fallbackUrl: "https://fallback.example/",
      tiers: [[{ campaignId: 1, weight: 70, countries: new Set(["US"]) }], [{ campaignId: 2, weight: 30 }]],
    });
    expect(plans.get("Code0002")).toMatchObject({ publisherId: 2, accessApproved: false });
    expect(plans.get("Code0003")!.tiers).toHaveLength(1);
    expect((await loadPlans(database.db, [])).size).toBe(0);
  });

  test("recently clicked codes come busiest first, older clicks ignored", async () => {
    const old = new Date(Date.now() - 2 * 3_600_000);
    const rows = [
      ...Array.from({ length: 3 }, () => makeClick({ smartlinkId: 2, publisherId: 1 })),
      ...Array.from({ length: 2 }, () => makeClick({ smartlinkId: 1, publisherId: 1 })),
      ...Array.from({ length: 9 }, () => makeClick({ smartlinkId: 1, publisherId: 2, createdAt: old })),
    ];
    await database.db.insert(clicks).values(rows);
    expect(await recentlyClickedCodes(database.db, 3_600_000, 10)).toEqual(["Code0003", "Code0001"]);
    expect(await recentlyClickedCodes(database.db, 3_600_000, 1)).toEqual(["Code0003"]);
  });
});
