/**
 * Redirects ride out a database outage, health tells the truth, and invalidation is never
 * silently lost (issue 9). Three real servers on one PostgreSQL test database, each through a
 * TCP proxy of its own that the test cuts (connections reset, as a stopped server) or
 * blackholes (connections hang, as an unreachable host):
 * - A: never cut; edits go through its API.
 * - B: short trust window (1 s), to show stale plans served past it during the outage.
 * - C: long trust windows (60 s, also while disconnected), so only a LISTEN reconnect or an
 *   unknown notification can refresh its cache.
 * The machine's PostgreSQL is never stopped.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { loadConfig } from "../../src/config";
import { startServer, type RunningServer } from "../../src/start-server";
import { createPostgresDatabase, postgresAvailable, type TestPostgres } from "../helpers/databases";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { eventually, GEOIP_FIXTURES, TEST_API_KEY } from "../helpers/test-server";

interface Instance {
  server: RunningServer;
  proxy: TcpProxy;
  logs: string[];
  get(path: string): Promise<Response>;
  ready(): Promise<{ status: number; body: any }>;
}

async function startInstance(pg: TestPostgres, env: Record<string, string>): Promise<Instance> {
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  const logs: string[] = [];
  const config = loadConfig({
    PORT: "0",
    GEOIP_DB: `${GEOIP_FIXTURES}/GeoIP2-Country-Test.mmdb`,
    TRUST_PROXY: "1",
    INITIAL_API_KEY: TEST_API_KEY,
    CLICK_FLUSH_MS: "50",
    DATABASE_URL: proxy.via(pg.url),
    ...env,
  });
  const server = await startServer(config, { logError: (message) => logs.push(message) });
  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });
  return {
    server,
    proxy,
    logs,
    get,
    async ready() {
      const res = await get("/readyz");
      return { status: res.status, body: await res.json() };
    },
  };
}

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)("database outage", () => {
  let pg: TestPostgres;
  let sql: postgres.Sql;
  let a: Instance;
  let b: Instance;
  let c: Instance;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${a.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as any;
  };

  /** A campaign, a smartlink sending everyone to it, a publisher with access: its code. */
  const createLink = async (name: string) => {
    const campaign = await api("POST", "/api/v1/campaigns", {
      name,
      destination_url: `https://adv.example/${name}`,
      payout: "1.00",
      revenue: "2.00",
    });
    const link = await api("POST", "/api/v1/smartlinks", {
      name,
      visibility: "public",
      rotation: "weighted",
      pool: [{ campaign_id: campaign.id, weight: 1, priority: 1 }],
    });
    const publisher = await api("POST", "/api/v1/publishers", { name, email: `${name}@example.com` });
    const access = await api("POST", `/api/v1/smartlinks/${link.id}/publishers`, { publisher_id: publisher.id });
    return { code: access.code as string, campaignId: campaign.id as number, smartlinkId: link.id as number };
  };

  /** Change a destination behind every instance's back: no trigger fires, so no NOTIFY. */
  const silentlySetDestination = (campaignId: number, url: string) =>
    sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update campaigns set destination_url = ${url} where id = ${campaignId}`;
    });

  const locationOf = async (instance: Instance, code: string) => {
    const res = await instance.get(`/s/${code}`);
    return res.status === 302 ? res.headers.get("location") : `status ${res.status}`;
  };

  /** Poll until `instance` sends `code` to `url`; returns the milliseconds it took. */
  const timeUntilServed = async (instance: Instance, code: string, url: string, ms: number) => {
    const started = performance.now();
    await eventually(async () => ((await locationOf(instance, code)) === url ? true : undefined), ms);
    return performance.now() - started;
  };

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    a = await startInstance(pg, {});
    b = await startInstance(pg, { ROUTE_CACHE_TTL_MS: "1000", ROUTE_CACHE_UNTRUSTED_TTL_MS: "1000" });
    c = await startInstance(pg, { ROUTE_CACHE_TTL_MS: "60000", ROUTE_CACHE_UNTRUSTED_TTL_MS: "60000" });
  });
  afterAll(async () => {
    for (const instance of [a, b, c]) {
      instance?.proxy.restore();
      await instance?.server.stop();
      await instance?.proxy.close();
    }
    await sql?.end({ timeout: 1 });
    await pg?.drop();
  });

  describe.each(["cut", "blackhole"] as const)("database %s", (mode) => {
    test("cached codes keep answering 302 past their TTL, uncached codes answer within 1 s, /readyz tells the truth, an edit after recovery reaches B within 1 s", async () => {
      const cached = await createLink(`${mode}-cached`);
      const uncached = await createLink(`${mode}-uncached`);
      const moved = await createLink(`${mode}-moved`);
      expect(await locationOf(b, cached.code)).toBe(`https://adv.example/${mode}-cached`);
      expect((await b.ready()).status).toBe(200);

      b.proxy[mode]();
      // Degraded within seconds, naming the database and the listener.
      const degraded = await eventually(async () => {
        const ready = await b.ready();
        return ready.status === 503 && ready.body.reasons.length >= 2 ? ready.body : undefined;
      }, 6000);
      expect(degraded.status).toBe("degraded");
      expect(degraded.reasons.join("\n")).toContain("database");
      expect(degraded.reasons.join("\n")).toContain("listener");
      expect(degraded.listener.connected).toBe(false);

      // The cached plan is past its 1 s TTL and its reloads fail: still served, every time.
      const failedBefore = b.server.deps.routes.failedReloads;
      await eventually(async () => {
        expect(await locationOf(b, cached.code)).toBe(`https://adv.example/${mode}-cached`);
        return b.server.deps.routes.failedReloads > failedBefore ? true : undefined;
      }, 10_000);

      // An uncached code cannot load: 503 with Retry-After, well within 1 s.
      const started = performance.now();
      const miss = await b.get(`/s/${uncached.code}`);
      const elapsed = performance.now() - started;
      expect([miss.status, miss.headers.get("retry-after")]).toEqual([503, "5"]);
      expect(elapsed).toBeLessThan(1000);

      // Recovery: B says ok within seconds; an edit made through A then reaches B within 1 s.
      b.proxy.restore();
      const ok = await eventually(async () => {
        const ready = await b.ready();
        return ready.status === 200 ? ready.body : undefined;
      }, 5000);
      expect(ok).toMatchObject({ status: "ok", reasons: [], listener: { connected: true } });
      await api("PATCH", `/api/v1/campaigns/${cached.campaignId}`, {
        destination_url: `https://adv.example/${mode}-edited`,
      });
      expect(await timeUntilServed(b, cached.code, `https://adv.example/${mode}-edited`, 1000)).toBeLessThan(1000);
      expect(await locationOf(b, moved.code)).toBe(`https://adv.example/${mode}-moved`);
    });
  });

  test("a LISTEN reconnect marks every cached plan stale and reloads it while serving it", async () => {
    const link = await createLink("reconnect");
    const before = `https://adv.example/reconnect`;
    expect(await locationOf(c, link.code)).toBe(before);
    const listens = c.server.deps.listener.listens;

    c.proxy.cut();
    await eventually(async () => (c.server.deps.listener.connected ? undefined : true), 6000);
    // A change C cannot hear about (no NOTIFY, and its listener is down anyway).
    await silentlySetDestination(link.campaignId, "https://adv.example/reconnect-silent");
    expect(await locationOf(c, link.code)).toBe(before);

    c.proxy.restore();
    await eventually(async () => (c.server.deps.listener.listens > listens ? true : undefined), 5000);
    expect(c.server.deps.routes.size).toBeGreaterThan(0); // kept, not cleared
    expect(await timeUntilServed(c, link.code, "https://adv.example/reconnect-silent", 1000)).toBeLessThan(1000);
  });

  test("an unknown NOTIFY payload marks every cached plan stale, and is logged", async () => {
    const link = await createLink("unknown");
    expect(await locationOf(c, link.code)).toBe("https://adv.example/unknown");
    await silentlySetDestination(link.campaignId, "https://adv.example/unknown-silent");
    expect(await locationOf(c, link.code)).toBe("https://adv.example/unknown");

    await sql`select pg_notify('routing_changed', '{"kind":"pool_rebuilt","smartlink":7}')`;
    expect(await timeUntilServed(c, link.code, "https://adv.example/unknown-silent", 1000)).toBeLessThan(1000);
    expect(c.server.deps.listener.unknownEvents).toBeGreaterThan(0);
    expect(c.logs.some((line) => line.includes("unknown routing_changed payload"))).toBe(true);
  });

  test("/readyz reports a stopped listener while the database answers", async () => {
    const d = await startInstance(pg, {});
    try {
      expect((await d.ready()).status).toBe(200);
      await d.server.deps.listener.stop();
      const ready = await d.ready();
      expect(ready.status).toBe(503);
      expect(ready.body.database.ok).toBe(true);
      expect(ready.body.reasons).toEqual(["routing listener disconnected: edits may reach this instance late"]);
    } finally {
      await d.server.stop();
      await d.proxy.close();
    }
  });
});
