import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { poolEntries, smartlinkPublishers } from "../../src/db/schema";
import { createCampaign } from "../../src/campaigns/campaign-service";
import { createPublisher } from "../../src/publishers/publisher-service";
import {
  createSmartlink,
  deleteSmartlink,
  getSmartlink,
  grantAccess,
  listSmartlinks,
  updateSmartlink,
} from "../../src/smartlinks/smartlink-service";
import { NotFoundError, ValidationError } from "../../src/errors";
import { isWellFormedCode } from "../../src/links/link-code";
import { openTestDatabase, resetDatabase } from "./fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await resetDatabase(database);
  await createCampaign(database.db, { name: "A", destinationUrl: "https://a.example/{click_id}" });
  await createCampaign(database.db, { name: "B", destinationUrl: "https://b.example/" });
  await createPublisher(database.db, { name: "Pub", email: "pub@example.com" });
});

const errorsOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => {
      if (!(e instanceof ValidationError)) throw e;
      return e.errors;
    },
  );

describe("createSmartlink", () => {
  test("applies defaults and normalizes the pool", async () => {
    const link = await createSmartlink(database.db, {
      name: "Dating",
      tags: [" a ", "b", "a"],
      trackingDomain: "Track.Example.com",
      fallbackUrl: "https://fallback.example/",
      pool: [
        { campaignId: 1, countries: ["us", "DE", "us"], devices: ["mobile"] },
        { campaignId: 2, weight: 0, priority: 3 },
      ],
    });
    expect(link).toEqual({
      id: 1,
      name: "Dating",
      description: "",
      tags: ["a", "b"],
      visibility: "ask",
      trackingDomain: "track.example.com",
      fallbackUrl: "https://fallback.example/",
      status: "active",
      rotation: "weighted",
      optimizeFor: "epc",
      explorationClicks: 50,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      pool: [
        { campaignId: 1, campaignName: "A", weight: 100, priority: 1, countries: ["US", "DE"], devices: ["mobile"] },
        { campaignId: 2, campaignName: "B", weight: 0, priority: 3, countries: [], devices: [] },
      ],
      publishers: [],
    });
    const { pool: _pool, publishers: _publishers, ...row } = link;
    expect(await listSmartlinks(database.db)).toEqual([row]);
  });

  test("reports field and pool errors together and writes nothing", async () => {
    const errors = await errorsOf(
      createSmartlink(database.db, {
        name: "",
        trackingDomain: "https://track.example.com/",
        fallbackUrl: "javascript:alert(1)",
        explorationClicks: -1,
        pool: [
          { campaignId: 1, weight: -5, countries: ["USA", "zz", "fr"], devices: ["watch"] },
          { campaignId: 99 },
          { campaignId: 2, priority: 0 },
        ],
      }),
    );
    expect(errors).toEqual({
      name: "must be 1 to 200 characters",
      tracking_domain:
        "must be a host name like track.example.com (optionally with :port), without scheme or path",
      fallback_url: "must be an absolute http or https URL",
      exploration_clicks: "must be a whole number from 0 to 1000000",
      "pool.0.weight": "must be a whole number from 0 to 10000",
      "pool.0.countries.0": "must be an ISO 3166-1 alpha-2 country code",
      "pool.0.countries.1": "must be an ISO 3166-1 alpha-2 country code",
      "pool.0.devices.0": "must be one of mobile, tablet, desktop",
      "pool.1.campaign_id": "not found",
      "pool.2.priority": "must be a whole number from 1 to 100",
    });
    expect(await listSmartlinks(database.db)).toEqual([]);
  });

  test("an unknown campaign alone rolls the whole create back", async () => {
    const errors = await errorsOf(createSmartlink(database.db, { name: "S", pool: [{ campaignId: 1 }, { campaignId: 7 }] }));
    expect(errors).toEqual({ "pool.1.campaign_id": "not found" });
    expect(await listSmartlinks(database.db)).toEqual([]);
    expect(await database.db.select().from(poolEntries)).toEqual([]);
  });

  test.each([
    ["track.example.com", "track.example.com"],
    ["localhost:3000", "localhost:3000"],
    ["", null],
    [null, null],
  ])("tracking domain %p is stored as %p", async (input, stored) => {
    const link = await createSmartlink(database.db, { name: "S", trackingDomain: input });
    expect(link.trackingDomain).toBe(stored);
  });

  test.each(["track.example.com/path", "-bad.example", "a..b", "host:99999", "exa mple.com"])(
    "tracking domain %p is refused",
    async (input) => {
      expect(Object.keys((await errorsOf(createSmartlink(database.db, { name: "S", trackingDomain: input }))) ?? {})).toEqual([
        "tracking_domain",
      ]);
    },
  );
});

describe("updateSmartlink", () => {
  test("replaces the pool and keeps unspecified fields", async () => {
    const link = await createSmartlink(database.db, {
      name: "S",
      description: "d",
      pool: [{ campaignId: 1 }, { campaignId: 2 }],
    });
    const updated = await updateSmartlink(database.db, link.id, {
      status: "paused",
      fallbackUrl: null,
      pool: [{ campaignId: 2, weight: 7, countries: ["gb"] }],
    });
    expect(updated).toEqual({
      ...link,
      status: "paused",
      updatedAt: expect.any(Date),
      pool: [{ campaignId: 2, campaignName: "B", weight: 7, priority: 1, countries: ["GB"], devices: [] }],
    });
    expect((await database.db.select().from(poolEntries)).length).toBe(1);
  });

  test("without pool, leaves the pool alone; an empty pool clears it", async () => {
    const link = await createSmartlink(database.db, { name: "S", pool: [{ campaignId: 1 }] });
    expect((await updateSmartlink(database.db, link.id, { name: "T" })).pool.length).toBe(1);
    expect((await updateSmartlink(database.db, link.id, { pool: [] })).pool).toEqual([]);
  });

  test("a bad pool changes nothing", async () => {
    const link = await createSmartlink(database.db, { name: "S", pool: [{ campaignId: 1 }] });
    const errors = await errorsOf(updateSmartlink(database.db, link.id, { name: "T", pool: [{ campaignId: 55 }] }));
    expect(errors).toEqual({ "pool.0.campaign_id": "not found" });
    expect(await getSmartlink(database.db, link.id)).toEqual(link);
  });

  test("unknown smartlink is NotFoundError (before validation)", async () => {
    await expect(updateSmartlink(database.db, 5, { name: "" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSmartlink(database.db, 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSmartlink(database.db, 5)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("grantAccess", () => {
  test("creates an approved access row with a fresh code, then keeps it", async () => {
    const link = await createSmartlink(database.db, { name: "S", trackingDomain: "t.example" });
    const first = await grantAccess(database.db, link.id, 1);
    expect(first).toEqual({
      created: true,
      trackingDomain: "t.example",
      access: {
        id: 1,
        smartlinkId: link.id,
        publisherId: 1,
        status: "approved",
        code: expect.any(String),
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
        decidedAt: expect.any(Date),
      },
    });
    expect(isWellFormedCode(first.access.code)).toBe(true);
    const again = await grantAccess(database.db, link.id, 1);
    expect(again.created).toBe(false);
    expect(again.access).toEqual({ ...first.access, updatedAt: expect.any(Date) });
  });

  test("approves a pending request and keeps its code", async () => {
    const link = await createSmartlink(database.db, { name: "S" });
    await database.db.insert(smartlinkPublishers).values({ smartlinkId: link.id, publisherId: 1, code: "PENDING1" });
    const { access, created } = await grantAccess(database.db, link.id, 1);
    expect([created, access.status, access.code, access.decidedAt instanceof Date]).toEqual([
      false,
      "approved",
      "PENDING1",
      true,
    ]);
    expect((await getSmartlink(database.db, link.id)).publishers).toEqual([
      { publisherId: 1, name: "Pub", status: "approved", code: "PENDING1", createdAt: expect.any(Date) },
    ]);
  });

  test("unknown smartlink and unknown publisher", async () => {
    await expect(grantAccess(database.db, 9, 1)).rejects.toBeInstanceOf(NotFoundError);
    const link = await createSmartlink(database.db, { name: "S" });
    expect(await errorsOf(grantAccess(database.db, link.id, 9))).toEqual({ publisher_id: "not found" });
  });

  test("deleting the smartlink removes pool and access rows", async () => {
    const link = await createSmartlink(database.db, { name: "S", pool: [{ campaignId: 1 }] });
    await grantAccess(database.db, link.id, 1);
    await deleteSmartlink(database.db, link.id);
    expect(await database.db.select().from(poolEntries)).toEqual([]);
    expect(await database.db.select().from(smartlinkPublishers).where(eq(smartlinkPublishers.smartlinkId, link.id))).toEqual([]);
  });
});
