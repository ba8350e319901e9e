/**
 * No stored URL can make /s/:code answer 5xx or put anything but visible ASCII into Location:
 * rows written before URLs were normalised (inserted here straight into the database) are
 * normalised when served, and a template that gives no usable URL sends the click to the
 * fallback, recorded with the reason `bad_destination`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { campaigns, clicks, smartlinks } from "../../src/db/schema";
import { makeTestClick } from "../../src/clicks/test-click";
import { readSubIds } from "../../src/links/sub-ids";
import { startTestServer, type TestServer } from "../helpers/test-server";

const FALLBACK = "https://fallback.example/smartlink";
const NETWORK_FALLBACK = "https://network.example/default";
const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

describe("stored destination URLs that cannot go into a Location header", () => {
  let server: TestServer;
  let publisherId: number;

  beforeAll(async () => {
    server = await startTestServer("pglite", { DEFAULT_FALLBACK_URL: NETWORK_FALLBACK });
    const publisher = await server.api("POST", "/api/v1/publishers", { name: "Pub", email: "pub@example.com" });
    publisherId = publisher.body.id;
  });
  afterAll(() => server?.dispose());

  /** A smartlink whose only offer has `template`, stored as is; returns its tracking code. */
  async function linkTo(template: string, fallbackUrl: string | null = FALLBACK): Promise<string> {
    const db = server.deps.database.db;
    const [campaign] = await db.insert(campaigns).values({ name: "Stored earlier", destinationUrl: template }).returning();
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "Link",
      visibility: "public",
      pool: [{ campaign_id: campaign!.id, weight: 100, priority: 1 }],
    });
    expect(link.status).toBe(201);
    await db.update(smartlinks).set({ fallbackUrl }).where(eq(smartlinks.id, link.body.id));
    const access = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, { publisher_id: publisherId });
    expect(access.status).toBe(201);
    return access.body.code;
  }

  const click = (code: string, query = "") => server.get(`/s/${code}${query}`, { headers: { "user-agent": UA } });

  /** The reason recorded with the last click on `code`. */
  async function reasonOf(code: string): Promise<string> {
    await server.deps.clicks.flush();
    const db = server.deps.database.db;
    const plan = (await server.deps.routes.resolve(code))!;
    const rows = await db.select({ reason: clicks.reason }).from(clicks).where(eq(clicks.smartlinkId, plan.smartlinkId));
    return rows.at(-1)!.reason;
  }

  test("an IDN host with a non-ASCII path and query is served in normal form", async () => {
    const code = await linkTo("https://例え.jp/パス?q=ü&s={sub1}");
    const res = await click(code, "?sub1=hi");
    expect([res.status, res.headers.get("location")]).toEqual([302, "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=%C3%BC&s=hi"]);
  });

  test.each([
    ["a control character", "https://adv.example/\x01?c={click_id}", ""],
    ["a macro in the host", "https://{sub1}/", "?sub1=evil.example"],
    ["a space", "https://adv.example/a b?c={click_id}", ""],
  ])("%s goes to the smartlink fallback as bad_destination", async (_, template, query) => {
    const code = await linkTo(template);
    const res = await click(code, query);
    expect([res.status, res.headers.get("location")]).toEqual([302, FALLBACK]);
    expect(await reasonOf(code)).toBe("bad_destination");
  });

  test("an unusable smartlink fallback is skipped for the network default", async () => {
    const code = await linkTo("https://adv.example/\x01", "https://fallback.example/\x02");
    const res = await click(code);
    expect([res.status, res.headers.get("location")]).toEqual([302, NETWORK_FALLBACK]);
  });

  test("a lone surrogate in a test click's sub-ID is replaced, never a 500", async () => {
    // readSubIds replaces it with U+FFFD; buildDestination's own guard is unit-tested.
    const code = await linkTo("https://adv.example/?s={sub1}");
    const result = await makeTestClick(
      server.deps,
      code,
      { socketAddress: "127.0.0.1", forwardedFor: null, userAgent: UA },
      readSubIds({ sub1: "\ud800" }),
    );
    expect([result?.destination, result?.reason]).toEqual(["https://adv.example/?s=%EF%BF%BD", "offer"]);
  });
});

describe("with no usable URL anywhere", () => {
  let server: TestServer;
  afterAll(() => server?.dispose());

  test("the click gets the no-offer page, not a 5xx", async () => {
    server = await startTestServer("pglite");
    const db = server.deps.database.db;
    const [campaign] = await db.insert(campaigns).values({ name: "Bad", destinationUrl: "https://例え.jp/\x01" }).returning();
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "Link",
      visibility: "public",
      pool: [{ campaign_id: campaign!.id, weight: 100, priority: 1 }],
    });
    const publisher = await server.api("POST", "/api/v1/publishers", { name: "Pub", email: "pub@example.com" });
    const access = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, { publisher_id: publisher.body.id });
    const res = await server.get(`/s/${access.body.code}`, { headers: { "user-agent": UA } });
    expect([res.status, res.headers.get("location")]).toEqual([404, null]);
  });
});
