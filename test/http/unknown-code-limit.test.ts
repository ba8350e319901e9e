/**
 * Unknown tracking-link codes cannot make every request a database query: past
 * UNKNOWN_CODE_LIMIT_PER_MINUTE misses, an address (IPv6: its /64) is answered 404 for codes
 * not in the route cache without asking the database, while other addresses, and visitors of
 * real links, are served as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { newLinkCode } from "../../src/links/link-code";
import { startTestServer, type TestServer } from "../helpers/test-server";

const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const LIMIT = 3; // one token back every 20 s: far slower than these tests

describe("the per-address limit on unknown codes", () => {
  let server: TestServer;
  let code: string;

  beforeAll(async () => {
    server = await startTestServer("pglite", { UNKNOWN_CODE_LIMIT_PER_MINUTE: String(LIMIT) });
    const campaign = await server.api("POST", "/api/v1/campaigns", { name: "Offer", destination_url: "https://adv.example/o" });
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "Link",
      visibility: "public",
      pool: [{ campaign_id: campaign.body.id, weight: 100, priority: 1 }],
    });
    const publisher = await server.api("POST", "/api/v1/publishers", { name: "Pub", email: "pub@example.com" });
    const access = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, { publisher_id: publisher.body.id });
    code = access.body.code;
  });
  afterAll(() => server?.dispose());

  const visit = (path: string, ip: string) => server.get(path, { headers: { "user-agent": UA, "x-forwarded-for": ip } });
  /** Visit the real link after emptying the route cache, so serving it needs the database. */
  const visitUncached = (ip: string) => {
    server.deps.routes.clear();
    return visit(`/s/${code}`, ip);
  };
  const missAll = async (ip: string) => {
    for (let i = 0; i < LIMIT; i++) expect((await visit(`/s/${newLinkCode()}`, ip)).status).toBe(404);
  };

  test("past the limit, an address gets 404 without a lookup; another address is served", async () => {
    await missAll("203.0.113.7");
    expect((await visitUncached("203.0.113.7")).status).toBe(404);
    expect((await visitUncached("203.0.113.8")).status).toBe(302);
  });

  test("a cached code is served to a limited address", async () => {
    await missAll("203.0.113.9");
    expect((await visitUncached("203.0.113.10")).status).toBe(302);
    expect((await visit(`/s/${code}`, "203.0.113.9")).status).toBe(302);
  });

  test("misses on codes that exist are refunded", async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await visitUncached("198.51.100.9")).status).toBe(302);
  });

  test("an IPv6 /64 shares one budget", async () => {
    await missAll("2001:db8:5:6::1");
    expect((await visitUncached("2001:db8:5:6::2")).status).toBe(404);
    expect((await visitUncached("2001:db8:5:7::1")).status).toBe(302);
  });
});
