/**
 * Over real HTTP (PGlite): the security headers of portal pages (and their absence on /s/), the
 * request id on portal and API answers, the real 404 and 403 pages, and the favicon.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { hashPassword } from "../../src/auth/sign-in";
import { users } from "../../src/db/schema";
import { createPublisher } from "../../src/publishers/publisher-service";
import { startTestServer, TEST_API_KEY, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "../portal/publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PUBLISHER = { email: "pub@example.com", password: "publisher-password-123" };

let server: TestServer;
let admin: PortalSession;
let publisher: PortalSession;
let code = "";

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  const db = server.deps.database.db;
  const pub = await createPublisher(db, { name: "Pub", email: "pub-org@example.com" });
  await db
    .insert(users)
    .values({ ...PUBLISHER, name: "Pub user", role: "publisher", publisherId: pub.id, passwordHash: await hashPassword(PUBLISHER.password) });
  const offer = await server.api("POST", "/api/v1/campaigns", { name: "Offer", destination_url: "https://adv.example/o" });
  const link = await server.api("POST", "/api/v1/smartlinks", { name: "Deals", pool: [{ campaign_id: offer.body.id }] });
  const granted = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, { publisher_id: pub.id });
  code = granted.body.code;
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  publisher = portalSession(server);
  await publisher.signIn(PUBLISHER.email, PUBLISHER.password);
}, 60_000);
afterAll(() => server?.dispose());

describe("security headers", () => {
  test("portal pages forbid framing, sniffing and foreign scripts; no HSTS over plain http", async () => {
    for (const res of [await server.get("/login"), await admin.get("/admin"), await server.get("/no-such-page")]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  test("signed-in pages, redirects and partials are never stored", async () => {
    expect((await admin.get("/admin")).headers.get("cache-control")).toBe("no-store");
    expect((await publisher.get("/publisher")).headers.get("cache-control")).toBe("no-store");
    expect((await publisher.get("/publisher/smartlinks", { htmx: true })).headers.get("cache-control")).toBe("no-store");
    expect((await server.get("/admin")).headers.get("cache-control")).toBe("no-store");
  });

  test("HSTS only when a trusted proxy says the request came over https", async () => {
    const https = await server.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  test("static files stay cacheable", async () => {
    const res = await server.get("/public/app.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).not.toBe("no-store");
  });

  test("/s/ stays lean: no portal headers, no request id", async () => {
    const res = await server.get(`/s/${code}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("x-request-id")).toBeNull();
  });

  test("every portal and API answer carries its own request id", async () => {
    const ids = [
      (await server.get("/login")).headers.get("x-request-id"),
      (await admin.get("/admin")).headers.get("x-request-id"),
      (await server.get("/api/v1/campaigns", { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).headers.get("x-request-id"),
      (await server.get("/api/v1/campaigns")).headers.get("x-request-id"),
    ];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("404 and 403 pages", () => {
  test("an unknown URL is the 404 page in the layout, not a bare NOT_FOUND", async () => {
    for (const session of [null, admin, publisher]) {
      const res = session ? await session.get("/nowhere/at-all") : await server.get("/nowhere/at-all");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toStartWith("text/html");
      const html = await res.text();
      expect(html).toStartWith("<!doctype html>");
      expect(html).toContain("<h1>Not found</h1>");
      expect(html).toContain('<link rel="icon" href="/public/favicon.svg"');
    }
  });

  test("an unknown API URL is JSON", async () => {
    const res = await server.get("/api/nothing", { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found" });
  });

  test("a publisher opening /admin is told it is the admin's area and sent home, not to sign-in", async () => {
    const res = await publisher.get("/admin");
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("This page is in the network admin");
    expect(html).toContain('href="/publisher"');
    expect(html).not.toContain("sign-in");
  });

  test("the admin opening the publisher portal is told whose area it is", async () => {
    const res = await admin.get("/publisher/reports");
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("This page is in the publisher portal");
    expect(html).toContain('href="/admin"');
  });

  test("the favicon is served, also at /favicon.ico", async () => {
    for (const path of ["/public/favicon.svg", "/favicon.ico"]) {
      const res = await server.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toStartWith("image/svg+xml");
      expect(await res.text()).toStartWith("<svg");
    }
  });
});
