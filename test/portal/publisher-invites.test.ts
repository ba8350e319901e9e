/**
 * Publisher invites over real HTTP (PGlite): an admin-created publisher gets an invite link from
 * the admin Publishers page, signs up through it and sees the smartlink it was granted; an invite
 * works once and not after expiry; publishers with a sign-in get none; only admins (with the
 * CSRF token) can make one; the publisher's name is escaped on the invite page.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { notifications, publisherInvites, users } from "../../src/db/schema";
import { ConflictError, NotFoundError } from "../../src/errors";
import { acceptInvite, createInvite, findInvite, INVITE_LIFETIME_MS } from "../../src/publishers/publisher-invites";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PASSWORD = "invited password 1";

let server: TestServer;
let admin: PortalSession;
let campaignId: number;
let emails = 0;
const db = () => server.deps.database.db;

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  const campaign = await server.api("POST", "/api/v1/campaigns", {
    name: "Offer",
    destination_url: "https://adv.example/o?cid={click_id}",
    payout: "1.00",
  });
  expect(campaign.status).toBe(201);
  campaignId = campaign.body.id;
});
afterAll(() => server?.dispose());

/** A publisher record made through the API (no portal account). */
async function apiPublisher(name = "Invited Media") {
  const res = await server.api("POST", "/api/v1/publishers", { name, email: `invited${++emails}@example.com` });
  expect(res.status).toBe(201);
  return res.body as { id: number; name: string; email: string };
}

/** Press "Invite link" in the publisher's row (htmx) and read the link shown once. */
async function inviteFromAdminPage(publisherId: number): Promise<string> {
  const res = await admin.post(`/admin/publishers/${publisherId}/invite`, {}, { htmx: true });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const html = await res.text();
  expect(html).toStartWith(`<tr id="publisher-${publisherId}"`);
  const link = new RegExp(`id="invite-link-${publisherId}" type="text" readonly value="([^"]+)"`).exec(html)?.[1];
  expect(link).toStartWith(`${server.url}/signup?invite=`);
  expect(html).toContain(`data-copy="#invite-link-${publisherId}"`);
  return link!;
}

const tokenOf = (link: string) => new URL(link).searchParams.get("invite")!;
const invitesOf = (publisherId: number) => db().select().from(publisherInvites).where(eq(publisherInvites.publisherId, publisherId));
const usersOf = (publisherId: number) => db().select().from(users).where(eq(users.publisherId, publisherId));

/** POST the invite sign-up form as an anonymous visitor. */
const acceptForm = (visitor: PortalSession, token: string, name = "Ina Vite", password = PASSWORD) =>
  visitor.post("/signup", { invite: token, name, password });

describe("the invite flow", () => {
  test("admin invites an API-created publisher; it signs up and sees its granted smartlink", async () => {
    const publisher = await apiPublisher();
    const smartlink = await server.api("POST", "/api/v1/smartlinks", {
      name: "Granted link",
      visibility: "private",
      pool: [{ campaign_id: campaignId }],
    });
    expect(smartlink.status).toBe(201);
    const grant = await server.api("POST", `/api/v1/smartlinks/${smartlink.body.id}/publishers`, {
      publisher_id: publisher.id,
    });
    expect(grant.status).toBe(201);

    const before = await admin.page("/admin/publishers");
    expect(before).toContain(`action="/admin/publishers/${publisher.id}/invite"`);
    const link = await inviteFromAdminPage(publisher.id);
    const token = tokenOf(link);
    // Only the hash is stored.
    const [stored] = await invitesOf(publisher.id);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toBe(token);
    expect(stored!.usedAt).toBeNull();
    expect(Math.abs(stored!.expiresAt.getTime() - (Date.now() + INVITE_LIFETIME_MS))).toBeLessThan(60_000);

    const visitor = portalSession(server);
    const form = await visitor.page(new URL(link).pathname + new URL(link).search);
    expect(form).toContain("Set up your publisher account");
    expect(form).toContain("Invited Media");
    const emailInput = /<input id="email"[^>]*>/.exec(form)![0];
    expect(emailInput).toContain(`value="${publisher.email}"`);
    expect(emailInput).toContain("readonly");
    expect(form).toContain(`name="invite" value="${token}"`);
    expect(form).toContain("Your name");

    const res = await acceptForm(visitor, token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/publisher");
    await visitor.refreshCsrf("/publisher");
    expect(await visitor.page("/publisher")).toContain("Welcome, Invited Media");
    const detail = await visitor.page(`/publisher/smartlinks/${smartlink.body.id}`);
    expect(detail).toContain(`value="${grant.body.tracking_url}"`);

    const [user] = await usersOf(publisher.id);
    expect(user).toMatchObject({ role: "publisher", email: publisher.email, name: "Ina Vite" });
    expect(user!.passwordHash).not.toContain(PASSWORD);
    const [used] = await invitesOf(publisher.id);
    expect(used!.usedAt).not.toBeNull();
    const notes = await db().select().from(notifications).where(eq(notifications.kind, "publisher_invite_accepted"));
    expect(notes.map((n) => n.message)).toContain("Invited Media accepted the invite and can now sign in.");

    // The account signs in with the publisher's e-mail and the chosen password.
    const again = portalSession(server);
    await again.signIn(publisher.email, PASSWORD);
    // The admin list now says it has a sign-in, without an invite button.
    const after = await admin.page("/admin/publishers");
    const row = new RegExp(`<tr id="publisher-${publisher.id}">.*?</tr>`, "s").exec(after)![0];
    expect(row).toContain("Has sign-in");
    expect(row).not.toContain("/invite");
  });

  test("an invite works once", async () => {
    const publisher = await apiPublisher("Once Only");
    const token = tokenOf(await inviteFromAdminPage(publisher.id));
    expect((await acceptForm(portalSession(server), token)).status).toBe(303);

    const second = await acceptForm(portalSession(server), token, "Someone Else", "another password 2");
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("was already used, or has expired");
    const page = await portalSession(server).get(`/signup?invite=${token}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("This invite link does not work");
    expect((await usersOf(publisher.id)).map((u) => u.name)).toEqual(["Ina Vite"]);
    expect(await findInvite(db(), token)).toBeNull();
    await expect(acceptInvite(db(), token, { name: "X", password: PASSWORD })).rejects.toBeInstanceOf(NotFoundError);
  });

  test("an expired invite is refused and creates nothing", async () => {
    const publisher = await apiPublisher("Too Late");
    const token = tokenOf(await inviteFromAdminPage(publisher.id));
    expect(await findInvite(db(), token)).not.toBeNull();
    await db()
      .update(publisherInvites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(publisherInvites.publisherId, publisher.id));

    const page = await portalSession(server).get(`/signup?invite=${token}`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("has expired");
    expect(html).not.toContain('name="password"');
    const post = await acceptForm(portalSession(server), token);
    expect(post.status).toBe(410);
    expect(post.headers.getSetCookie().join()).not.toContain("sb_session=");
    expect(await usersOf(publisher.id)).toEqual([]);
    expect((await invitesOf(publisher.id))[0]!.usedAt).toBeNull();
  });

  test("an unknown token is refused", async () => {
    const page = await portalSession(server).get("/signup?invite=not-a-real-token");
    expect(page.status).toBe(404);
    expect((await acceptForm(portalSession(server), "not-a-real-token")).status).toBe(410);
  });

  test("bad fields answer 422 with the sign-up messages; the invite stays usable", async () => {
    const publisher = await apiPublisher("Typo Inc");
    const token = tokenOf(await inviteFromAdminPage(publisher.id));
    const visitor = portalSession(server);
    const res = await acceptForm(visitor, token, "   ", "short");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Name must be 1 to 200 characters.");
    expect(html).toContain("Password must be 10 to 1000 characters.");
    expect(html).toContain(`name="invite" value="${token}"`);
    expect(await usersOf(publisher.id)).toEqual([]);
    expect((await acceptForm(visitor, token)).status).toBe(303);
  });

  test("a newer invite replaces the unused older one", async () => {
    const publisher = await apiPublisher("Twice Asked");
    const first = tokenOf(await inviteFromAdminPage(publisher.id));
    const second = tokenOf(await inviteFromAdminPage(publisher.id));
    expect(await findInvite(db(), first)).toBeNull();
    expect((await findInvite(db(), second))?.publisher.id).toBe(publisher.id);
  });

  test("without htmx the whole page answers with the link in the row, not cached", async () => {
    const publisher = await apiPublisher("No Script Co");
    const res = await admin.post(`/admin/publishers/${publisher.id}/invite`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<h1>Publishers</h1>");
    const link = new RegExp(`id="invite-link-${publisher.id}" type="text" readonly value="([^"]+)"`).exec(html)?.[1];
    expect(await findInvite(db(), tokenOf(link!))).not.toBeNull();
  });
});

describe("who gets and makes invites", () => {
  test("a publisher with a sign-in gets no invite button, and createInvite refuses", async () => {
    const visitor = portalSession(server);
    const email = `self${++emails}@example.com`;
    await visitor.signUp("Self Made", email);
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const publisherId = user!.publisherId!;

    const row = new RegExp(`<tr id="publisher-${publisherId}">.*?</tr>`, "s").exec(await admin.page("/admin/publishers"))![0];
    expect(row).toContain("Has sign-in");
    expect(row).not.toContain(`/admin/publishers/${publisherId}/invite`);
    await expect(createInvite(db(), publisherId)).rejects.toBeInstanceOf(ConflictError);

    // Posting anyway makes nothing and says why.
    const res = await admin.post(`/admin/publishers/${publisherId}/invite`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("already has a portal sign-in");
    expect(html).not.toContain("/signup?invite=");
    expect((await admin.post(`/admin/publishers/${publisherId}/invite`)).status).toBe(409);
    expect(await invitesOf(publisherId)).toEqual([]);
  });

  test("createInvite refuses an unknown publisher; the route answers 404", async () => {
    await expect(createInvite(db(), 999_999)).rejects.toBeInstanceOf(NotFoundError);
    expect((await admin.post("/admin/publishers/999999/invite", {}, { htmx: true })).status).toBe(404);
  });

  test("a publisher session cannot make invites (403)", async () => {
    const target = await apiPublisher("Target");
    const publisher = portalSession(server);
    await publisher.signUp("Nosy Pub", `nosy${++emails}@example.com`);
    const res = await publisher.post(`/admin/publishers/${target.id}/invite`, {}, { htmx: true });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("/signup?invite=");
    expect(await invitesOf(target.id)).toEqual([]);
  });

  test("an admin POST without the CSRF token is refused (403)", async () => {
    const target = await apiPublisher("Csrf Target");
    const login = await server.get("/login", {
      method: "POST",
      headers: { origin: server.url },
      body: new URLSearchParams(ADMIN),
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const res = await server.get(`/admin/publishers/${target.id}/invite`, {
      method: "POST",
      headers: { cookie, origin: server.url, "hx-request": "true" },
      body: new URLSearchParams({}),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Your form expired");
    expect(await invitesOf(target.id)).toEqual([]);
  });
});

test("the publisher's name is escaped on the invite sign-up page and in the admin row", async () => {
  const script = "<script>alert(1)</script>";
  const publisher = await apiPublisher(`Evil ${script}`);
  const link = await inviteFromAdminPage(publisher.id);
  const page = await portalSession(server).page(`/signup?invite=${tokenOf(link)}`);
  expect(page).not.toContain(script);
  expect(page).toContain("Evil &lt;script&gt;alert(1)&lt;/script&gt;");
  const admins = await admin.page("/admin/publishers");
  expect(admins).not.toContain(script);
});
