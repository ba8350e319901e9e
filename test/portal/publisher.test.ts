/**
 * Publisher portal over real HTTP (PGlite): sign-up in both activation modes, the marketplace's
 * visibility rules, applying (Public, Ask, decline and re-apply) with the admin's notification,
 * the permanent link code, and that one publisher never reaches another's smartlinks.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { notifications, publishers, users } from "../../src/db/schema";
import { notifyPublisher } from "../../src/notifications/notification-service";
import { decideAccess, findAccess } from "../../src/smartlinks/access-service";
import { grantAccess } from "../../src/smartlinks/smartlink-service";
import { publisherAutoActivate } from "../../src/settings/network-settings";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };

let server: TestServer;
let offerA: number;
let offerB: number;
let emails = 0;
const db = () => server.deps.database.db;
const nextEmail = () => `pub${++emails}@example.com`;

beforeAll(async () => {
  server = await startTestServer("pglite", {
    INITIAL_ADMIN_EMAIL: ADMIN.email,
    INITIAL_ADMIN_PASSWORD: ADMIN.password,
  });
  const campaign = async (name: string, payout: string) => {
    const res = await server.api("POST", "/api/v1/campaigns", {
      name,
      destination_url: `${server.url}/demo/offers/${name}?cid={click_id}&ps={pub_sub}`,
      payout,
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  offerA = await campaign("A", "1.50");
  offerB = await campaign("B", "2.25");
});
afterAll(() => server?.dispose());

async function createSmartlink(name: string, visibility: string, extra: Record<string, unknown> = {}) {
  const res = await server.api("POST", "/api/v1/smartlinks", {
    name,
    visibility,
    pool: [{ campaign_id: offerA, countries: ["US"], devices: ["mobile"] }, { campaign_id: offerB }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function signedUp(name = "Pub") {
  const session = portalSession(server);
  const email = nextEmail();
  await session.signUp(name, email);
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return { session, email, publisherId: user!.publisherId! };
}

/** The HTML with every double-quoted attribute value blanked (quotes in values are escaped). */
const outsideAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');

const apply = (session: ReturnType<typeof portalSession>, id: number) =>
  session.post(`/publisher/smartlinks/${id}/apply`, {}, { htmx: true });

describe("sign-up", () => {
  test("active at once: signed in on the dashboard, admins told", async () => {
    const { session, email, publisherId } = await signedUp("Acme Media");
    const html = await session.page("/publisher");
    expect(html).toContain("Welcome, Acme Media");
    expect(html).not.toContain("awaits activation");
    const [publisher] = await db().select().from(publishers).where(eq(publishers.id, publisherId));
    expect(publisher).toMatchObject({ name: "Acme Media", email, status: "active" });
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: "publisher", publisherId, name: "Acme Media" });
    expect(user!.passwordHash).not.toContain("correct horse");
    const notes = await db().select().from(notifications).where(eq(notifications.kind, "publisher_signup"));
    expect(notes.map((n) => n.message)).toContain("Acme Media signed up as a publisher.");
  });

  test("pending when auto-activation is off: notice shown, cannot apply, can once activated", async () => {
    const ask = await createSmartlink("Pending check", "ask");
    const admin = portalSession(server);
    await admin.signIn(ADMIN.email, ADMIN.password);
    expect(await admin.page("/admin/settings")).toMatch(/name="publisher_auto_activate" checked/);
    expect((await admin.post("/admin/settings", {})).headers.get("location")).toBe("/admin/settings?notice=saved");
    expect(await admin.page("/admin/settings")).not.toMatch(/name="publisher_auto_activate" checked/);
    try {
      const { session, publisherId } = await signedUp("Waiting Co");
      expect(await session.page("/publisher")).toContain("Your account awaits activation by your network admin");
      const detail = await session.page(`/publisher/smartlinks/${ask}`);
      expect(detail).toContain("awaits activation");
      expect(detail).not.toContain("Apply for this smartlink");
      const res = await apply(session, ask);
      expect(await res.text()).toContain("not active yet");
      expect(await findAccess(db(), ask, publisherId)).toBeNull();

      await db().update(publishers).set({ status: "active" }).where(eq(publishers.id, publisherId));
      expect(await session.page(`/publisher/smartlinks/${ask}`)).toContain("Apply for this smartlink");
    } finally {
      await admin.post("/admin/settings", { publisher_auto_activate: "on" });
    }
    expect(await publisherAutoActivate(db())).toBe(true);
  });

  test("sign-in works for a new publisher", async () => {
    const { email } = await signedUp("Returning");
    const again = portalSession(server);
    await again.signIn(email, "correct horse battery");
    expect(await again.page("/publisher")).toContain("Welcome, Returning");
  });

  test("a taken e-mail gets the same answer as a new one, creates nothing and signs nobody in", async () => {
    const { email } = await signedUp("Original");
    const visitor = portalSession(server);
    const fresh = await visitor.post("/signup", { name: "Fresh", email: nextEmail(), password: "long enough pw" });
    const dup = await visitor.post("/signup", { name: "Again", email: email.toUpperCase(), password: "long enough pw" });
    const answer = async (res: Response) => ({
      status: res.status,
      location: res.headers.get("location"),
      cookies: res.headers.getSetCookie().length,
      body: await res.text(),
    });
    expect(await answer(dup)).toEqual(await answer(fresh));
    expect(dup.status).toBe(303);
    expect(dup.headers.get("location")).toBe("/login?notice=signed_up");
    const notice = await (await server.get("/login?notice=signed_up")).text();
    expect(notice).toContain("If this e-mail address was not registered yet, your publisher account is ready");
    const rows = await db().select().from(publishers).where(eq(publishers.email, email));
    expect(rows.map((row) => row.name)).toEqual(["Original"]);
    // The original password still works; the one typed at the duplicate sign-up does not.
    const original = portalSession(server);
    await original.signIn(email, "correct horse battery");
    expect((await portalSession(server).post("/login", { email, password: "long enough pw" })).status).toBe(401);
  });

  test("errors are shown next to their fields", async () => {
    const visitor = portalSession(server);

    const bad = await visitor.post("/signup", { name: " ", email: "nope", password: "short" });
    const text = await bad.text();
    expect(text).toContain('id="name-error">Name must be 1 to 200 characters.');
    expect(text).toContain('id="email-error">Email must be an e-mail address.');
    expect(text).toContain('id="password-error">Password must be 10 to 1000 characters.');
  });

  test("the form is escaped: a script in the name stays text", async () => {
    const name = `<script>alert("x")</script>`;
    const { session } = await signedUp(name);
    const html = await session.page("/publisher");
    expect(html).toContain("Welcome, &lt;script&gt;");
    expect(outsideAttributes(html)).not.toContain("<script>alert");
    const visitor = portalSession(server);
    const echoed = await (await visitor.post("/signup", { name, email: "bad", password: "x" })).text();
    expect(echoed).toContain('value="<script>alert(&#34;x&#34;)</script>"');
    expect(outsideAttributes(echoed)).not.toContain("<script>alert");
  });

  test("sign-up needs a same-origin POST", async () => {
    const res = await server.get("/signup", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      body: new URLSearchParams({ name: "X", email: nextEmail(), password: "long enough pw" }),
    });
    expect(res.status).toBe(403);
  });
});

describe("marketplace", () => {
  test("lists public and ask smartlinks, and private ones only to publishers added", async () => {
    await createSmartlink("Open Deals", "public");
    await createSmartlink("Ask Deals", "ask", { rotation: "auto" });
    const privateId = await createSmartlink("Secret Deals", "private");
    const pausedId = await createSmartlink("Paused Deals", "ask", { status: "paused" });
    const member = await signedUp();
    const outsider = await signedUp();
    await grantAccess(db(), privateId, member.publisherId);

    const seen = await member.session.page("/publisher/smartlinks");
    expect(seen).toContain("Open Deals");
    expect(seen).toContain("Ask Deals");
    expect(seen).toContain("Secret Deals");
    expect(seen).not.toContain("Paused Deals");
    expect(seen).toMatch(/Open Deals<\/a>[\s\S]*?2 offers[\s\S]*?Rotates/);
    expect(seen).toMatch(/Ask Deals<\/a>[\s\S]*?2 offers[\s\S]*?Auto-optimizes/);
    expect(seen).toMatch(/Secret Deals<\/a>[\s\S]*?Approved/);

    const outside = await outsider.session.page("/publisher/smartlinks");
    expect(outside).toContain("Open Deals");
    expect(outside).not.toContain("Secret Deals");
    for (const id of [privateId, pausedId]) {
      expect((await outsider.session.get(`/publisher/smartlinks/${id}`)).status).toBe(404);
      expect((await apply(outsider.session, id)).status).toBe(404);
    }
    expect(await findAccess(db(), privateId, outsider.publisherId)).toBeNull();
    for (const bad of ["0", "abc", "99999999999", "424242"]) {
      expect((await outsider.session.get(`/publisher/smartlinks/${bad}`)).status).toBe(404);
    }
  });

  test("the detail page lists the pool's offers and how it rotates", async () => {
    const id = await createSmartlink("Detail Deals", "ask");
    const { session } = await signedUp();
    const html = await session.page(`/publisher/smartlinks/${id}`);
    expect(html).toMatch(/<td>A<\/td>\s*<td>1.50<\/td>\s*<td>US<\/td>\s*<td>mobile<\/td>/);
    expect(html).toMatch(/<td>B<\/td>\s*<td>2.25<\/td>\s*<td>All countries<\/td>\s*<td>All devices<\/td>/);
    expect(html).toContain("Rotates: each click goes to one of the offers");
    expect(html).toContain("Apply for this smartlink");
    expect(html).not.toContain("Your tracking link");
  });
});

describe("applying", () => {
  test("Ask: pending, admins notified; approval gives the link; decline, then apply again", async () => {
    const id = await createSmartlink("Review Deals", "ask");
    const { session, publisherId } = await signedUp("Reviewed Pub");

    const pending = await (await apply(session, id)).text();
    expect(pending).toContain("Your application is awaiting your network admin's review");
    expect(pending).not.toContain("Your tracking link");
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain("awaiting your network admin's review");
    expect(await session.page("/publisher/smartlinks")).toMatch(/Review Deals<\/a>[\s\S]*?Awaiting review/);
    const access = await findAccess(db(), id, publisherId);
    expect(access?.status).toBe("pending");
    const notes = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "application"), eq(notifications.link, "/admin/approvals")));
    expect(notes.map((n) => n.message)).toContain("Reviewed Pub applied for the smartlink Review Deals.");

    await decideAccess(db(), id, publisherId, "declined");
    const declined = await session.page(`/publisher/smartlinks/${id}`);
    expect(declined).toContain("Your application was declined. You can apply again");
    expect(declined).toContain("Apply again");
    expect(await (await apply(session, id)).text()).toContain("awaiting your network admin's review");

    await decideAccess(db(), id, publisherId, "approved");
    const approved = await session.page(`/publisher/smartlinks/${id}`);
    expect(approved).toContain(`value="${server.url}/s/${access!.code}"`);
    expect(approved).toContain('data-copy="#tracking-link"');
    expect((await findAccess(db(), id, publisherId))?.code).toBe(access!.code);
  });

  test("Public: approved at once; a plain form post redirects back to the page", async () => {
    const id = await createSmartlink("Instant Deals", "public");
    const { session, publisherId } = await signedUp();
    const res = await session.post(`/publisher/smartlinks/${id}/apply`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/publisher/smartlinks/${id}`);
    const access = await findAccess(db(), id, publisherId);
    expect(access?.status).toBe("approved");
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain(`value="${server.url}/s/${access!.code}"`);
  });

  test("the link never changes: pool edits, tracking domain, decline and re-approval", async () => {
    const id = await createSmartlink("Stable Deals", "ask");
    const { session, publisherId } = await signedUp();
    await apply(session, id);
    await decideAccess(db(), id, publisherId, "approved");
    const { code } = (await findAccess(db(), id, publisherId))!;
    const link = `value="${server.url}/s/${code}"`;
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain(link);

    expect((await server.api("PATCH", `/api/v1/smartlinks/${id}`, { pool: [{ campaign_id: offerB }] })).status).toBe(200);
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain(link);
    await decideAccess(db(), id, publisherId, "declined");
    await apply(session, id);
    await decideAccess(db(), id, publisherId, "approved");
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain(link);

    await server.api("PATCH", `/api/v1/smartlinks/${id}`, { tracking_domain: "track.example.com" });
    expect(await session.page(`/publisher/smartlinks/${id}`)).toContain(`value="http://track.example.com/s/${code}"`);
  });
});

describe("authorisation", () => {
  test("anonymous visitors go to sign-in; publishers get 403 on admin pages", async () => {
    const anonymous = await server.get("/publisher/smartlinks");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/login?next=%2Fpublisher%2Fsmartlinks");
    const { session } = await signedUp();
    expect((await session.get("/admin/settings")).status).toBe(403);
  });

  test("a second publisher cannot reach the first one's link, builder or test click", async () => {
    const id = await createSmartlink("Mine Only", "ask");
    const first = await signedUp();
    const second = await signedUp();
    await apply(first.session, id);
    await decideAccess(db(), id, first.publisherId, "approved");
    const { code } = (await findAccess(db(), id, first.publisherId))!;

    const page = await second.session.page(`/publisher/smartlinks/${id}`);
    expect(page).not.toContain(code);
    expect(page).toContain("Apply for this smartlink");
    expect((await second.session.get(`/publisher/smartlinks/${id}/link?pub_sub=x`, { htmx: true })).status).toBe(404);
    expect((await second.session.post(`/publisher/smartlinks/${id}/test-click`, {}, { htmx: true })).status).toBe(404);
  });

  test("a second publisher cannot mark the first one's notifications read", async () => {
    const owner = await signedUp("Owner");
    const other = await signedUp("Other");
    await notifyPublisher(db(), owner.publisherId, { kind: "application_approved", message: "Owner's news." });
    const [note] = await db().select().from(notifications).where(eq(notifications.message, "Owner's news."));
    const readAt = async () =>
      (await db().select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, note!.id)))[0]!.readAt;

    expect((await other.session.post(`/publisher/notifications/${note!.id}/read`)).status).toBe(303);
    const htmx = await other.session.post(`/publisher/notifications/${note!.id}/read`, {}, { htmx: true });
    expect(htmx.status).toBe(200);
    expect(await htmx.text()).not.toContain("Owner's news.");
    expect((await other.session.post("/publisher/notifications/read-all")).status).toBe(303);
    expect(await readAt()).toBeNull();
    expect(await other.session.page("/publisher/notifications")).not.toContain("Owner's news.");

    // The owner sees it unread and can mark it read.
    expect(await owner.session.page("/publisher/notifications")).toContain(`id="notification-${note!.id}" class="notification unread"`);
    expect((await owner.session.post(`/publisher/notifications/${note!.id}/read`)).status).toBe(303);
    expect(await readAt()).toBeInstanceOf(Date);
  });
});
