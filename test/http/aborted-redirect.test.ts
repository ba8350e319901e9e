/**
 * A redirect whose client gave up while its cache miss was loading records no click (issue 9:
 * a client that aborts and re-sends must not produce two clicks).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { postgresAvailable } from "../helpers/databases";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server";

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)("aborted redirect", () => {
  let server: TestServer;
  let code: string;

  beforeAll(async () => {
    server = await startTestServer("postgres", { ROUTE_MISS_BUDGET_MS: "5000" });
    const campaign = await server.api("POST", "/api/v1/campaigns", {
      name: "C",
      destination_url: "https://adv.example/c",
      payout: "1.00",
      revenue: "2.00",
    });
    const link = await server.api("POST", "/api/v1/smartlinks", {
      name: "S",
      visibility: "public",
      rotation: "weighted",
      pool: [{ campaign_id: campaign.body.id, weight: 1, priority: 1 }],
    });
    const publisher = await server.api("POST", "/api/v1/publishers", { name: "P", email: "p@example.com" });
    const access = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, {
      publisher_id: publisher.body.id,
    });
    code = access.body.code;
  });
  afterAll(() => server?.dispose());

  test("a miss answered after the client aborted records no click", async () => {
    // Hold the plan query behind a lock (taken on another pool connection) until the client gave up.
    let locked!: () => void;
    let unlock!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const held = new Promise<void>((resolve) => (unlock = resolve));
    const locking = server.deps.database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table smartlink_publishers in access exclusive mode`);
      locked();
      await held;
    });
    await isLocked;

    const before = server.deps.clicks.stats();
    const aborter = new AbortController();
    const request = server.get(`/s/${code}`, { signal: aborter.signal }).catch((err: Error) => err.name);
    await eventually(async () => (server.deps.routes.pendingLoads > 0 ? true : undefined));
    aborter.abort();
    expect(await request).toBe("AbortError");
    unlock();
    await locking;

    // The load completes and is cached; the abandoned request is not counted.
    await eventually(async () => (server.deps.routes.peek(code) ? true : undefined));
    await eventually(async () => (server.deps.routes.pendingLoads === 0 ? true : undefined));
    await server.deps.clicks.flush();
    const after = server.deps.clicks.stats();
    expect(after.written + after.buffered + after.dropped).toBe(before.written + before.buffered + before.dropped);
  });
});
