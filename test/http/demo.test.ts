/**
 * The embedded demo: seeded once into an empty database, its tracking link lands on the app's
 * own demo offer page with the click ID and sub-IDs, and its admin and publisher can sign in.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedDemo, type DemoCredentials } from "../../src/demo/seed-demo";
import { startTestServer, type TestServer } from "../helpers/test-server";

describe("demo network", () => {
  let server: TestServer;
  let demo: DemoCredentials;
  beforeAll(async () => {
    server = await startTestServer("pglite");
    demo = (await seedDemo(server.deps.database.db, server.url))!;
  });
  afterAll(() => server?.dispose());

  test("seeds only an empty database, with random passwords", async () => {
    expect(demo.adminPassword).toMatch(/^[a-z2-7]{16}$/);
    expect(demo.publisherPassword).toMatch(/^[a-z2-7]{16}$/);
    expect(demo.publisherPassword).not.toBe(demo.adminPassword);
    expect(demo.trackingPath).toMatch(/^\/s\/[0-9A-Za-z]{8}$/);
    expect(await seedDemo(server.deps.database.db, server.url)).toBeNull();
  });

  test("the demo link lands on a demo offer page showing the click ID and sub-IDs", async () => {
    const res = await server.get(`${demo.trackingPath}?pub_sub=demo&sub1=hello`, {
      headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36" },
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toMatch(/^\/demo\/offers\/[CD]$/);
    const clickId = location.searchParams.get("click_id")!;
    const page = await (await fetch(location)).text();
    expect(page).toContain(`data-param="click_id">${clickId}</td>`);
    expect(page).toContain(`data-param="sub1">hello</td>`);
  });

  test.each([
    ["admin", () => demo.adminEmail, () => demo.adminPassword, "/admin"],
    ["publisher", () => demo.publisherEmail, () => demo.publisherPassword, "/publisher"],
  ])("the demo %s signs in", async (_role, email, password, home) => {
    const res = await server.get("/login", {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: email(), password: password() }),
    });
    expect([res.status, res.headers.get("location")]).toEqual([303, home]);
  });
});
