/** Sign-up is limited per client address: past SIGNUP_LIMIT_PER_HOUR the form answers 429. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../helpers/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("pglite", { SIGNUP_LIMIT_PER_HOUR: "2" });
});
afterAll(() => server?.dispose());

test("the third sign-up from one address within the hour is refused, and nothing is created", async () => {
  const signUp = (n: number) =>
    server.get("/signup", {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: `Pub ${n}`, email: `pub${n}@example.com`, password: "long enough pw" }),
    });
  expect((await signUp(1)).status).toBe(303);
  expect((await signUp(2)).status).toBe(303);
  const third = await signUp(3);
  expect(third.status).toBe(429);
  expect(await third.text()).toContain("Too many sign-ups");
  const list = await server.api("GET", "/api/v1/publishers");
  expect(list.body.publishers.map((p: { email: string }) => p.email)).toEqual(["pub1@example.com", "pub2@example.com"]);
});
