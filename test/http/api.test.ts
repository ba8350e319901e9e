/**
 * The JSON API v1 over `app.handle`, mounted with only the edge plugin on a bare Elysia with a migrated in-memory
 * PGlite. Services are covered in test/db; here: auth, status codes, wire shapes, error mapping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import type { AppDeps } from "../../src/app";
import { apiV1 } from "../../src/api/v1";
import { edgePlugin } from "../../src/http/edge-plugin";
import { consoleErrorLogger } from "../helpers/test-logger";
import { createApiKey, revokeApiKey } from "../../src/auth/api-keys";
import type { Database } from "../../src/db/client";
import type { ClickRecord } from "../../src/clicks/click-record";
import { makeClick } from "../factories/click";
import { smartlinkPublishers } from "../../src/db/schema";
import { ISO_TIME, openTestDatabase, resetDatabase } from "../db/fixture";

const PUBLIC_URL = "http://sb.test";

let database: Database;
let app: { handle(request: Request): Promise<Response> };
let key: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const deps = {
    database,
    publicUrl: () => PUBLIC_URL,
    config: { trustProxy: 0 },
    log: consoleErrorLogger(),
  } as unknown as AppDeps;
  // The edge plugin brings the app's one error handler (and the input checks) as in buildApp.
  app = new Elysia().use(edgePlugin(deps)).use(apiV1(deps));
});
afterAll(() => database.close());
beforeEach(async () => {
  await resetDatabase(database);
  key = (await createApiKey(database.db, "test")).key;
});

interface Answer {
  status: number;
  body: any;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await app.handle(new Request(`http://localhost/api/v1${path}`, init));
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text) };
}

const MONEY = 'must be a non-negative amount with at most 2 decimals, like "1.50"';
const URL_MESSAGE = "must be an absolute http or https URL";
const COUNTRY = "must be an ISO 3166-1 alpha-2 country code";

const campaignBody = { name: "Offer A", destination_url: "https://adv.example/o?c={click_id}", payout: "1.5", revenue: 2 };

async function seedNetwork() {
  const a = await call("POST", "/campaigns", campaignBody);
  const b = await call("POST", "/campaigns", { ...campaignBody, name: "Offer B", destination_url: "https://b.example/" });
  const p = await call("POST", "/publishers", { name: "Pub", email: "pub@example.com" });
  expect([a.status, b.status, p.status]).toEqual([201, 201, 201]);
  return { a: a.body.id as number, b: b.body.id as number, publisher: p.body.id as number };
}

describe("auth", () => {
  test.each([
    ["no header", {}, "missing API key: send Authorization: Bearer <key>"],
    ["another scheme", { authorization: "Basic abc" }, "missing API key: send Authorization: Bearer <key>"],
    ["an unknown key", { authorization: "Bearer sb_0000" }, "invalid or revoked API key"],
  ])("401 with %s", async (_, headers, message) => {
    const res = await app.handle(new Request("http://localhost/api/v1/campaigns", { headers }));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="switchboard"');
    expect(await res.json()).toEqual({ error: "unauthorized", message });
  });

  test("401 comes before body validation", async () => {
    const res = await call("POST", "/campaigns", {}, { authorization: "Bearer wrong" });
    expect(res).toEqual({ status: 401, body: { error: "unauthorized", message: "invalid or revoked API key" } });
  });

  test("a revoked key is refused (fresh app, no cache)", async () => {
    const { id, key: other } = await createApiKey(database.db, "other");
    await revokeApiKey(database.db, id);
    expect((await call("GET", "/campaigns", undefined, { authorization: `Bearer ${other}` })).status).toBe(401);
  });

});

describe("campaigns", () => {
  test("create, read, list, patch, delete", async () => {
    const created = await call("POST", "/campaigns", campaignBody);
    const campaign = {
      id: 1,
      name: "Offer A",
      destination_url: "https://adv.example/o?c={click_id}",
      payout: "1.50",
      revenue: "2.00",
      status: "active",
      created_at: expect.stringMatching(ISO_TIME),
      updated_at: expect.stringMatching(ISO_TIME),
    };
    expect(created).toEqual({ status: 201, body: campaign });
    expect(await call("GET", "/campaigns/1")).toEqual({ status: 200, body: campaign });
    expect(await call("GET", "/campaigns")).toEqual({ status: 200, body: { campaigns: [campaign] } });

    const patched = await call("PATCH", "/campaigns/1", { status: "paused", revenue: "3.10" });
    expect(patched).toEqual({ status: 200, body: { ...campaign, status: "paused", revenue: "3.10" } });

    // Absent fields stay as they are (no schema default sneaks in).
    expect(await call("PATCH", "/campaigns/1", { name: "Renamed" })).toEqual({
      status: 200,
      body: { ...campaign, name: "Renamed", status: "paused", revenue: "3.10" },
    });

    expect(await call("DELETE", "/campaigns/1")).toEqual({ status: 204, body: null });
    expect(await call("GET", "/campaigns/1")).toEqual({ status: 404, body: { error: "not_found" } });
  });

  test("409 when deleting a campaign that is in a pool", async () => {
    const { a } = await seedNetwork();
    await call("POST", "/smartlinks", { name: "S", pool: [{ campaign_id: a }] });
    expect(await call("DELETE", `/campaigns/${a}`)).toEqual({
      status: 409,
      body: { error: "conflict", message: "campaign is in a smartlink pool; remove it from every pool first" },
    });
  });
});

describe("422 validation", () => {
  test.each([
    ["missing name", "/campaigns", { destination_url: "https://x.example/" }, { name: "is required" }],
    [
      "missing everything",
      "/campaigns",
      {},
      { name: "is required", destination_url: "is required" },
    ],
    ["empty name", "/campaigns", { ...campaignBody, name: "" }, { name: "must be 1 to 200 characters" }],
    ["a non-URL", "/campaigns", { ...campaignBody, destination_url: "not a url" }, { destination_url: URL_MESSAGE }],
    ["a javascript: URL", "/campaigns", { ...campaignBody, destination_url: "javascript:alert(1)" }, { destination_url: URL_MESSAGE }],
    ["three decimals", "/campaigns", { ...campaignBody, payout: "1.234" }, { payout: MONEY }],
    ["negative money", "/campaigns", { ...campaignBody, payout: -1, revenue: "abc" }, { payout: MONEY, revenue: MONEY }],
    ["a float artefact", "/campaigns", { ...campaignBody, payout: 0.1 + 0.2 }, { payout: MONEY }],
    ["a bad status", "/campaigns", { ...campaignBody, status: "on" }, { status: "must be one of active, paused" }],
    ["a bad e-mail", "/publishers", { name: "P", email: "nope" }, { email: "must be an e-mail address" }],
    [
      "a negative weight",
      "/smartlinks",
      { name: "S", pool: [{ campaign_id: 1, weight: -1 }] },
      { "pool.0.weight": "must be a whole number from 0 to 10000" },
    ],
    [
      "a three-letter country",
      "/smartlinks",
      { name: "S", pool: [{ campaign_id: 1 }, { campaign_id: 1, countries: ["US", "USA"] }] },
      { "pool.1.countries.1": COUNTRY },
    ],
    [
      "an unassigned country",
      "/smartlinks",
      { name: "S", pool: [{ campaign_id: 1, countries: ["zz"] }] },
      { "pool.0.countries.0": COUNTRY },
    ],
    [
      "an unknown device and a string priority",
      "/smartlinks",
      { name: "S", pool: [{ campaign_id: 1, devices: ["watch"], priority: "high" }] },
      { "pool.0.devices.0": "must be one of mobile, tablet, desktop", "pool.0.priority": "must be a whole number from 1 to 100" },
    ],
    [
      "an unknown campaign",
      "/smartlinks",
      { name: "S", pool: [{ campaign_id: 1 }, { campaign_id: 404 }] },
      { "pool.1.campaign_id": "not found" },
    ],
    ["a javascript: fallback", "/smartlinks", { name: "S", fallback_url: "javascript:x" }, { fallback_url: URL_MESSAGE }],
    [
      "a tracking domain with scheme",
      "/smartlinks",
      { name: "S", tracking_domain: "https://t.example" },
      { tracking_domain: "must be a host name like track.example.com (optionally with :port), without scheme or path" },
    ],
    ["too many tags", "/smartlinks", { name: "S", tags: Array(21).fill("t") }, { tags: "must have at most 20 items" }],
    ["a bad rotation", "/smartlinks", { name: "S", rotation: "random" }, { rotation: "must be one of weighted, auto" }],
  ])("POST with %s", async (_, path, body, errors) => {
    if (path === "/smartlinks") await call("POST", "/campaigns", campaignBody);
    expect(await call("POST", path, body)).toEqual({ status: 422, body: { error: "validation", errors } });
  });

  test("a duplicate publisher e-mail", async () => {
    await call("POST", "/publishers", { name: "P", email: "p@example.com" });
    expect(await call("POST", "/publishers", { name: "Q", email: "P@example.com" })).toEqual({
      status: 422,
      body: { error: "validation", errors: { email: "already exists" } },
    });
  });

  test("a JSON body that is not an object", async () => {
    await call("POST", "/campaigns", campaignBody);
    expect(await call("PATCH", "/campaigns/1", "null")).toEqual({
      status: 422,
      body: { error: "validation", errors: { body: "must be a JSON object" } },
    });
  });

  test("a body that is not JSON is 400", async () => {
    expect(await call("POST", "/campaigns", "{nope")).toEqual({
      status: 400,
      body: { error: "bad_request", message: "the request body is not valid JSON" },
    });
  });
});

describe("404", () => {
  test.each([
    ["GET", "/campaigns/999"],
    ["GET", "/campaigns/abc"],
    ["PATCH", "/campaigns/999"],
    ["DELETE", "/campaigns/999"],
    ["GET", "/publishers/0"],
    ["GET", "/publishers/1.5"],
    ["GET", "/smartlinks/99999999999"],
    ["PATCH", "/smartlinks/7"],
    ["DELETE", "/smartlinks/7"],
    ["POST", "/smartlinks/7/publishers"],
  ])("%s %s", async (method, path) => {
    const body = method === "POST" ? { publisher_id: 1 } : method === "PATCH" ? { name: "x" } : undefined;
    expect(await call(method, path, body)).toEqual({ status: 404, body: { error: "not_found" } });
  });
});

describe("smartlinks", () => {
  test("create answers the full smartlink; list answers it without pool", async () => {
    const { a, b } = await seedNetwork();
    const res = await call("POST", "/smartlinks", {
      name: "Dating",
      description: "d",
      tags: ["x"],
      visibility: "public",
      fallback_url: "https://fallback.example/",
      rotation: "auto",
      optimize_for: "profit",
      exploration_clicks: 10,
      pool: [
        { campaign_id: a, weight: 70, countries: ["us", "ca"], devices: ["mobile", "tablet"] },
        { campaign_id: b, priority: 2 },
      ],
    });
    const link = {
      id: 1,
      name: "Dating",
      description: "d",
      tags: ["x"],
      visibility: "public",
      tracking_domain: null,
      fallback_url: "https://fallback.example/",
      status: "active",
      rotation: "auto",
      optimize_for: "profit",
      exploration_clicks: 10,
      created_at: expect.stringMatching(ISO_TIME),
      updated_at: expect.stringMatching(ISO_TIME),
    };
    expect(res).toEqual({
      status: 201,
      body: {
        ...link,
        pool: [
          { campaign_id: a, campaign_name: "Offer A", weight: 70, priority: 1, countries: ["US", "CA"], devices: ["mobile", "tablet"] },
          { campaign_id: b, campaign_name: "Offer B", weight: 100, priority: 2, countries: [], devices: [] },
        ],
        publishers: [],
      },
    });
    expect(await call("GET", "/smartlinks")).toEqual({ status: 200, body: { smartlinks: [link] } });
  });

  test("PATCH with pool replaces the pool; without pool keeps it", async () => {
    const { a, b } = await seedNetwork();
    await call("POST", "/smartlinks", { name: "S", pool: [{ campaign_id: a }, { campaign_id: b }] });
    const renamed = await call("PATCH", "/smartlinks/1", { name: "Renamed", tracking_domain: "Track.Example.com" });
    expect([renamed.status, renamed.body.name, renamed.body.tracking_domain, renamed.body.pool.length]).toEqual([
      200,
      "Renamed",
      "track.example.com",
      2,
    ]);
    await call("PATCH", "/smartlinks/1", { status: "paused", visibility: "private", rotation: "auto", optimize_for: "revenue" });
    const replaced = await call("PATCH", "/smartlinks/1", { pool: [{ campaign_id: b, weight: 5, devices: ["desktop"] }] });
    expect([replaced.body.status, replaced.body.visibility, replaced.body.rotation, replaced.body.optimize_for]).toEqual([
      "paused",
      "private",
      "auto",
      "revenue",
    ]);
    expect(replaced.status).toBe(200);
    expect(replaced.body.pool).toEqual([
      { campaign_id: b, campaign_name: "Offer B", weight: 5, priority: 1, countries: [], devices: ["desktop"] },
    ]);
    expect((await call("GET", "/smartlinks/1")).body.pool).toEqual(replaced.body.pool);

    const refused = await call("PATCH", "/smartlinks/1", { name: "Nope", pool: [{ campaign_id: 77 }] });
    expect(refused).toEqual({ status: 422, body: { error: "validation", errors: { "pool.0.campaign_id": "not found" } } });
    expect((await call("GET", "/smartlinks/1")).body).toEqual(replaced.body);
  });

  test("granting access: 201 new, 200 existing; GET lists publishers with tracking URLs", async () => {
    const { publisher } = await seedNetwork();
    await call("POST", "/smartlinks", { name: "Plain" });
    await call("POST", "/smartlinks", { name: "Branded", tracking_domain: "go.example.com" });

    const plain = await call("POST", "/smartlinks/1/publishers", { publisher_id: publisher });
    expect(plain).toEqual({
      status: 201,
      body: {
        publisher_id: publisher,
        status: "approved",
        code: expect.stringMatching(/^[0-9A-Za-z]{8}$/),
        tracking_url: `${PUBLIC_URL}/s/${plain.body.code}`,
      },
    });
    expect(await call("POST", "/smartlinks/1/publishers", { publisher_id: publisher })).toEqual({
      status: 200,
      body: plain.body,
    });

    // A pending request on the branded link: approved, code kept, branded host in the URL.
    await database.db.insert(smartlinkPublishers).values({ smartlinkId: 2, publisherId: publisher, code: "Pend1234" });
    expect(await call("POST", "/smartlinks/2/publishers", { publisher_id: publisher })).toEqual({
      status: 200,
      body: { publisher_id: publisher, status: "approved", code: "Pend1234", tracking_url: "http://go.example.com/s/Pend1234" },
    });
    expect((await call("GET", "/smartlinks/2")).body.publishers).toEqual([
      {
        publisher_id: publisher,
        name: "Pub",
        status: "approved",
        code: "Pend1234",
        tracking_url: "http://go.example.com/s/Pend1234",
        created_at: expect.stringMatching(ISO_TIME),
      },
    ]);

    expect(await call("POST", "/smartlinks/1/publishers", { publisher_id: 999 })).toEqual({
      status: 422,
      body: { error: "validation", errors: { publisher_id: "not found" } },
    });
  });

  test("DELETE removes the smartlink and frees its campaigns", async () => {
    const { a, publisher } = await seedNetwork();
    await call("POST", "/smartlinks", { name: "S", pool: [{ campaign_id: a }] });
    await call("POST", "/smartlinks/1/publishers", { publisher_id: publisher });
    expect(await call("DELETE", "/smartlinks/1")).toEqual({ status: 204, body: null });
    expect((await call("GET", "/smartlinks/1")).status).toBe(404);
    expect((await call("DELETE", `/campaigns/${a}`)).status).toBe(204);
  });
});

describe("publishers", () => {
  test("create, read, list", async () => {
    const created = await call("POST", "/publishers", { name: "Ann", email: "Ann@Example.com", status: "pending" });
    const publisher = {
      id: 1,
      name: "Ann",
      email: "ann@example.com",
      status: "pending",
      created_at: expect.stringMatching(ISO_TIME),
    };
    expect(created).toEqual({ status: 201, body: publisher });
    expect(await call("GET", "/publishers/1")).toEqual({ status: 200, body: publisher });
    expect(await call("GET", "/publishers")).toEqual({ status: 200, body: { publishers: [publisher] } });
    expect(await call("PATCH", "/publishers/1", { status: "active" })).toEqual({
      status: 200,
      body: { ...publisher, status: "active" },
    });
    expect(await call("PATCH", "/publishers/1", { status: "banned" })).toEqual({
      status: 422,
      body: { error: "validation", errors: { status: "must be one of active, pending, suspended" } },
    });
  });
});

describe("clicks", () => {
  /** 5 clicks, oldest first: smartlink 1,2,1,2,1; publisher 1,1,2,1,1. */
  async function seedClicks(): Promise<ClickRecord[]> {
    const rows: ClickRecord[] = [1, 2, 1, 2, 1].map((smartlinkId, i) => makeClick({
      id: Bun.randomUUIDv7(),
      createdAt: new Date(Date.UTC(2026, 1, 1, 12, 0, i)),
      smartlinkId,
      publisherId: i === 2 ? 2 : 1,
      campaignId: i === 4 ? null : 10 + i,
      reason: i === 4 ? "no_eligible_offer" : "offer",
      country: "US",
      device: "mobile",
      os: "iOS",
      browser: "Safari",
      ip: "203.0.113.7",
      isBot: i === 1,
      pubSub: "ps",
      sub1: "s1",
    }));
    await database.insertClicks(rows);
    return rows;
  }

  test("answers whole clicks, newest first", async () => {
    const rows = await seedClicks();
    const res = await call("GET", "/clicks?limit=1");
    expect(res).toEqual({
      status: 200,
      body: {
        clicks: [
          {
            click_id: rows[4]!.id,
            created_at: "2026-02-01T12:00:04.000Z",
            smartlink_id: 1,
            publisher_id: 1,
            campaign_id: null,
            reason: "no_eligible_offer",
            country: "US",
            device: "mobile",
            os: "iOS",
            browser: "Safari",
            ip: "203.0.113.7",
            is_bot: false,
            is_head: false,
            is_test: false,
            pub_sub: "ps",
            sub1: "s1",
            sub2: null,
            sub3: null,
            sub4: null,
            sub5: null,
          },
        ],
        next_cursor: rows[4]!.id,
      },
    });
  });

  test("cursor pagination walks every click once", async () => {
    const rows = await seedClicks();
    const ids: string[] = [];
    let path = "/clicks?limit=2";
    for (let i = 0; i < 10; i++) {
      const { status, body } = await call("GET", path);
      expect(status).toBe(200);
      ids.push(...body.clicks.map((c: { click_id: string }) => c.click_id));
      if (body.next_cursor === null) break;
      path = `/clicks?limit=2&cursor=${body.next_cursor}`;
    }
    expect(ids).toEqual(rows.map((r) => r.id).reverse());
  });

  test("filters by smartlink_id and publisher_id", async () => {
    const rows = await seedClicks();
    const ids = async (q: string) =>
      (await call("GET", `/clicks?${q}`)).body.clicks.map((c: { click_id: string }) => c.click_id);
    expect(await ids("smartlink_id=2")).toEqual([rows[3]!.id, rows[1]!.id]);
    expect(await ids("publisher_id=2")).toEqual([rows[2]!.id]);
    expect(await ids("smartlink_id=1&publisher_id=1")).toEqual([rows[4]!.id, rows[0]!.id]);
    expect(await call("GET", "/clicks?smartlink_id=3")).toEqual({ status: 200, body: { clicks: [], next_cursor: null } });
  });

  test.each([
    ["cursor=not-a-uuid", { cursor: "must be a click id (UUID)" }],
    ["limit=0", { limit: "must be a whole number from 1 to 1000" }],
    ["limit=1001", { limit: "must be a whole number from 1 to 1000" }],
    ["smartlink_id=x", { smartlink_id: "must be a whole number from 1 to 2147483647" }],
    ["publisher_id=9999999999", { publisher_id: "must be a whole number from 1 to 2147483647" }],
    ["limit=0&smartlink_id=0", { limit: "must be a whole number from 1 to 1000", smartlink_id: "must be a whole number from 1 to 2147483647" }],
  ])("422 for %s", async (q, errors) => {
    expect(await call("GET", `/clicks?${q}`)).toEqual({ status: 422, body: { error: "validation", errors } });
  });
});
