/**
 * The routing listener on both backends: heartbeats heard back keep it connected, a change
 * notified by a trigger evicts the plan, and `stop` ends it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { RouteCache } from "../../src/links/route-cache";
import { startRoutingListener, type RoutingListener } from "../../src/links/routing-listener";
import type { RoutingPlan } from "../../src/routing/types";
import { openTestDatabase, postgresAvailable, type Backend } from "../helpers/databases";
import { eventually } from "../helpers/test-server";

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];

const plan = { code: "Code0001", smartlinkId: 1, publisherId: 1, tiers: [] } as unknown as RoutingPlan;

describe.each(backends)("routing listener on %s", (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let cache: RouteCache;
  let listener: RoutingListener;
  const logs: string[] = [];

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase(backend));
    cache = new RouteCache({
      max: 10,
      ttlMs: 60_000,
      untrustedTtlMs: 2_000,
      loadMany: async (codes) => new Map(codes.map((c) => [c, { ...plan, code: c }])),
    });
    listener = await startRoutingListener(database, cache, {
      heartbeatMs: 20,
      deadlineMs: 1000,
      log: (message) => logs.push(message),
    });
  });
  afterAll(async () => {
    await listener?.stop();
    await dispose?.();
  });

  test("heartbeats are heard back and keep it connected", async () => {
    await eventually(async () => (listener.heartbeats >= 5 ? true : undefined));
    expect([listener.connected, listener.listens, logs]).toEqual([true, 1, []]);
  });

  test("a trigger's notification evicts the plans it names", async () => {
    await database.db.execute(sql`insert into smartlinks (name) values ('S')`);
    await eventually(async () => (listener.events >= 1 ? true : undefined));
    await cache.load("Code0001");
    expect(cache.peek("Code0001")).toBeDefined();
    await database.db.execute(sql`update smartlinks set name = 'S2' where id = 1`);
    await eventually(async () => (cache.peek("Code0001") === undefined ? true : undefined));
  });

  test("stop ends it", async () => {
    await listener.stop();
    const beats = listener.heartbeats;
    expect(listener.connected).toBe(false);
    await listener.stop();
    expect(listener.heartbeats).toBe(beats);
  });
});
