/**
 * Account security over real HTTP (PGlite): changing the password on /admin/account and
 * /publisher/account (current password required, other sessions end), "sign out everywhere",
 * and one-time password reset links made by an admin on /admin/users.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { createPasswordReset, RESET_LIFETIME_MS } from "../../src/auth/password-resets";
import { passwordResets, sessions, users } from "../../src/db/schema";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "./publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const PASSWORD = "correct horse battery";

let server: TestServer;
let admin: PortalSession;
let emails = 0;
const db = () => server.deps.database.db;

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
});
afterAll(() => server?.dispose());

/** A new publisher signed in on two devices. */
async function publisherOnTwoDevices() {
  const email = `pub${++emails}@example.com`;
  const here = portalSession(server);
  await here.signUp(`Pub ${emails}`, email);
  const elsewhere = portalSession(server);
  await elsewhere.signIn(email, PASSWORD);
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return { email, user: user!, here, elsewhere };
}

const signInStatus = async (email: string, password: string) => (await portalSession(server).post("/login", { email, password })).status;

describe("change password", () => {
  test("needs the current password and a valid new one; ends the other sessions, keeps this one", async () => {
    const { email, user, here, elsewhere } = await publisherOnTwoDevices();
    expect(await here.page("/publisher/account")).toContain("Change password");

    const wrong = await here.post("/publisher/account/password", { current_password: "not it at all", new_password: "a brand new password" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Current password is not your current password.");
    const short = await here.post("/publisher/account/password", { current_password: PASSWORD, new_password: "short" });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("New password must be 10 to 1000 characters.");

    const changed = await here.post("/publisher/account/password", { current_password: PASSWORD, new_password: "a brand new password" });
    expect([changed.status, changed.headers.get("location")]).toEqual([303, "/publisher/account?notice=password_changed"]);
    expect(await here.page("/publisher/account?notice=password_changed")).toContain("Password changed.");
    expect((await elsewhere.get("/publisher")).status).toBe(303);
    expect((await db().select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(1);

    expect(await signInStatus(email, PASSWORD)).toBe(401);
    expect(await signInStatus(email, "a brand new password")).toBe(303);
  });

  test("works for admins on /admin/account, and the page is not part of the other portal", async () => {
    const other = portalSession(server);
    await db().insert(users).values({ email: "second@example.com", name: "Second", role: "admin", passwordHash: await Bun.password.hash("second admin pw 1") });
    await other.signIn("second@example.com", "second admin pw 1");
    const res = await other.post("/admin/account/password", { current_password: "second admin pw 1", new_password: "second admin pw 2" });
    expect(res.headers.get("location")).toBe("/admin/account?notice=password_changed");
    expect(await signInStatus("second@example.com", "second admin pw 2")).toBe(303);
    expect((await other.get("/publisher/account")).status).toBe(403);
  });
});

describe("sign out everywhere", () => {
  test("ends every session of the user, this one included", async () => {
    const { user, here, elsewhere } = await publisherOnTwoDevices();
    const res = await here.post("/publisher/account/sign-out-everywhere");
    expect([res.status, res.headers.get("location")]).toEqual([303, "/login?notice=signed_out_everywhere"]);
    for (const device of [here, elsewhere]) expect((await device.get("/publisher")).status).toBe(303);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await (await server.get("/login?notice=signed_out_everywhere")).text()).toContain("You were signed out on every device.");
  });
});

describe("password reset links", () => {
  /** The admin makes a link on /admin/users (htmx); returns it and the token. */
  async function resetLinkFor(userId: number) {
    const res = await admin.post(`/admin/users/${userId}/reset-link`, {}, { htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toStartWith(`<tr id="user-${userId}">`);
    const link = new RegExp(`id="reset-link-${userId}" type="text" readonly value="([^"]+)"`).exec(html)![1]!;
    return { link, token: new URL(link).searchParams.get("token")! };
  }
  const post = (token: string, password: string) =>
    server.get("/reset-password", {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, password }),
    });

  test("the admin's link sets a new password once, signs the user out everywhere; only its hash is stored", async () => {
    const { email, user, here } = await publisherOnTwoDevices();
    expect(await admin.page("/admin/users")).toContain(email);
    const { link, token } = await resetLinkFor(user.id);
    expect(link).toStartWith(`${server.url}/reset-password?token=`);
    const [stored] = await db().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);

    const form = await server.get(`/reset-password?token=${token}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    expect(await form.text()).toContain(`value="${email}"`);

    const short = await post(token, "short");
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("Password must be 10 to 1000 characters.");

    const done = await post(token, "a reset password 1");
    expect([done.status, done.headers.get("location")]).toEqual([303, "/login?notice=password_reset"]);
    expect((await here.get("/publisher")).status).toBe(303);
    expect(await signInStatus(email, "a reset password 1")).toBe(303);

    expect((await post(token, "a reset password 2")).status).toBe(410);
    expect((await server.get(`/reset-password?token=${token}`)).status).toBe(404);
    expect(await signInStatus(email, "a reset password 2")).toBe(401);
  });

  test("two parallel uses of one link: exactly one wins", async () => {
    const { email, user } = await publisherOnTwoDevices();
    const { token } = await resetLinkFor(user.id);
    const answers = await Promise.all([post(token, "parallel password A"), post(token, "parallel password B")]);
    expect(answers.map((res) => res.status).sort()).toEqual([303, 410]);
    const winner = answers[0]!.status === 303 ? "parallel password A" : "parallel password B";
    expect(await signInStatus(email, winner)).toBe(303);
  });

  test("a new link replaces the old one; an expired link does not work", async () => {
    const { user } = await publisherOnTwoDevices();
    const first = await resetLinkFor(user.id);
    await resetLinkFor(user.id);
    expect((await post(first.token, "replaced link pw 1")).status).toBe(410);
    const { token } = await createPasswordReset(db(), user.id, new Date(Date.now() - RESET_LIFETIME_MS - 1000));
    expect((await server.get(`/reset-password?token=${token}`)).status).toBe(404);
    expect((await post(token, "expired link pw 1")).status).toBe(410);
  });

  test("publishers cannot make links; a cross-site POST is refused", async () => {
    const { user, here } = await publisherOnTwoDevices();
    expect((await here.get("/admin/users")).status).toBe(403);
    expect((await here.post(`/admin/users/${user.id}/reset-link`, {}, { htmx: true })).status).toBe(403);
    expect(await db().select().from(passwordResets).where(eq(passwordResets.userId, user.id))).toEqual([]);
    const { token } = await resetLinkFor(user.id);
    const cross = await server.get("/reset-password", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, password: "cross site password" }),
    });
    expect(cross.status).toBe(403);
    expect((await post(token, "same site password")).status).toBe(303);
  });
});
