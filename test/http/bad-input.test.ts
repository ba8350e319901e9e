/**
 * The reproductions of issue 8 (item 3 and the Low items on input) replayed over real HTTP
 * (PGlite): every bad input gets a 4xx, never a 5xx, and no answer carries SQL, a stack, a file
 * path or the submitted value. Bodies are capped (413) and the API key is checked before the
 * body is read. An unexpected error is a generic 500 with a request id that is in the log.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { hashPassword } from "../../src/auth/sign-in";
import { users } from "../../src/db/schema";
import { createPublisher } from "../../src/publishers/publisher-service";
import { applyForSmartlink } from "../../src/smartlinks/access-service";
import { startTestServer, TEST_API_KEY, type TestServer } from "../helpers/test-server";
import { captureLogger } from "../helpers/test-logger";
import { portalSession, type PortalSession } from "../portal/publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PUBLISHER = { email: "pub@example.com", password: "publisher-password-123" };

let server: TestServer;
let admin: PortalSession;
let publisher: PortalSession;
let publisherCsrf = "";
let campaignId = 0;
let smartlinkId = 0;
const db = () => server.deps.database.db;

/** Text that must never be in an answer: SQL, stack frames, source paths, drizzle's wrapper. */
const LEAKS = [/\bselect\b[^<>]*\bfrom\b/i, /\binsert into\b/i, /\bupdate\s+"/i, /failed query/i, /\n\s+at /, /\bat \S+\.(ts|js|tsx):\d+/, /\/work\//, /node_modules/, /src\/\w+/];

/** Assert a 4xx (or `status`) answer without leaks or the echoed secret; returns the body. */
async function expectRefused(res: Response, status?: number, secret?: string): Promise<string> {
  const body = await res.text();
  if (status !== undefined) expect({ status: res.status, body: body.slice(0, 300) }).toMatchObject({ status });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  for (const leak of LEAKS) expect(body).not.toMatch(leak);
  if (secret) expect(body).not.toContain(secret);
  return body;
}

const form = (fields: string) => ({
  method: "POST",
  headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
  body: fields,
});

const apiCall = (method: string, path: string, rawJson: string) =>
  server.get(path, {
    method,
    headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
    body: rawJson,
  });

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  campaignId = (await server.api("POST", "/api/v1/campaigns", { name: "Offer", destination_url: "https://adv.example/o?s={sub1}" })).body.id;
  const link = await server.api("POST", "/api/v1/smartlinks", {
    name: "Deals",
    visibility: "public",
    pool: [{ campaign_id: campaignId }],
  });
  smartlinkId = link.body.id;
  const pub = await createPublisher(db(), { name: "Pub", email: "pub-org@example.com" });
  await db()
    .insert(users)
    .values({ ...PUBLISHER, name: "Pub user", role: "publisher", publisherId: pub.id, passwordHash: await hashPassword(PUBLISHER.password) });
  await applyForSmartlink(db(), smartlinkId, pub.id);
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  publisher = portalSession(server);
  await publisher.signIn(PUBLISHER.email, PUBLISHER.password);
  publisherCsrf = /name="_csrf" value="([^"]+)"/.exec(await publisher.page("/publisher"))![1]!;
}, 60_000);
afterAll(() => server?.dispose());

describe("portal forms", () => {
  test("POST /login with a NUL in the e-mail is a 400 page, not SQL", async () => {
    const res = await server.get("/login", form("email=a%00b%40x.io&password=x"));
    const body = await expectRefused(res, 400);
    expect(res.headers.get("content-type")).toStartWith("text/html");
    expect(body).toContain("must not contain control characters");
  });

  test("POST /signup with a NUL in any field is a 400 page", async () => {
    for (const fields of ["name=a%00b&email=n%40x.io&password=long-enough-pw", "name=ab&email=n%00%40x.io&password=long-enough-pw", "name=ab&email=n%40x.io&password=long%00enough"]) {
      await expectRefused(await server.get("/signup", form(fields)), 400);
    }
  });

  test("a form missing a field is the form again with a message, never JSON echoing the values", async () => {
    const res = await server.get("/login", form("password=hunter2-secret"));
    const body = await expectRefused(res, 422, "hunter2-secret");
    expect(res.headers.get("content-type")).toStartWith("text/html");
    expect(body).toContain("<!doctype html>");
    expect(body).toMatch(/<form[^>]*action="\/login"/);
    expect(body).toContain("Enter your email and password.");
  });

  test("other control characters and lone surrogates in the query are refused", async () => {
    await expectRefused(await server.get("/login?next=%01x"), 400);
    await expectRefused(await publisher.get("/publisher/reports?from=%1b"), 400);
  });
});

describe("ids and dates", () => {
  for (const id of ["1.5", "-1", "1e3", "0x10", "99999999999", "2147483648", "0", "%00"]) {
    test(`admin routes with id ${id} answer 404 before any query`, async () => {
      for (const path of [`/admin/campaigns/${id}/edit`, `/admin/smartlinks/${id}`, `/admin/smartlinks/${id}/edit`]) {
        await expectRefused(await admin.get(path), 404);
      }
      for (const path of [`/admin/campaigns/${id}`, `/admin/campaigns/${id}/pause`, `/admin/publishers/${id}/suspend`, `/admin/api-keys/${id}/revoke`]) {
        await expectRefused(await admin.post(path, { name: "x" }), 404);
      }
      await expectRefused(await publisher.get(`/publisher/smartlinks/${id}`), 404);
    });
  }

  test("report dates out of range are clamped, never a 500", async () => {
    for (const query of ["from=2026-01-01&to=9999-12-31", "from=2024-13-01&to=0001-01-01", "from=0001-01-01&to=0001-01-02", "from=9999-12-31"]) {
      const res = await publisher.get(`/publisher/reports?${query}`);
      const body = await res.text();
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      for (const leak of LEAKS) expect(body).not.toMatch(leak);
    }
  });
});

describe("JSON API", () => {
  test("a NUL or control character in any API string is a 422 naming the field", async () => {
    const created = await apiCall("POST", "/api/v1/campaigns", JSON.stringify({ name: "a\u0000b", destination_url: "https://x.example/" }));
    expect(JSON.parse(await expectRefused(created, 422))).toEqual({ error: "validation", errors: { name: "must not contain control characters" } });
    const patched = await apiCall("PATCH", `/api/v1/campaigns/${campaignId}`, JSON.stringify({ destination_url: "https://x.example/\u0007" }));
    expect(JSON.parse(await expectRefused(patched, 422)).errors).toEqual({ destination_url: "must not contain control characters" });
    const pool = await apiCall("PATCH", `/api/v1/smartlinks/${smartlinkId}`, JSON.stringify({ pool: [{ campaign_id: campaignId, countries: ["U\u0000"] }] }));
    expect(JSON.parse(await expectRefused(pool, 422)).errors).toEqual({ "pool.0.countries.0": "must not contain control characters" });
    const query = await server.get("/api/v1/clicks?cursor=%00", { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(JSON.parse(await expectRefused(query, 422)).errors).toEqual({ cursor: "must not contain control characters" });
  });

  test("a lone UTF-16 surrogate is a 422", async () => {
    const res = await apiCall("POST", "/api/v1/publishers", '{"name":"\\ud800","email":"s@x.io"}');
    expect(JSON.parse(await expectRefused(res, 422)).errors).toEqual({ name: "must be valid Unicode text" });
  });

  test("countries nested 5,000 levels deep is a 400", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const res = await apiCall("POST", "/api/v1/smartlinks", `{"name":"d","pool":[{"campaign_id":${campaignId},"countries":${deep}}]}`);
    expect(JSON.parse(await expectRefused(res, 400))).toMatchObject({ error: "bad_request" });
  });

  test("unknown API paths are JSON 404s", async () => {
    const res = await server.get("/api/v1/nothing-here", { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(JSON.parse(await expectRefused(res, 404))).toEqual({ error: "not_found" });
  });
});

describe("test click", () => {
  test('a test click with {"sub1":"\\ud800"} is refused, not a 500', async () => {
    const res = await server.get(`/publisher/smartlinks/${smartlinkId}/test-click`, {
      method: "POST",
      headers: { cookie: publisher.cookie, origin: server.url, "x-csrf-token": publisherCsrf, "content-type": "application/json" },
      body: '{"sub1":"\\ud800"}',
    });
    await expectRefused(res, 400);
  });
});

describe("bodies: authentication first, 1 MiB cap", () => {
  test("an anonymous API call is refused before its body is read (a broken body still gets 401)", async () => {
    const res = await server.get("/api/v1/campaigns", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(JSON.parse(await expectRefused(res, 401))).toMatchObject({ error: "unauthorized" });
  });

  test("an anonymous API body that never ends still gets its 401", async () => {
    let pull = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A few chunks, then the body stalls without ending.
        if (pull++ < 3) controller.enqueue(new TextEncoder().encode('{"name":"'));
        else return new Promise(() => {});
      },
    });
    const res = await server.get("/api/v1/campaigns", { method: "POST", headers: { "content-type": "application/json" }, body: endless });
    expect(res.status).toBe(401);
  });

  test("bodies over 1 MiB are 413, declared or streamed, API and forms", async () => {
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10), destination_url: "https://x.example/" });
    expect((await apiCall("POST", "/api/v1/campaigns", big)).status).toBe(413);
    expect((await server.get("/login", form(`email=a%40b.io&password=${"x".repeat(1024 * 1024 + 10)}`))).status).toBe(413);
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await server.get("/api/v1/campaigns", {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
      body: streamed,
    });
    expect(res.status).toBe(413);
  });
});

describe("unexpected errors", () => {
  let broken: TestServer;
  let log: ReturnType<typeof captureLogger>;
  let brokenAdmin: PortalSession;
  let brokenCode = "";

  beforeAll(async () => {
    log = captureLogger();
    broken = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password }, log.logger);
    brokenAdmin = portalSession(broken);
    await brokenAdmin.signIn(ADMIN.email, ADMIN.password);
    const offer = await broken.api("POST", "/api/v1/campaigns", { name: "Offer", destination_url: "https://adv.example/o" });
    const link = await broken.api("POST", "/api/v1/smartlinks", { name: "Deals", pool: [{ campaign_id: offer.body.id }] });
    const pub = await broken.api("POST", "/api/v1/publishers", { name: "Pub", email: "p@example.com" });
    brokenCode = (await broken.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, { publisher_id: pub.body.id })).body.code;
    expect((await broken.get(`/s/${brokenCode}`)).status).toBe(302); // the plan is cached now
    // A real fault: the table the pages read is gone.
    await broken.deps.database.db.execute(sql`alter table campaigns rename to campaigns_gone`);
  }, 60_000);
  afterAll(() => broken?.dispose());

  test("a portal page answers a generic 500 page with the request id, which is in the log with the error", async () => {
    const res = await brokenAdmin.get("/admin/campaigns");
    expect(res.status).toBe(500);
    const body = await res.text();
    for (const leak of LEAKS) expect(body).not.toMatch(leak);
    expect(body).not.toContain("campaigns_gone");
    const reqId = res.headers.get("x-request-id")!;
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toContain(reqId);
    const line = log.lines.find((l) => l.reqId === reqId && l.level === 50);
    expect(line).toMatchObject({ method: "GET", path: "/admin/campaigns", msg: "request failed" });
    expect(line!.err.message).toContain("campaigns");
  });

  test("an API call answers {error: internal, request_id}", async () => {
    const res = await broken.get("/api/v1/campaigns", { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(500);
    const reqId = res.headers.get("x-request-id");
    expect(await res.json()).toEqual({ error: "internal", request_id: reqId });
    expect(log.lines.some((l) => l.reqId === reqId && l.level === 50)).toBe(true);
  });

  test("/s/ outside Elysia: an unexpected throw is a plain 500, never Bun's developer page with source lines", async () => {
    const readVisitor = broken.deps.readVisitor;
    broken.deps.readVisitor = () => {
      throw new Error("visitor reader exploded");
    };
    try {
      const res = await broken.get(`/s/${brokenCode}`);
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).toBe("Internal Server Error");
      expect(log.lines.some((l) => l.level === 50 && l.err?.message === "visitor reader exploded")).toBe(true);
    } finally {
      broken.deps.readVisitor = readVisitor;
    }
  });
});
