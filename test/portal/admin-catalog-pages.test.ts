/**
 * What the admin catalog pages do, over real HTTP (PGlite): labelled forms, server-side
 * validation that keeps the typed values, htmx partials (search, pause/resume, activate/suspend,
 * remove, revoke), the API key shown once, and the dashboard's numbers.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { Html } from "@elysiajs/html";
import { verifyApiKey } from "../../src/auth/api-keys";
import type { ClickRecord } from "../../src/clicks/click-record";
import { makeClick } from "../factories/click";
import { campaigns, notifications, publishers, smartlinkPublishers, trackingDomains, users } from "../../src/db/schema";
import { SUPPORTED_MACROS } from "../../src/routing/build-destination";
import { MESSAGES } from "../../src/validation";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };

let server: TestServer;
let admin: PortalSession;
const db = () => server.deps.database.db;

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
});
afterAll(() => server?.dispose());

/** Each `<label for>` text with the tag of the control it names (null when no such id). */
async function labels(html: string): Promise<Record<string, string | null>> {
  const fors: [string, string][] = [];
  const tags = new Map<string, string>();
  let current: [string, string] | null = null;
  await new HTMLRewriter()
    .on("label[for]", {
      element(el) {
        current = [el.getAttribute("for")!, ""];
        fors.push(current);
      },
      text(chunk) {
        if (current) current[1] += chunk.text;
      },
    })
    .on("[id]", {
      element(el) {
        tags.set(el.getAttribute("id")!, el.tagName);
      },
    })
    .transform(new Response(html))
    .text();
  return Object.fromEntries(fors.map(([id, text]) => [text.trim(), tags.get(id) ?? null]));
}

/** The text of the field error shown for the control `id` (its `aria-describedby` target). */
function fieldError(html: string, id: string): string | null {
  const control = new RegExp(`id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="${id}-error`).test(html);
  const message = new RegExp(`<small class="field-error" id="${id}-error">([^<]*)</small>`).exec(html);
  return control && message ? message[1]! : null;
}

const newCampaign = { name: "Summer sale", destination_url: "https://adv.example/s?c={click_id}", payout: "1.5", revenue: "2.25", status: "active" };

describe("campaigns", () => {
  test("the New campaign form labels every field and lists the supported macros", async () => {
    const html = await admin.page("/admin/campaigns/new");
    expect(await labels(html)).toEqual({
      Name: "input",
      "Destination URL": "input",
      Payout: "input",
      Revenue: "input",
      Status: "select",
    });
    for (const macro of SUPPORTED_MACROS) expect(html).toContain(`<code>{${macro}}</code>`);
    expect(html).toContain(">Create campaign</button>");
  });

  test("an invalid form answers 422 with each error next to its field and the typed values kept", async () => {
    const typed = { ...newCampaign, destination_url: "ftp://adv.example/s", payout: "-1" };
    const res = await admin.post("/admin/campaigns", typed);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, "destination_url")).toBe("must be an absolute http or https URL");
    expect(fieldError(html, "payout")).toBe(Html.escapeHtml(MESSAGES.money));
    expect(fieldError(html, "name")).toBeNull();
    expect(html).toContain('value="ftp://adv.example/s"');
    expect(html).toContain('value="Summer sale"');
    expect(html).toContain('value="-1"');
    expect(await db().select().from(campaigns)).toEqual([]);
  });

  test("create, list with a notice, edit and save", async () => {
    const created = await admin.post("/admin/campaigns", newCampaign);
    expect([created.status, created.headers.get("location")]).toEqual([303, "/admin/campaigns?notice=created"]);
    const list = await admin.page("/admin/campaigns?notice=created");
    expect(list).toContain("Campaign created.");
    expect(list).toContain("<td>Summer sale</td>");
    const [row] = await db().select().from(campaigns).where(eq(campaigns.name, "Summer sale"));
    expect(row).toMatchObject({ payout: "1.50", revenue: "2.25", status: "active" });

    const edit = await admin.page(`/admin/campaigns/${row!.id}/edit`);
    expect(edit).toContain('value="https://adv.example/s?c={click_id}"');
    expect(edit).toContain(">Save campaign</button>");
    const saved = await admin.post(`/admin/campaigns/${row!.id}`, { ...newCampaign, name: "Summer sale 2", status: "paused" });
    expect([saved.status, saved.headers.get("location")]).toEqual([303, "/admin/campaigns?notice=saved"]);
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, row!.id));
    expect(after).toMatchObject({ name: "Summer sale 2", status: "paused" });
    await admin.post(`/admin/campaigns/${row!.id}`, newCampaign);
  });

  test("an unknown campaign is a 404 page", async () => {
    const res = await admin.get("/admin/campaigns/999999/edit");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This campaign does not exist.");
  });

  test("search and status filter answer htmx with the table body only", async () => {
    await admin.post("/admin/campaigns", { ...newCampaign, name: "Winter promo", status: "paused" });
    const body = async (query: string) => (await admin.get(`/admin/campaigns?${query}`, { htmx: true })).text();

    const searched = await body("q=WINTER");
    expect(searched).toStartWith('<tbody id="campaign-rows">');
    expect(searched).toContain("Winter promo");
    expect(searched).not.toContain("Summer sale");
    expect(await body("status=active")).not.toContain("Winter promo");
    expect(await body("q=winter&status=active")).toContain("No campaign matches the search.");
    const page = await admin.page("/admin/campaigns?q=winter");
    expect(page).toContain("<!doctype html>");
    expect(page).not.toContain("Summer sale");
  });

  test("pause and resume in place: htmx gets the new row, a plain form a redirect", async () => {
    const [row] = await db().select().from(campaigns).where(eq(campaigns.name, "Summer sale"));
    const paused = await admin.post(`/admin/campaigns/${row!.id}/pause`, {}, { htmx: true });
    expect(paused.status).toBe(200);
    const tr = await paused.text();
    expect(tr).toStartWith(`<tr id="campaign-${row!.id}">`);
    expect(tr).toContain('<span class="status paused">Paused</span>');
    expect(tr).toContain(">Resume</button>");
    const resumed = await admin.post(`/admin/campaigns/${row!.id}/resume`);
    expect([resumed.status, resumed.headers.get("location")]).toEqual([303, "/admin/campaigns"]);
    const [after] = await db().select().from(campaigns).where(eq(campaigns.id, row!.id));
    expect(after!.status).toBe("active");
  });
});

describe("publishers", () => {
  test("create with a labelled form; a taken email is a 422 next to Email", async () => {
    const page = await admin.page("/admin/publishers");
    expect(await labels(page)).toEqual({ Name: "input", Email: "input" });
    const created = await admin.post("/admin/publishers", { name: "Acme Media", email: "Team@Acme.example" });
    expect([created.status, created.headers.get("location")]).toEqual([303, "/admin/publishers?notice=created"]);
    const list = await admin.page("/admin/publishers?notice=created");
    expect(list).toContain("Publisher created.");
    expect(list).toContain("<td>team@acme.example</td>");

    const taken = await admin.post("/admin/publishers", { name: "Acme again", email: "team@acme.example" });
    expect(taken.status).toBe(422);
    const html = await taken.text();
    expect(fieldError(html, "email")).toBe("already exists");
    expect(html).toContain('value="Acme again"');
  });

  test("suspend and activate in place", async () => {
    const [pub] = await db().select().from(publishers).where(eq(publishers.email, "team@acme.example"));
    const suspended = await (await admin.post(`/admin/publishers/${pub!.id}/suspend`, {}, { htmx: true })).text();
    expect(suspended).toStartWith(`<tr id="publisher-${pub!.id}">`);
    expect(suspended).toContain('<span class="status suspended">Suspended</span>');
    expect(suspended).toContain(">Activate</button>");
    expect(suspended).not.toContain(">Suspend</button>");
    const activated = await (await admin.post(`/admin/publishers/${pub!.id}/activate`, {}, { htmx: true })).text();
    expect(activated).toContain(">Suspend</button>");
    const [after] = await db().select().from(publishers).where(eq(publishers.id, pub!.id));
    expect(after!.status).toBe("active");
  });
});

describe("tracking domains", () => {
  test("add (lower-cased), refuse a bad or repeated host next to Host, remove in place", async () => {
    const page = await admin.page("/admin/tracking-domains");
    expect(await labels(page)).toEqual({ Host: "input" });
    expect(page).toContain(`<code>${server.url}</code>`);

    const added = await admin.post("/admin/tracking-domains", { host: " Track.Example.com " });
    expect([added.status, added.headers.get("location")]).toEqual([303, "/admin/tracking-domains?notice=added"]);
    expect(await admin.page("/admin/tracking-domains")).toContain("<code>track.example.com</code>");

    const bad = await admin.post("/admin/tracking-domains", { host: "https://track.example.com/x" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, "host")).toStartWith("must be a host name");
    expect(badHtml).toContain('value="https://track.example.com/x"');
    const again = await admin.post("/admin/tracking-domains", { host: "track.example.com" });
    expect(fieldError(await again.text(), "host")).toBe("already exists");

    const [domain] = await db().select().from(trackingDomains);
    const removed = await admin.post(`/admin/tracking-domains/${domain!.id}/remove`, {}, { htmx: true });
    expect([removed.status, await removed.text()]).toEqual([200, ""]);
    expect(await db().select().from(trackingDomains)).toEqual([]);
    expect((await admin.post(`/admin/tracking-domains/${domain!.id}/remove`)).status).toBe(404);
  });
});

describe("API keys", () => {
  test("the key is shown once with a warning, works, and stops working when revoked", async () => {
    const page = await admin.page("/admin/api-keys");
    expect(await labels(page)).toEqual({ Name: "input" });
    const blank = await admin.post("/admin/api-keys", { name: "  " });
    expect(blank.status).toBe(422);
    expect(fieldError(await blank.text(), "name")).toBe("must be 1 to 200 characters");

    const created = await admin.post("/admin/api-keys", { name: "Reporting" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const html = await created.text();
    const key = /<code id="new-api-key" class="link">(sb_[0-9a-f]{32})<\/code>/.exec(html)![1]!;
    expect(html).toContain("It is shown only once");
    expect(await verifyApiKey(db(), key)).toBe(true);
    const list = await admin.page("/admin/api-keys");
    expect(list).not.toContain(key);
    expect(list).toContain(`<code>${key.slice(0, 8)}…</code>`);

    const id = Number(new RegExp(`<tr id="api-key-(\\d+)"><td>Reporting</td>`).exec(list)![1]);
    const revoked = await (await admin.post(`/admin/api-keys/${id}/revoke`, {}, { htmx: true })).text();
    expect(revoked).toStartWith(`<tr id="api-key-${id}">`);
    expect(revoked).not.toContain("Not revoked");
    expect(revoked).not.toContain(">Revoke</button>");
    expect(await verifyApiKey(db(), key)).toBe(false);
    expect((await admin.post("/admin/api-keys/999999/revoke")).status).toBe(404);
  });
});

describe("dashboard", () => {
  test("today's clicks and redirects per smartlink, pending approvals and recent activity", async () => {
    const campaign = await server.api("POST", "/api/v1/campaigns", { name: "Dash offer", destination_url: "https://adv.example/d" });
    const link = await server.api("POST", "/api/v1/smartlinks", { name: "Dash link", pool: [{ campaign_id: campaign.body.id }] });
    const quiet = await server.api("POST", "/api/v1/smartlinks", { name: "Quiet link", pool: [{ campaign_id: campaign.body.id }] });
    expect([link.status, quiet.status]).toEqual([201, 201]);
    const pub = await server.api("POST", "/api/v1/publishers", { name: "Dash pub", email: "dash@example.com" });
    await db().insert(smartlinkPublishers).values({ smartlinkId: link.body.id, publisherId: pub.body.id, code: "dashcode1" });
    const [me] = await db().select().from(users).where(eq(users.email, ADMIN.email));
    await db().insert(notifications).values({ userId: me!.id, kind: "application", message: "Dash pub applied.", link: "/admin/approvals" });

    const click = (flags: Partial<ClickRecord>, createdAt = new Date()): ClickRecord =>
      makeClick({
      id: Bun.randomUUIDv7(),
      createdAt,
      smartlinkId: link.body.id,
      publisherId: pub.body.id,
      campaignId: campaign.body.id,
      reason: "offer",
      device: "desktop",
      country: "US",
      ...flags,
      });
    const yesterday = new Date(Date.now() - 36 * 3600_000);
    await server.deps.database.insertClicks([
      click({}),
      click({}),
      click({ isBot: true }),
      click({ isHead: true }),
      click({ isTest: true }),
      click({}, yesterday),
    ]);

    const html = await admin.page("/admin");
    const row = (name: string) => new RegExp(`>${name}</a></td><td>.*?</td><td>(\\d+)</td><td>(\\d+)</td>`).exec(html)?.slice(1);
    expect(row("Dash link")).toEqual(["2", "5"]);
    expect(row("Quiet link")).toEqual(["0", "0"]);
    expect(html).toMatch(/<header>Pending approvals<\/header><p class="stat-value">1<\/p><a href="\/admin\/approvals">/);
    expect(html).toMatch(/<header>Clicks today<\/header><p class="stat-value">2<\/p>/);
    expect(html).toContain('<a href="/admin/approvals">Dash pub applied.</a>');
    expect(html).toContain("<td>Dash link</td><td>offer</td><td>US</td><td>desktop</td>");
  });
});
