/**
 * Suspended publishers over real HTTP (PGlite): suspension ends their sessions, an old cookie
 * gets nothing of the publisher portal (dashboard, smartlinks, tracking-link partial, test click,
 * apply, reports, notifications, account), and sign-in is refused with a clear 403.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, inArray } from "drizzle-orm";
import { publishers, sessions, users } from "../../src/db/schema";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PASSWORD = "correct horse battery";

let server: TestServer;
let admin: PortalSession;
let smartlinkId: number;
let emails = 0;
const db = () => server.deps.database.db;

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  const campaign = await server.api("POST", "/api/v1/campaigns", { name: "Offer", destination_url: `${server.url}/demo/offers/x?cid={click_id}` });
  const smartlink = await server.api("POST", "/api/v1/smartlinks", { name: "Open", visibility: "public", pool: [{ campaign_id: campaign.body.id }] });
  smartlinkId = smartlink.body.id;
});
afterAll(() => server?.dispose());

/** A publisher signed in on two devices that applied to the smartlink (so it has a link). */
async function publisherWithTwoSessions() {
  const email = `pub${++emails}@example.com`;
  const first = portalSession(server);
  await first.signUp(`Pub ${emails}`, email);
  expect((await first.post(`/publisher/smartlinks/${smartlinkId}/apply`)).status).toBeLessThan(400);
  const second = portalSession(server);
  await second.signIn(email, PASSWORD);
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return { email, user: user!, devices: [first, second] };
}

/** Every publisher route, as the old session would call it (with its CSRF token). */
const routes = (session: PortalSession) => [
  () => session.get("/publisher"),
  () => session.get("/publisher/smartlinks"),
  () => session.get(`/publisher/smartlinks/${smartlinkId}`),
  () => session.get(`/publisher/smartlinks/${smartlinkId}/link?sub1=a`, { htmx: true }),
  () => session.post(`/publisher/smartlinks/${smartlinkId}/test-click`, { sub1: "a" }, { htmx: true }),
  () => session.post(`/publisher/smartlinks/${smartlinkId}/apply`, {}, { htmx: true }),
  () => session.get("/publisher/reports"),
  () => session.get("/publisher/notifications"),
  () => session.get("/publisher/account"),
];

async function expectLockedOut(session: PortalSession) {
  for (const call of routes(session)) {
    const res = await call();
    const body = await res.text();
    // Anonymous answers only: a redirect to sign-in (htmx: HX-Redirect), never a page.
    expect([303, 204]).toContain(res.status);
    expect(res.headers.get("location") ?? res.headers.get("hx-redirect")).toStartWith("/login");
    expect(body).not.toContain("/s/");
  }
}

describe("a suspended publisher", () => {
  test("suspension in the admin portal ends every session; old cookies get nothing; sign-in says suspended", async () => {
    const { email, user, devices } = await publisherWithTwoSessions();
    for (const device of devices) expect(await device.page("/publisher")).toContain("Welcome");

    expect((await admin.post(`/admin/publishers/${user.publisherId}/suspend`)).status).toBe(303);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    for (const device of devices) await expectLockedOut(device);

    const again = await portalSession(server).post("/login", { email, password: PASSWORD });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("This publisher account is suspended. Contact your network admin.");
    expect(again.headers.getSetCookie()).toEqual([]);
    // A wrong password does not reveal the suspension.
    expect((await portalSession(server).post("/login", { email, password: "wrong password" })).status).toBe(401);
  });

  test("suspension through the API ends the sessions too", async () => {
    const { user, devices } = await publisherWithTwoSessions();
    expect((await server.api("PATCH", `/api/v1/publishers/${user.publisherId}`, { status: "suspended" })).status).toBe(200);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    await expectLockedOut(devices[0]!);
  });

  test("session validation refuses a suspended publisher even if its sessions survived", async () => {
    const { user, devices } = await publisherWithTwoSessions();
    // Suspended behind the service's back (another tool, a restore): the sessions still exist.
    await db().update(publishers).set({ status: "suspended" }).where(eq(publishers.id, user.publisherId!));
    expect((await db().select().from(sessions).where(inArray(sessions.userId, [user.id]))).length).toBe(2);
    await expectLockedOut(devices[1]!);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });

  test("activated again, the publisher signs in normally", async () => {
    const { email, user } = await publisherWithTwoSessions();
    await server.api("PATCH", `/api/v1/publishers/${user.publisherId}`, { status: "suspended" });
    await server.api("PATCH", `/api/v1/publishers/${user.publisherId}`, { status: "active" });
    const back = portalSession(server);
    await back.signIn(email, PASSWORD);
    expect(await back.page("/publisher")).toContain("Welcome");
  });
});
