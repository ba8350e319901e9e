/**
 * Sign-up is limited per client address: past SIGNUP_LIMIT_PER_HOUR the form answers 429, for
 * self sign-up and for sign-up from an invite link alike.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createInvite, findInvite } from "../../src/publishers/publisher-invites";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("pglite", { SIGNUP_LIMIT_PER_HOUR: "2" });
});
afterAll(() => server?.dispose());

const post = (form: Record<string, string>) =>
  server.get("/signup", {
    method: "POST",
    headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

test("the third sign-up from one address within the hour is refused, and nothing is created", async () => {
  const signUp = (n: number) => post({ name: `Pub ${n}`, email: `pub${n}@example.com`, password: "long enough pw" });
  expect((await signUp(1)).status).toBe(303);
  expect((await signUp(2)).status).toBe(303);
  const third = await signUp(3);
  expect(third.status).toBe(429);
  expect(await third.text()).toContain("Too many sign-ups");
  const list = await server.api("GET", "/api/v1/publishers");
  expect(list.body.publishers.map((p: { email: string }) => p.email)).toEqual(["pub1@example.com", "pub2@example.com"]);
});

test("the same limit refuses an invite sign-up; the invite stays usable", async () => {
  const created = await server.api("POST", "/api/v1/publishers", { name: "Invited", email: "invited@example.com" });
  const db = server.deps.database.db;
  const { token } = await createInvite(db, created.body.id);
  // Use the limit up (already used when the test above ran first); invalid forms create nothing.
  for (let i = 0; i < 3; i++) await post({ name: "", email: "", password: "" });
  const res = await post({ invite: token, name: "Ina", password: "long enough pw" });
  expect(res.status).toBe(429);
  expect(await res.text()).toContain("Too many sign-ups");
  expect(await findInvite(db, token)).not.toBeNull();
});
