/**
 * A suspended publisher's links stop routing at once, on a WARM route cache: the plan is cached
 * by a first click, the admin suspends the publisher through the portal, and only the database
 * trigger's NOTIFY (drizzle/0001_routing_notify.sql) can evict it before the cache's 60 s TTL.
 * Real server, PGlite and the machine's PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { postgresAvailable, type Backend } from "../helpers/databases";
import { eventually, routingSettled, startTestServer, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "../portal/publisher-session";

const ADMIN = { email: "admin@example.com", password: "admin-password-123" };
const FALLBACK = "https://network.example/link-fallback";
const OFFER = "https://adv.example/offer";

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];

describe.each(backends)("suspended publisher on %s", (backend) => {
  let server: TestServer;
  let admin: PortalSession;
  let smartlinkId: number;

  beforeAll(async () => {
    server = await startTestServer(backend, {
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      ROUTE_CACHE_TTL_MS: "600000",
    });
    const campaign = await server.api("POST", "/api/v1/campaigns", {
      name: "Offer",
      destination_url: `${OFFER}?ps={pub_sub}`,
      payout: "1.00",
    });
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "Shared",
      visibility: "public",
      fallback_url: FALLBACK,
      pool: [{ campaign_id: campaign.body.id }],
    });
    expect(link.status).toBe(201);
    smartlinkId = link.body.id;
    admin = portalSession(server);
    await admin.signIn(ADMIN.email, ADMIN.password);
  });
  afterAll(() => server?.dispose());

  async function publisherWithLink(name: string) {
    const publisher = await server.api("POST", "/api/v1/publishers", { name, email: `${name}@example.com` });
    const access = await server.api("POST", `/api/v1/smartlinks/${smartlinkId}/publishers`, { publisher_id: publisher.body.id });
    expect(access.status).toBe(201);
    return { id: publisher.body.id as number, code: access.body.code as string };
  }
  const locationOf = async (code: string, pubSub: string) =>
    (await server.get(`/s/${code}?pub_sub=${pubSub}`)).headers.get("location");

  test("suspending through the admin portal stops its links on a warm cache; others keep routing", async () => {
    const suspended = await publisherWithLink("suspended");
    const bystander = await publisherWithLink("bystander");

    // Warm the cache once the set-up's notifications are handled: both plans cached, routing to the offer.
    await routingSettled(server);
    expect(await locationOf(suspended.code, "warm")).toBe(`${OFFER}?ps=warm`);
    expect(await locationOf(bystander.code, "warm")).toBe(`${OFFER}?ps=warm`);
    expect(server.deps.routes.peek(suspended.code)?.accessApproved).toBe(true);
    expect(server.deps.routes.peek(bystander.code)?.accessApproved).toBe(true);

    const res = await admin.post(`/admin/publishers/${suspended.id}/suspend`);
    expect(res.status).toBe(303);
    expect((await server.api("GET", `/api/v1/publishers/${suspended.id}`)).body.status).toBe("suspended");

    await eventually(async () => ((await locationOf(suspended.code, "waiting")) === FALLBACK ? true : undefined));
    // One more click once the suspension is seen (the waiting ones may have reached the offer).
    expect(await locationOf(suspended.code, "after")).toBe(FALLBACK);
    expect(await locationOf(bystander.code, "after")).toBe(`${OFFER}?ps=after`);

    const row = await eventually(async () => {
      const list = await server.api("GET", `/api/v1/clicks?smartlink_id=${smartlinkId}&limit=100`);
      return list.body.clicks.find((c: any) => c.publisher_id === suspended.id && c.pub_sub === "after");
    });
    expect(row).toMatchObject({ campaign_id: null, reason: "not_approved" });

    // Activating again (warm cache on the fallback plan) routes again.
    expect((await admin.post(`/admin/publishers/${suspended.id}/activate`)).status).toBe(303);
    await eventually(async () => ((await locationOf(suspended.code, "back")) === `${OFFER}?ps=back` ? true : undefined));
  });
});
