/**
 * Admin catalog pages (dashboard, campaigns, publishers, tracking domains, API keys) over real
 * HTTP (PGlite): who may reach each route (anonymous, publisher, admin), CSRF on every POST, and
 * user text in every field rendered back escaped.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Html } from "@elysiajs/html";
import { createApiKey } from "../../src/auth/api-keys";
import { hashPassword } from "../../src/auth/sign-in";
import { createCampaign } from "../../src/campaigns/campaign-service";
import { apiKeys, campaigns, publishers, trackingDomains, users } from "../../src/db/schema";
import { createPublisher } from "../../src/publishers/publisher-service";
import { addTrackingDomain } from "../../src/tracking-domains/tracking-domain-service";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PUBLISHER = { email: "pub-user@example.com", password: "publisher-password-123" };

let server: TestServer;
let admin: PortalSession;
let publisher: PortalSession;
let raw: { cookie: string; csrf: string };
const db = () => server.deps.database.db;
/** Ids of rows the routes act on, created in beforeAll. */
const seeds = { campaign: 0, publisher: 0, domain: 0, apiKey: 0 };

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  seeds.campaign = (await createCampaign(db(), { name: "Seed offer", destinationUrl: "https://adv.example/o" })).id;
  // The route matrix suspends seeds.publisher; the signed-in publisher user belongs to another
  // publisher (suspension would end its session).
  seeds.publisher = (await createPublisher(db(), { name: "Seed publisher", email: "seed@example.com" })).id;
  const pub = await createPublisher(db(), { name: "Signed-in publisher", email: "signed-in@example.com" });
  seeds.domain = (await addTrackingDomain(db(), "seed.example.com")).id;
  seeds.apiKey = (await createApiKey(db(), "seed key")).id;
  await db()
    .insert(users)
    .values({ ...PUBLISHER, name: "Pub user", role: "publisher", publisherId: pub.id, passwordHash: await hashPassword(PUBLISHER.password) });
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  publisher = portalSession(server);
  await publisher.signIn(PUBLISHER.email, PUBLISHER.password);
  raw = await rawAdminSession();
});
afterAll(() => server?.dispose());

const CAMPAIGN_FORM = { name: "Offer", destination_url: "https://adv.example/x", payout: "1", revenue: "2", status: "active" };

interface RouteCase {
  method: "GET" | "POST";
  path: () => string;
  form?: Record<string, string>;
  /** The admin's status (POSTs without htmx redirect back to their list). */
  admin: number;
}

const ROUTES: Record<string, RouteCase> = {
  "GET /admin": { method: "GET", path: () => "/admin", admin: 200 },
  "GET /admin/campaigns": { method: "GET", path: () => "/admin/campaigns", admin: 200 },
  "GET /admin/campaigns/new": { method: "GET", path: () => "/admin/campaigns/new", admin: 200 },
  "GET /admin/campaigns/:id/edit": { method: "GET", path: () => `/admin/campaigns/${seeds.campaign}/edit`, admin: 200 },
  "GET /admin/publishers": { method: "GET", path: () => "/admin/publishers", admin: 200 },
  "GET /admin/tracking-domains": { method: "GET", path: () => "/admin/tracking-domains", admin: 200 },
  "GET /admin/api-keys": { method: "GET", path: () => "/admin/api-keys", admin: 200 },
  "POST /admin/campaigns": { method: "POST", path: () => "/admin/campaigns", form: CAMPAIGN_FORM, admin: 303 },
  "POST /admin/campaigns/:id": {
    method: "POST",
    path: () => `/admin/campaigns/${seeds.campaign}`,
    form: { ...CAMPAIGN_FORM, name: "Seed offer" },
    admin: 303,
  },
  "POST /admin/campaigns/:id/pause": { method: "POST", path: () => `/admin/campaigns/${seeds.campaign}/pause`, admin: 303 },
  "POST /admin/campaigns/:id/resume": { method: "POST", path: () => `/admin/campaigns/${seeds.campaign}/resume`, admin: 303 },
  "POST /admin/publishers": {
    method: "POST",
    path: () => "/admin/publishers",
    form: { name: "New pub", email: "new-pub@example.com" },
    admin: 303,
  },
  "POST /admin/publishers/:id/suspend": { method: "POST", path: () => `/admin/publishers/${seeds.publisher}/suspend`, admin: 303 },
  "POST /admin/publishers/:id/activate": { method: "POST", path: () => `/admin/publishers/${seeds.publisher}/activate`, admin: 303 },
  "POST /admin/tracking-domains": { method: "POST", path: () => "/admin/tracking-domains", form: { host: "go.example.com" }, admin: 303 },
  "POST /admin/tracking-domains/:id/remove": { method: "POST", path: () => `/admin/tracking-domains/${seeds.domain}/remove`, admin: 303 },
  "POST /admin/api-keys": { method: "POST", path: () => "/admin/api-keys", form: { name: "CI" }, admin: 200 },
  "POST /admin/api-keys/:id/revoke": { method: "POST", path: () => `/admin/api-keys/${seeds.apiKey}/revoke`, admin: 303 },
};
const POSTS = Object.entries(ROUTES).filter(([, route]) => route.method === "POST");

const send = (session: PortalSession, route: RouteCase, htmx = false) =>
  route.method === "GET" ? session.get(route.path(), { htmx }) : session.post(route.path(), route.form, { htmx });

/** Everything the POST routes can change, to show that a refused request changed nothing. */
async function catalogState() {
  const [c, p, d, k] = await Promise.all([
    db().select().from(campaigns),
    db().select().from(publishers),
    db().select().from(trackingDomains),
    db().select().from(apiKeys),
  ]);
  return { c, p, d, k };
}

// Runs before the authorisation matrix, whose admin requests remove and revoke the seeds.
describe("CSRF on every POST", () => {
  test.each(POSTS)("%s without a token is refused", async (_name, route) => {
    const before = await catalogState();
    const res = await server.get(route.path(), {
      method: "POST",
      headers: { cookie: raw.cookie, origin: server.url },
      body: new URLSearchParams(route.form ?? {}),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Your form expired");
    expect(await catalogState()).toEqual(before);
  });

  test.each(POSTS)("%s from a foreign Origin is refused", async (_name, route) => {
    const before = await catalogState();
    const res = await server.get(route.path(), {
      method: "POST",
      headers: { cookie: raw.cookie, origin: "https://evil.example", "x-csrf-token": raw.csrf },
      body: new URLSearchParams(route.form ?? {}),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("did not come from this site");
    expect(await catalogState()).toEqual(before);
  });
});

describe("authorisation", () => {
  test.each(Object.entries(ROUTES))("%s: anonymous to sign-in, publisher 403, admin allowed", async (_name, route) => {
    const anonymous = portalSession(server);
    const path = route.path();
    const login = `/login?next=${encodeURIComponent(path)}`;

    const page = await send(anonymous, route);
    expect([page.status, page.headers.get("location")]).toEqual([303, login]);
    const partial = await send(anonymous, route, true);
    expect([partial.status, partial.headers.get("hx-redirect")]).toEqual([204, login]);

    const refused = await send(publisher, route);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("This page is in the network admin");

    const allowed = await send(admin, route);
    expect(allowed.status).toBe(route.admin);
    expect(allowed.headers.get("vary")).toContain("HX-Request");
  });
});

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';

/** Elements or attributes an injection would have created: inline scripts, images, on* handlers. */
async function injectedMarkup(html: string): Promise<string[]> {
  const found: string[] = [];
  await new HTMLRewriter()
    .on("*", {
      element(el) {
        const handlers = [...el.attributes].filter(([name]) => name.startsWith("on")).map(([name]) => name);
        if ((el.tagName === "script" && !el.hasAttribute("src")) || el.tagName === "img" || handlers.length > 0) {
          found.push(`<${el.tagName} ${handlers.join(" ")}>`);
        }
      },
    })
    .transform(new Response(html))
    .text();
  return found;
}

/** The `value` attribute of the form control named `name`, entity-decoded (what the browser shows). */
async function fieldValue(html: string, name: string): Promise<string | null> {
  let value: string | null = null;
  await new HTMLRewriter()
    .on(`[name="${name}"]`, {
      element(el) {
        value = el.getAttribute("value");
      },
    })
    .transform(new Response(html))
    .text();
  return (value as string | null)?.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&") ?? null;
}

/**
 * `text` appears escaped in the element content of `html` and created no markup. (Inside quoted
 * attributes, e.g. a confirmation question, it is inert: Kita escapes `"` and `&` there; the
 * markup check proves no element or handler was created.)
 */
async function expectEscapedText(html: string, text: string) {
  const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
  expect(outsideAttributes).not.toContain(text);
  expect(outsideAttributes).toContain(Html.escapeHtml(text));
  expect(await injectedMarkup(html)).toEqual([]);
}

/** `text` is kept in the `name` field (inside an attribute) and created no markup. */
async function expectKeptInField(html: string, name: string, text: string) {
  expect(await fieldValue(html, name)).toBe(text);
  expect(await injectedMarkup(html)).toEqual([]);
}

describe.each([SCRIPT, IMG])("XSS: %s", (payload) => {
  const unique = payload === SCRIPT ? "a" : "b";

  test("campaign name and destination URL in the list, the edit form and a 422 form", async () => {
    const url = `https://adv.example/${unique}?q=${payload.replaceAll(" ", "/")}`;
    // Stored in normal form, with the payload's quotes and angle brackets percent-encoded.
    const stored = new URL(url).href;
    const created = await admin.post("/admin/campaigns", { ...CAMPAIGN_FORM, name: payload, destination_url: url });
    expect(created.status).toBe(303);
    const list = await admin.page("/admin/campaigns");
    await expectEscapedText(list, payload);
    expect(list).toContain(stored);

    const id = (await db().select().from(campaigns)).find((c) => c.destinationUrl === stored)!.id;
    const edit = await admin.page(`/admin/campaigns/${id}/edit`);
    await expectKeptInField(edit, "name", payload);
    await expectKeptInField(edit, "destination_url", stored);

    const invalid = { name: payload, destination_url: payload, payout: payload, revenue: payload, status: payload };
    const refused = await admin.post("/admin/campaigns", invalid);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    for (const field of ["name", "destination_url", "payout", "revenue"]) await expectKeptInField(html, field, payload);
  });

  test("campaign search", async () => {
    const html = await admin.page(`/admin/campaigns?q=${encodeURIComponent(payload)}`);
    await expectKeptInField(html, "q", payload);
  });

  test("publisher name and email in the list and a 422 form", async () => {
    const email = `${payload.replaceAll(" ", "/")}@${unique}.example`;
    const created = await admin.post("/admin/publishers", { name: payload, email });
    expect(created.status).toBe(303);
    const list = await admin.page("/admin/publishers");
    await expectEscapedText(list, payload);
    await expectEscapedText(list, email.toLowerCase());

    const refused = await admin.post("/admin/publishers", { name: payload, email: payload });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    await expectKeptInField(html, "name", payload);
    await expectKeptInField(html, "email", payload);
  });

  test("tracking domain host in a 422 form", async () => {
    const refused = await admin.post("/admin/tracking-domains", { host: payload });
    expect(refused.status).toBe(422);
    await expectKeptInField(await refused.text(), "host", payload);
  });

  test("API key name in the new-key notice and the list", async () => {
    const created = await admin.post("/admin/api-keys", { name: payload });
    expect(created.status).toBe(200);
    await expectEscapedText(await created.text(), payload);
    await expectEscapedText(await admin.page("/admin/api-keys"), payload);
  });
});

/** A second admin session, signed in by hand, whose cookie and CSRF token the tests send as they like. */
async function rawAdminSession(): Promise<{ cookie: string; csrf: string }> {
  const res = await server.get("/login", {
    method: "POST",
    headers: { origin: server.url },
    body: new URLSearchParams(ADMIN),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
  const page = await (await server.get("/admin", { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}
