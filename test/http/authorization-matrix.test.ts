/**
 * The authorisation matrix over every route the app declares (read from the app itself, so a
 * new route is covered the day it is added): anonymous visitors, publisher A and B, the admin
 * and an API key, each against the admin portal, the publisher portal and the JSON API; then
 * what publisher B may see of publisher A's private smartlink.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { buildApp } from "../../src/app";
import { startTestServer, TEST_API_KEY, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "../portal/publisher-session";

const ADMIN = { email: "admin@matrix.test", password: "admin password 1" };
const PASSWORD = "correct horse battery";

let server: TestServer;
let admin: PortalSession;
let publisherA: PortalSession;
let publisherB: PortalSession;
let routes: { method: string; path: string }[];
let privateSmartlinkId: number;

/** A signed-in publisher: sign up through the form, then sign in from a fresh session. */
async function publisher(name: string, email: string): Promise<PortalSession> {
  const visitor = portalSession(server);
  expect((await visitor.post("/signup", { name, email, password: PASSWORD })).status).toBe(303);
  const session = portalSession(server);
  await session.signIn(email, PASSWORD);
  return session;
}

async function publisherId(email: string): Promise<number> {
  const { body } = await server.api("GET", "/api/v1/publishers");
  return body.publishers.find((p: { email: string }) => p.email === email).id;
}

/** The route's path with every `:param` filled with an id that exists (1). */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, "1");

function under(prefix: string) {
  return routes.filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`));
}

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  routes = buildApp(server.deps)
    .routes.filter((r) => r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => ({ method: r.method, path: r.path }));

  admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  publisherA = await publisher("Publisher A", "a@matrix.test");
  publisherB = await publisher("Publisher B", "b@matrix.test");

  const campaign = await server.api("POST", "/api/v1/campaigns", {
    name: "Matrix offer",
    destination_url: "https://offer.example/land",
  });
  const smartlink = await server.api("POST", "/api/v1/smartlinks", {
    name: "A only",
    visibility: "private",
    status: "active",
    pool: [{ campaign_id: campaign.body.id }],
  });
  privateSmartlinkId = smartlink.body.id;
  const grant = await server.api("POST", `/api/v1/smartlinks/${privateSmartlinkId}/publishers`, {
    publisher_id: await publisherId("a@matrix.test"),
  });
  expect(grant.status).toBe(201);
});

afterAll(async () => {
  await server?.dispose();
});

/** Send `method path` as `session` would from a browser form (Origin and CSRF token set). */
async function send(session: PortalSession | null, method: string, path: string): Promise<Response> {
  if (session === null) {
    return server.get(path, { method, headers: { origin: server.url } });
  }
  return method === "GET" ? session.get(path) : session.post(path);
}

describe("the portals and the API refuse whoever is not theirs", () => {
  test("the route list covers the admin portal, the publisher portal and the API", () => {
    expect(under("/admin").length).toBeGreaterThan(20);
    expect(under("/publisher").length).toBeGreaterThan(5);
    expect(under("/api/v1").length).toBeGreaterThan(10);
  });

  test("anonymous visitors are sent to sign in on every portal route", async () => {
    for (const route of [...under("/admin"), ...under("/publisher")]) {
      const res = await send(null, route.method, concrete(route.path));
      expect({ route, status: res.status }).toEqual({ route, status: 303 });
      expect(res.headers.get("location")).toStartWith("/login");
    }
  });

  test("a publisher gets 403 on every admin route", async () => {
    for (const route of under("/admin")) {
      const res = await send(publisherA, route.method, concrete(route.path));
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
  });

  test("an admin gets 403 on every publisher route", async () => {
    for (const route of under("/publisher")) {
      const res = await send(admin, route.method, concrete(route.path));
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
  });

  test("the API answers 401 without a key, with a wrong key and with a portal session", async () => {
    const callers: Record<string, Record<string, string>> = {
      "no key": {},
      "wrong key": { authorization: `Bearer ${TEST_API_KEY}x` },
      "admin session": { cookie: admin.cookie, origin: server.url },
    };
    for (const route of under("/api/v1")) {
      for (const [caller, headers] of Object.entries(callers)) {
        const res = await server.get(concrete(route.path), {
          method: route.method,
          headers: { ...headers, "content-type": "application/json" },
          body: route.method === "GET" || route.method === "DELETE" ? undefined : "{}",
        });
        expect({ route, caller, status: res.status }).toEqual({ route, caller, status: 401 });
      }
    }
  });

  test("an API key does not open the portals", async () => {
    for (const path of ["/admin", "/admin/campaigns", "/publisher"]) {
      const res = await server.get(path, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
      expect(res.status).toBe(303);
    }
  });
});

describe("publisher B and publisher A's private smartlink", () => {
  test("A sees it and its tracking link", async () => {
    expect((await publisherA.get(`/publisher/smartlinks/${privateSmartlinkId}`)).status).toBe(200);
    const link = await publisherA.get(`/publisher/smartlinks/${privateSmartlinkId}/link`, { htmx: true });
    expect(link.status).toBe(200);
    expect(await link.text()).toContain("/s/");
  });

  test("B cannot see it, its link, test-click it or apply to it", async () => {
    const page = await publisherB.get(`/publisher/smartlinks/${privateSmartlinkId}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain("A only");
    const link = await publisherB.get(`/publisher/smartlinks/${privateSmartlinkId}/link`, { htmx: true });
    expect(link.status).toBe(404);
    expect(await link.text()).not.toContain("/s/");
    expect((await publisherB.post(`/publisher/smartlinks/${privateSmartlinkId}/test-click`)).status).toBe(404);
    expect((await publisherB.post(`/publisher/smartlinks/${privateSmartlinkId}/apply`)).status).toBe(404);
    const list = await publisherB.page("/publisher/smartlinks");
    expect(list).not.toContain("A only");
  });

  test("B's reports never show A's smartlink", async () => {
    const reports = await publisherB.page("/publisher/reports");
    expect(reports).not.toContain("A only");
  });
});

describe("a suspended publisher", () => {
  test("loses its sessions on every publisher route and cannot sign in again", async () => {
    const suspended = await publisher("Publisher C", "c@matrix.test");
    expect((await suspended.get("/publisher")).status).toBe(200);
    const patch = await server.api("PATCH", `/api/v1/publishers/${await publisherId("c@matrix.test")}`, {
      status: "suspended",
    });
    expect(patch.status).toBe(200);
    for (const route of under("/publisher")) {
      const res = await send(suspended, route.method, concrete(route.path));
      expect({ route, status: res.status }).toEqual({ route, status: 303 });
    }
    const again = await portalSession(server).post("/login", { email: "c@matrix.test", password: PASSWORD });
    expect(again.status).toBe(403);
    expect(again.headers.get("set-cookie") ?? "").not.toContain("sb_session=");
  });
});

describe("anonymous bodies", () => {
  test("a portal POST without a session is answered without its body being read", async () => {
    // A body that sends one chunk and then never ends: reading it would hang the request.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("name=x&"));
      },
    });
    const res = await Promise.race([
      server.get("/admin/campaigns", {
        method: "POST",
        headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body,
        // @ts-expect-error Bun's fetch streams a request body with duplex "half"
        duplex: "half",
      }),
      Bun.sleep(10_000).then(() => null),
    ]);
    expect(res?.status).toBe(303);
    expect(res?.headers.get("location")).toStartWith("/login");
  });
});
