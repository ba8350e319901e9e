/**
 * Admin smartlink pages, approvals and notifications over real HTTP: who may open what, CSRF,
 * escaping of every text field, the builder's validation, and what approving and declining do.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { eventually, routingSettled, startTestServer, type TestServer } from "../helpers/test-server";
import { campaignAccess, notifications, smartlinkPublishers, users } from "../../src/db/schema";
import { hashPassword } from "../../src/auth/sign-in";
import { validateSessionToken } from "../../src/auth/session";
import { createCampaign } from "../../src/campaigns/campaign-service";
import { createPublisher } from "../../src/publishers/publisher-service";
import { createSmartlink, getSmartlink } from "../../src/smartlinks/smartlink-service";
import { applyForSmartlink } from "../../src/smartlinks/access-service";

const ADMIN = { email: "admin@example.com", password: "admin password 1" };
const PUBLISHER_PASSWORD = "publisher password 1";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

type Form = Record<string, string | string[]>;

/** A portal visitor: cookie, Origin and (unless told otherwise) the CSRF token, like a browser. */
interface Visitor {
  get(path: string, opts?: { htmx?: boolean }): Promise<Response>;
  post(path: string, form?: Form, opts?: { htmx?: boolean; csrf?: boolean }): Promise<Response>;
}

let server: TestServer;
let admin: Visitor;
let publisher: Visitor;
let anonymous: Visitor;
let campaignA: number;
let campaignB: number;
let smartlinkId: number;
let publisherId: number;

const db = () => server.deps.database.db;

function visitor(cookie = "", csrf = ""): Visitor {
  const headers = (htmx?: boolean) => ({ cookie, origin: server.url, ...(htmx ? { "hx-request": "true" } : {}) });
  return {
    get: (path, opts = {}) => server.get(path, { headers: headers(opts.htmx) }),
    post(path, form = {}, opts = {}) {
      const body = new URLSearchParams();
      if (opts.csrf !== false && csrf) body.append("_csrf", csrf);
      for (const [key, value] of Object.entries(form)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      }
      return server.get(path, { method: "POST", headers: headers(opts.htmx), body });
    },
  };
}

async function signIn(email: string, password: string): Promise<Visitor> {
  const res = await visitor().post("/login", { email, password });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("sb_session="))!.split(";")[0]!;
  const session = await validateSessionToken(db(), cookie.slice("sb_session=".length));
  return visitor(cookie, session!.session.csrfToken);
}

/** A publisher with one signed-in-able user account. */
async function newPublisher(name: string, email: string): Promise<number> {
  const row = await createPublisher(db(), { name, email });
  await db()
    .insert(users)
    .values({ email, name, role: "publisher", publisherId: row.id, passwordHash: await hashPassword(PUBLISHER_PASSWORD) });
  return row.id;
}

/** A valid builder form with two offers (row numbers 0 and 3: a row was removed in between). */
function builderForm(overrides: Form = {}): Form {
  return {
    name: "Summer app deals",
    description: "Apps for the summer",
    tags: "summer, apps",
    visibility: "ask",
    tracking_domain: "",
    fallback_url: "https://example.com/fallback",
    rotation: "auto",
    optimize_for: "profit",
    exploration_clicks: "80",
    "pool.0.campaign_id": String(campaignA),
    "pool.0.weight": "300",
    "pool.0.priority": "1",
    "pool.0.countries": "us gb",
    "pool.0.devices": ["mobile", "tablet"],
    "pool.3.campaign_id": String(campaignB),
    "pool.3.weight": "100",
    "pool.3.priority": "2",
    "pool.3.countries": "",
    ...overrides,
  };
}

/** The element with `id` and its content up to its first closing tag. */
function element(html: string, id: string): string {
  const match = new RegExp(`<[a-z]+[^>]*id="${id}"[^>]*>[^<]*`).exec(html);
  if (!match) throw new Error(`no element #${id}`);
  return match[0];
}

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  campaignA = (await createCampaign(db(), { name: "Offer A", destinationUrl: "https://a.example/?c={click_id}" })).id;
  campaignB = (await createCampaign(db(), { name: "Offer B", destinationUrl: "https://b.example/?c={click_id}" })).id;
  smartlinkId = (
    await createSmartlink(db(), {
      name: "Fixture link",
      fallbackUrl: "https://example.com/fb",
      pool: [{ campaignId: campaignA, weight: 100 }, { campaignId: campaignB, weight: 0 }],
    })
  ).id;
  publisherId = await newPublisher("Pat Publisher", "pat@example.com");
  admin = await signIn(ADMIN.email, ADMIN.password);
  publisher = await signIn("pat@example.com", PUBLISHER_PASSWORD);
  anonymous = visitor();
});

afterAll(() => server.dispose());

describe("authorisation", () => {
  const adminRoutes = (): [string, string][] => [
    ["GET", "/admin/smartlinks"],
    ["GET", "/admin/smartlinks/new"],
    ["POST", "/admin/smartlinks/new"],
    ["GET", "/admin/smartlinks/pool-row?index=1"],
    ["GET", `/admin/smartlinks/${smartlinkId}`],
    ["GET", `/admin/smartlinks/${smartlinkId}/edit`],
    ["POST", `/admin/smartlinks/${smartlinkId}/edit`],
    ["POST", `/admin/smartlinks/${smartlinkId}/pause`],
    ["POST", `/admin/smartlinks/${smartlinkId}/unpause`],
    ["POST", `/admin/smartlinks/${smartlinkId}/publishers`],
    ["GET", `/admin/smartlinks/${smartlinkId}/delete`],
    ["POST", `/admin/smartlinks/${smartlinkId}/delete`],
    ["GET", "/admin/approvals"],
    ["POST", `/admin/approvals/${smartlinkId}/${publisherId}/approve`],
    ["POST", `/admin/approvals/${smartlinkId}/${publisherId}/decline`],
    ["GET", "/admin/notifications"],
    ["POST", "/admin/notifications/read-all"],
    ["POST", "/admin/notifications/1/read"],
  ];
  const send = (who: Visitor, method: string, path: string) => (method === "GET" ? who.get(path) : who.post(path));

  test("an anonymous visitor is sent to sign in from every admin route", async () => {
    for (const [method, path] of adminRoutes()) {
      const res = await send(anonymous, method, path);
      expect([method, path, res.status, res.headers.get("location")]).toEqual([
        method,
        path,
        303,
        `/login?next=${encodeURIComponent(path.split("?")[0]!)}`,
      ]);
    }
  });

  test("a publisher session gets 403 on every admin route, and nothing changes", async () => {
    for (const [method, path] of adminRoutes()) {
      const res = await send(publisher, method, path);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect((await getSmartlink(db(), smartlinkId)).status).toBe("active");
  });

  test("an admin opens every admin page", async () => {
    for (const [method, path] of adminRoutes().filter(([m]) => m === "GET")) {
      const res = await admin.get(path);
      expect([path, res.status, res.headers.get("vary")]).toEqual([path, 200, "HX-Request"]);
    }
  });

  test("notifications: each portal's list is for its own role only", async () => {
    expect((await anonymous.get("/publisher/notifications")).headers.get("location")).toBe(
      "/login?next=%2Fpublisher%2Fnotifications",
    );
    expect((await admin.get("/publisher/notifications")).status).toBe(403);
    expect((await admin.post("/publisher/notifications/read-all")).status).toBe(403);
    expect((await publisher.get("/publisher/notifications")).status).toBe(200);
    expect((await publisher.post("/publisher/notifications/read-all")).status).toBe(303);
  });

  test("a state change without the CSRF token, or from another site, is refused", async () => {
    const noToken = await admin.post(`/admin/smartlinks/${smartlinkId}/pause`, {}, { csrf: false, htmx: true });
    expect(noToken.status).toBe(403);
    const create = await admin.post("/admin/smartlinks/new", builderForm({ name: "Forged" }), { csrf: false });
    expect(create.status).toBe(403);
    const crossSite = await server.get(`/admin/smartlinks/${smartlinkId}/pause`, {
      method: "POST",
      headers: { cookie: "", origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const detail = await getSmartlink(db(), smartlinkId);
    expect(detail.status).toBe("active");
    expect((await admin.get("/admin/smartlinks")).status).toBe(200);
    expect(await (await admin.get("/admin/smartlinks")).text()).not.toContain("Forged");
  });
});

describe("builder", () => {
  test("creates a smartlink from the form, pool rows in row order", async () => {
    const res = await admin.post("/admin/smartlinks/new", builderForm());
    expect(res.status).toBe(303);
    const id = Number(/^\/admin\/smartlinks\/(\d+)\?notice=created$/.exec(res.headers.get("location")!)![1]);
    const created = await getSmartlink(db(), id);
    expect({ ...created, id: 0, createdAt: null, updatedAt: null }).toEqual({
      id: 0,
      name: "Summer app deals",
      description: "Apps for the summer",
      tags: ["summer", "apps"],
      visibility: "ask",
      trackingDomain: null,
      fallbackUrl: "https://example.com/fallback",
      status: "active",
      rotation: "auto",
      optimizeFor: "profit",
      explorationClicks: 80,
      createdAt: null,
      updatedAt: null,
      pool: [
        { campaignId: campaignA, campaignName: "Offer A", weight: 300, priority: 1, countries: ["US", "GB"], devices: ["mobile", "tablet"] },
        { campaignId: campaignB, campaignName: "Offer B", weight: 100, priority: 2, countries: [], devices: [] },
      ],
      publishers: [],
    });
    const list = await (await admin.get("/admin/smartlinks")).text();
    const card = list.slice(list.indexOf(`id="smartlink-${id}"`));
    expect(card).toContain("Summer app deals");
    expect(card).toContain("Visibility: <span>Ask</span>");
    expect(card).toContain("2 offers");
    expect(card).toContain("Auto-optimize");
    expect(card).toContain("0 live · 0 pending");
  });

  test("the edit builder is prefilled and saving replaces the pool", async () => {
    const id = (await createSmartlink(db(), { name: "To edit", pool: [{ campaignId: campaignA, countries: ["FR"] }] })).id;
    const page = await (await admin.get(`/admin/smartlinks/${id}/edit`)).text();
    expect(page).toContain('value="To edit"');
    expect(page).toContain('value="FR"');
    expect(page).toContain("Save smartlink");
    const res = await admin.post(
      `/admin/smartlinks/${id}/edit`,
      builderForm({ name: "Edited", visibility: "private", rotation: "weighted", "pool.0.campaign_id": String(campaignB) }),
    );
    expect([res.status, res.headers.get("location")]).toEqual([303, `/admin/smartlinks/${id}?notice=saved`]);
    const saved = await getSmartlink(db(), id);
    expect([saved.name, saved.visibility, saved.rotation, saved.pool.map((e) => e.campaignId)]).toEqual([
      "Edited",
      "private",
      "weighted",
      [campaignB, campaignB],
    ]);
  });

  test("errors show next to each field and every typed value stays", async () => {
    const res = await admin.post(
      "/admin/smartlinks/new",
      builderForm({
        name: "  ",
        tags: "ok, " + "x".repeat(41),
        fallback_url: "ftp://example.com/file",
        exploration_clicks: "many",
        "pool.0.campaign_id": "",
        "pool.0.countries": "US ZZ",
        "pool.3.weight": "-5",
        "pool.3.devices": ["desktop", "fridge"],
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(element(html, "name-error")).toContain("must be 1 to 200 characters");
    expect(element(html, "tags-error")).toContain(`&quot;${"x".repeat(41)}&quot; must be 1 to 40 characters`);
    expect(element(html, "fallback_url-error")).toContain("must be an absolute http or https URL");
    expect(element(html, "exploration_clicks-error")).toContain("must be a whole number");
    expect(element(html, "pool-0-campaign_id-error")).toContain("is required");
    expect(element(html, "pool-0-countries-error")).toContain("&quot;ZZ&quot; must be an ISO 3166-1 alpha-2 country code");
    // The row sent as number 3 comes back as row 1, with its own messages.
    expect(element(html, "pool-1-weight-error")).toContain("must be a whole number from 0 to 10000");
    expect(element(html, "pool-1-devices-error")).toContain("&quot;fridge&quot; must be one of mobile, tablet, desktop");
    expect(html).not.toContain('id="pool-row-2"');
    // What was typed is still there.
    expect(html).toContain(`value="ok, ${"x".repeat(41)}"`);
    expect(html).toContain('value="ftp://example.com/file"');
    expect(html).toContain('value="many"');
    expect(html).toContain('value="US ZZ"');
    expect(html).toContain('value="-5"');
    expect(html).toMatch(/id="pool-1-devices-desktop"[^>]*checked/);
    expect(html).toMatch(/id="pool-0-devices-mobile"[^>]*checked/);
    expect(html).toMatch(/<option value="" selected>Choose a campaign<\/option>/);
    expect(html).toMatch(new RegExp(`<option value="${campaignB}" selected>Offer B</option>`));
    expect(html).toMatch(/id="rotation-auto"[^>]*checked/);
    expect(html).toContain('<option value="profit" selected>Profit</option>');
  });

  test("Add offer answers one empty row and the next Add offer button", async () => {
    const res = await admin.get("/admin/smartlinks/pool-row?index=4", { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="pool-row-4"');
    expect(html).toContain('name="pool.4.campaign_id"');
    expect(html).toContain('<label for="pool-4-weight">Weight</label>');
    expect(html).toMatch(/id="add-offer"[^>]*hx-get="\/admin\/smartlinks\/pool-row\?index=5"[^>]*hx-swap-oob="true"/);
    expect(html).not.toContain("<html");
  });
});

describe("escaping", () => {
  const NAME = `<script>alert("name")</script>`;
  const DESCRIPTION = `<img src=x onerror=alert("description")>`;
  const TAG = `<b onmouseover=alert(1)>tag</b>`;
  const FALLBACK = `https://example.com/?q=<script>alert("fallback")</script>`;
  const PUBLISHER_NAME = `<svg onload=alert("publisher")>`;
  const RAW = [NAME, DESCRIPTION, TAG, FALLBACK, PUBLISHER_NAME, "<script>", "<img", "<svg onload", "<b onmouseover"];

  /**
   * No raw markup outside attribute values. Inside a double-quoted attribute `<` is plain text;
   * what matters there is that `"` is escaped, so the value cannot end early: then removing every
   * `="..."` removes exactly the attribute values.
   */
  const expectEscaped = (html: string) => {
    const text = html.replace(/="[^"]*"/g, '=""');
    for (const raw of RAW) expect(text).not.toContain(raw);
  };

  test("every text field is rendered back escaped on every page that shows it", async () => {
    const res = await admin.post("/admin/smartlinks/new", builderForm({ name: NAME, description: DESCRIPTION, tags: TAG, fallback_url: FALLBACK }));
    expect(res.status).toBe(303);
    const id = Number(/\/admin\/smartlinks\/(\d+)/.exec(res.headers.get("location")!)![1]);
    const xssPublisher = await newPublisher(PUBLISHER_NAME, "xss@example.com");
    await applyForSmartlink(db(), id, xssPublisher);

    for (const path of [
      "/admin/smartlinks",
      `/admin/smartlinks/${id}`,
      `/admin/smartlinks/${id}/edit`,
      `/admin/smartlinks/${id}/delete`,
      "/admin/approvals",
      "/admin/notifications",
    ]) {
      const html = await (await admin.get(path)).text();
      expectEscaped(html);
      expect([path, html.includes("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;")]).toEqual([path, true]);
    }
    const detail = await (await admin.get(`/admin/smartlinks/${id}`)).text();
    expect(detail).toContain("&lt;img src=x onerror=alert(&quot;description&quot;)&gt;");
    expect(detail).toContain("&lt;b onmouseover=alert(1)&gt;tag&lt;/b&gt;");
    // Stored in normal form: the payload's quotes and angle brackets are percent-encoded.
    expect(detail).toContain("https://example.com/?q=%3Cscript%3Ealert(%22fallback%22)%3C/script%3E");
    expect(detail).toContain("&lt;svg onload=alert(&quot;publisher&quot;)&gt;");

    const approved = await admin.post(`/admin/approvals/${id}/${xssPublisher}/approve`, {}, { htmx: true });
    expectEscaped(await approved.text());
    const publisherView = await signIn("xss@example.com", PUBLISHER_PASSWORD);
    const notes = await (await publisherView.get("/publisher/notifications")).text();
    expectEscaped(notes);
    expect(notes).toContain("&lt;script&gt;");
  });

  test("invalid input is escaped when the form comes back with errors", async () => {
    const res = await admin.post(
      "/admin/smartlinks/new",
      builderForm({
        name: NAME,
        description: DESCRIPTION,
        tags: TAG,
        fallback_url: `javascript:alert("x")"><script>`,
        exploration_clicks: `"><script>alert(1)</script>`,
        "pool.0.countries": `<script>`,
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expectEscaped(html);
    expect(html).toContain('value="&#34;><script>alert(1)</script>"');
    expect(html).toContain('value="<script>alert(&#34;name&#34;)</script>"');
  });
});

describe("smartlink page", () => {
  test("shows each offer's share of the last 24 hours, the fallback and every publisher with link and clicks", async () => {
    const access = await admin.post(`/admin/smartlinks/${smartlinkId}/publishers`, { publisher_id: String(publisherId) }, { htmx: true });
    expect(access.status).toBe(200);
    const section = await access.text();
    expect(section).toContain('id="smartlink-publishers"');
    expect(section).toContain("Pat Publisher");
    const code = (await getSmartlink(db(), smartlinkId)).publishers[0]!.code;
    expect(section).toContain(`${server.url}/s/${code}`);

    for (let i = 0; i < 3; i++) {
      const click = await server.get(`/s/${code}`, { headers: { "user-agent": BROWSER_UA } });
      expect(click.headers.get("location")).toStartWith("https://a.example/");
    }
    await server.get(`/s/${code}`, { headers: { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } });
    await server.deps.clicks.flush(); // every served click is queued before its 302
    const html = await (await admin.get(`/admin/smartlinks/${smartlinkId}`)).text();
    const pool = html.slice(html.indexOf('id="smartlink-pool"'), html.indexOf('id="smartlink-publishers"'));
    expect(pool.replace(/\s+/g, " ")).toMatch(/Offer A<\/a><\/td><td>100<\/td><td>1<\/td><td>Any<\/td><td>Any<\/td><td>3<\/td><td>100%<\/td>/);
    expect(pool.replace(/\s+/g, " ")).toMatch(/Offer B<\/a><\/td><td>0<\/td><td>1<\/td><td>Any<\/td><td>Any<\/td><td>0<\/td><td>0%<\/td>/);
    expect(html).toContain("https://example.com/fb");
    const publishers = html.slice(html.indexOf('id="smartlink-publishers"'));
    expect(publishers).toMatch(/Pat Publisher<\/td><td><span class="status approved">Approved<\/span><\/td><td><code class="link">[^<]+<\/code><\/td><td>3<\/td>/);
  });

  test("Pause and Un-pause answer the status control in place; paused links go to the fallback", async () => {
    // A click first, so the plan is cached: only the invalidation can send the next ones away.
    await routingSettled(server);
    const code = (await getSmartlink(db(), smartlinkId)).publishers[0]!.code;
    const clickLocation = async () => (await server.get(`/s/${code}`, { headers: { "user-agent": BROWSER_UA } })).headers.get("location");
    expect(await clickLocation()).not.toBe("https://example.com/fb");
    expect(server.deps.routes.peek(code)).toBeTruthy();
    const paused = await admin.post(`/admin/smartlinks/${smartlinkId}/pause`, {}, { htmx: true });
    expect(paused.status).toBe(200);
    const html = await paused.text();
    expect(html).toStartWith('<div id="smartlink-status"');
    expect(html).toContain("Un-pause");
    expect((await getSmartlink(db(), smartlinkId)).status).toBe("paused");
    await eventually(async () => ((await clickLocation()) === "https://example.com/fb" ? true : undefined));
    const resumed = await admin.post(`/admin/smartlinks/${smartlinkId}/unpause`);
    expect([resumed.status, resumed.headers.get("location")]).toEqual([303, `/admin/smartlinks/${smartlinkId}`]);
    expect((await getSmartlink(db(), smartlinkId)).status).toBe("active");
  });

  test("an unknown publisher cannot be added; unknown smartlinks are 404", async () => {
    const res = await admin.post(`/admin/smartlinks/${smartlinkId}/publishers`, { publisher_id: "999" }, { htmx: true });
    expect(res.status).toBe(422);
    expect(element(await res.text(), "publisher_id-error")).toContain("not found");
    for (const path of ["/admin/smartlinks/999", "/admin/smartlinks/abc", "/admin/smartlinks/999/edit", "/admin/smartlinks/999/delete"]) {
      expect([path, (await admin.get(path)).status]).toEqual([path, 404]);
    }
    expect((await admin.post("/admin/smartlinks/999/pause")).status).toBe(404);
  });

  test("Delete asks first, saying the publishers' links stop working, then goes back to the list", async () => {
    const id = (await createSmartlink(db(), { name: "Doomed", pool: [{ campaignId: campaignA }] })).id;
    await admin.post(`/admin/smartlinks/${id}/publishers`, { publisher_id: String(publisherId) });
    const confirm = await (await admin.get(`/admin/smartlinks/${id}/delete`)).text();
    expect(confirm).toContain("1 publisher has a live link on it.");
    expect(confirm).toContain("tracking links stop working");
    const res = await admin.post(`/admin/smartlinks/${id}/delete`);
    expect([res.status, res.headers.get("location")]).toEqual([303, "/admin/smartlinks?notice=deleted"]);
    expect(await (await admin.get("/admin/smartlinks?notice=deleted")).text()).toContain("Smartlink deleted.");
    expect((await admin.get(`/admin/smartlinks/${id}`)).status).toBe(404);
  });
});

describe("approvals and notifications", () => {
  async function pendingApplication(email: string) {
    const id = (
      await createSmartlink(db(), { name: `Queue ${email}`, pool: [{ campaignId: campaignA }, { campaignId: campaignB }] })
    ).id;
    const pub = await newPublisher(`Applicant ${email}`, email);
    await applyForSmartlink(db(), id, pub);
    return { id, pub };
  }

  test("the queue lists who applied, to which smartlink and when", async () => {
    const { id, pub } = await pendingApplication("queue@example.com");
    const html = await (await admin.get("/admin/approvals")).text();
    const row = html.slice(html.indexOf(`id="application-${id}-${pub}"`));
    expect(row).toContain("Applicant queue@example.com");
    expect(row).toContain("Queue queue@example.com");
    expect(row).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    expect(row).toContain("Approve");
    expect(row).toContain("Decline");
  });

  test("Approve creates the link, campaign access for the pool and a notification, in place", async () => {
    const { id, pub } = await pendingApplication("approve@example.com");
    const res = await admin.post(`/admin/approvals/${id}/${pub}/approve`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const row = await res.text();
    const [access] = await db()
      .select()
      .from(smartlinkPublishers)
      .where(and(eq(smartlinkPublishers.smartlinkId, id), eq(smartlinkPublishers.publisherId, pub)));
    expect(access!.status).toBe("approved");
    expect(row).toStartWith(`<tr id="application-${id}-${pub}">`);
    expect(row).toContain("Approved");
    expect(row).toContain(`${server.url}/s/${access!.code}`);
    expect(row).not.toContain(">Approve<");

    const granted = await db().select().from(campaignAccess).where(eq(campaignAccess.publisherId, pub));
    expect(granted.map((g) => [g.campaignId, g.viaSmartlinkId]).sort()).toEqual([
      [campaignA, id],
      [campaignB, id],
    ]);
    const member = await signIn("approve@example.com", PUBLISHER_PASSWORD);
    const notes = await (await member.get("/publisher/notifications")).text();
    expect(notes).toContain(`Your application for Queue approve@example.com was approved.`);
    expect(notes).toContain('class="notification unread"');

    const click = await server.get(`/s/${access!.code}`, { headers: { "user-agent": BROWSER_UA } });
    expect(click.status).toBe(302);
    expect((await (await admin.get("/admin/approvals")).text()).includes(`id="application-${id}-${pub}"`)).toBe(false);
  });

  test("Decline answers the declined row and notifies the publisher", async () => {
    const { id, pub } = await pendingApplication("decline@example.com");
    const res = await admin.post(`/admin/approvals/${id}/${pub}/decline`, {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<span class="status declined">Declined</span>');
    const notes = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(users.publisherId, pub));
    expect(notes).toEqual([{ kind: "application_declined" }]);
    const plain = await admin.post(`/admin/approvals/${id}/${pub}/decline`);
    expect([plain.status, plain.headers.get("location")]).toEqual([303, "/admin/approvals"]);
  });

  test("notifications list newest first; mark one, then all, as read (with the bell's count)", async () => {
    await pendingApplication("note1@example.com");
    await pendingApplication("note2@example.com");
    await admin.post("/admin/notifications/read-all");
    await pendingApplication("note3@example.com");
    await pendingApplication("note4@example.com");
    const html = await (await admin.get("/admin/notifications")).text();
    const order = ["note4", "note3", "note2", "note1"].map((n) => html.indexOf(`Applicant ${n}@example.com`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).toContain('data-unread="2"');

    const newest = /<li id="notification-(\d+)" class="notification unread">/.exec(html)![1]!;
    const one = await admin.post(`/admin/notifications/${newest}/read`, {}, { htmx: true });
    const item = await one.text();
    expect(item).toStartWith(`<li id="notification-${newest}" class="notification">`);
    expect(item).not.toContain("Mark as read");
    expect(item).toContain('<span class="badge" data-unread="1" hx-swap-oob="outerHTML:.bell .badge">1</span>');

    const all = await admin.post("/admin/notifications/read-all", {}, { htmx: true });
    const list = await all.text();
    expect(list).toStartWith('<ul id="notification-list"');
    expect(list).not.toContain("notification unread");
    expect(list).toContain('data-unread="0"');
    expect(await (await admin.get("/admin/notifications")).text()).toContain('data-unread="0"');
  });
});
