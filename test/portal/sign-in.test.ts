/**
 * Sign-in over real HTTP: the session cookie's attributes, `next` kept inside the user's own
 * portal, sign-out, and the per-account and per-IP limits on failed attempts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, hashPassword } from "../../src/auth/sign-in";
import { users } from "../../src/db/schema";
import { startTestServer, type TestServer } from "../helpers/test-server";

const ADMIN = { email: "boss@example.com", password: "correct horse battery" };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
});
afterAll(() => server?.dispose());

function signIn(email: string, password: string, ip: string, next?: string) {
  const body = new URLSearchParams({ email, password, ...(next ? { next } : {}) });
  return server.get("/login", {
    method: "POST",
    headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body,
  });
}

describe("sign-in", () => {
  test("sets an HttpOnly, Secure, SameSite=Lax session cookie and honours `next` inside the portal", async () => {
    const res = await signIn(ADMIN.email, ADMIN.password, "198.51.100.1", "/admin/campaigns");
    expect([res.status, res.headers.get("location")]).toEqual([303, "/admin/campaigns"]);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sb_session=[a-z2-7]{32};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
  });

  test.each([["https://evil.example/admin"], ["//evil.example"], ["/publisher"]])("`next` %s is ignored", async (next) => {
    const res = await signIn(ADMIN.email, ADMIN.password, "198.51.100.2", next);
    expect(res.headers.get("location")).toBe("/admin");
  });

  test("sign-out ends the session", async () => {
    const res = await signIn(ADMIN.email, ADMIN.password, "198.51.100.3");
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const page = await server.get("/admin", { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const out = await server.get("/logout", {
      method: "POST",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    expect((await server.get("/admin", { headers: { cookie } })).status).toBe(303);
  });

  test(`after ${MAX_FAILURES_PER_ACCOUNT} failures an account is locked, even with the right password`, async () => {
    const db = server.deps.database.db;
    await db.insert(users).values({ email: "victim@example.com", name: "V", role: "admin", passwordHash: await hashPassword("right password 1") });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await signIn("victim@example.com", `wrong ${i}`, `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const locked = await signIn("victim@example.com", "right password 1", "203.0.113.99");
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed attempts");
  });

  test(`after ${MAX_FAILURES_PER_IP} failures from one address, that address is locked out`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect((await signIn(`nobody${i}@example.com`, "wrong", "192.0.2.200")).status).toBe(401);
    }
    expect((await signIn(ADMIN.email, ADMIN.password, "192.0.2.200")).status).toBe(429);
    expect((await signIn(ADMIN.email, ADMIN.password, "192.0.2.201")).status).toBe(303);
  });
});
