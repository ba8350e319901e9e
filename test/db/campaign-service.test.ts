import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import {
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from "../../src/campaigns/campaign-service";
import { createSmartlink } from "../../src/smartlinks/smartlink-service";
import { ConflictError, NotFoundError, ValidationError } from "../../src/errors";
import { openTestDatabase, resetDatabase } from "./fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => resetDatabase(database));

const offer = { name: "Offer A", destinationUrl: "https://adv.example/o?cid={click_id}", payout: "1.5", revenue: 2 };

describe("createCampaign", () => {
  test("stores normalized values and defaults", async () => {
    const row = await createCampaign(database.db, { ...offer, name: "  Offer A  " });
    expect(row).toEqual({
      id: 1,
      name: "Offer A",
      destinationUrl: "https://adv.example/o?cid={click_id}",
      payout: "1.50",
      revenue: "2.00",
      status: "active",
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await getCampaign(database.db, 1)).toEqual(row);
  });

  test("defaults money to 0.00", async () => {
    const row = await createCampaign(database.db, { name: "Free", destinationUrl: "http://x.example/" });
    expect([row.payout, row.revenue]).toEqual(["0.00", "0.00"]);
  });

  test("reports every bad field at once", async () => {
    const err = await createCampaign(database.db, {
      name: " ",
      destinationUrl: "javascript:alert(1)",
      payout: "-1",
      revenue: 0.1 + 0.2,
      status: "gone" as never,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors).toEqual({
      name: "must be 1 to 200 characters",
      destination_url: "must be an absolute http or https URL",
      payout: 'must be a non-negative amount with at most 2 decimals, like "1.50"',
      revenue: 'must be a non-negative amount with at most 2 decimals, like "1.50"',
      status: "must be one of active, paused",
    });
    expect(await listCampaigns(database.db)).toEqual([]);
  });

  test.each([
    ["https://a.example/{click_id}/{sub1}", true],
    ["https://{sub1}.example.com/", false], // a visitor's sub-ID would choose the host
    ["https://bücher.example/?s={sub1}", true],
    ["https://a.example/\x01", false],
    ["HTTP://A.EXAMPLE", true],
    ["ftp://a.example/", false],
    ["/relative/path", false],
    ["https://a.example/with space", false],
    ["data:text/html,hi", false],
  ])("destination %p valid: %p", async (url, ok) => {
    const result = await createCampaign(database.db, { name: "x", destinationUrl: url }).then(
      () => true,
      (e) => (e instanceof ValidationError ? false : Promise.reject(e)),
    );
    expect(result).toBe(ok);
  });
});

describe("updateCampaign / deleteCampaign", () => {
  test("changes only the given fields", async () => {
    const created = await createCampaign(database.db, offer);
    const updated = await updateCampaign(database.db, created.id, { payout: "3", status: "paused" });
    expect(updated).toEqual({ ...created, payout: "3.00", status: "paused", updatedAt: expect.any(Date) });
  });

  test("unknown ids are NotFoundError", async () => {
    await expect(updateCampaign(database.db, 42, { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCampaign(database.db, 42)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCampaign(database.db, 42)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("refuses to delete a campaign in a pool", async () => {
    const a = await createCampaign(database.db, offer);
    const b = await createCampaign(database.db, { ...offer, name: "B" });
    await createSmartlink(database.db, { name: "S", pool: [{ campaignId: a.id }] });
    await expect(deleteCampaign(database.db, a.id)).rejects.toBeInstanceOf(ConflictError);
    await deleteCampaign(database.db, b.id);
    expect((await listCampaigns(database.db)).map((c) => c.id)).toEqual([a.id]);
  });
});
