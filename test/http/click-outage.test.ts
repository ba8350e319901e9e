/**
 * No click lost, none counted twice, through database outages and process deaths: server
 * processes (`bun src/main.ts`) reach PostgreSQL through a TCP proxy the test cuts, and every
 * tracking-link click carries a unique `pub_sub`, counted in the database afterwards.
 *
 * - clicks served while the database is cut are all stored after it is back, once each;
 * - SIGKILL during an outage loses no click that was answered: the next start ships the log;
 * - SIGTERM while the database does not answer exits within 10 s, and the next start ships
 *   the rest.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createPostgresDatabase, postgresAvailable, type TestPostgres } from "../helpers/databases";
import { startMain, type MainProcess } from "../helpers/main-process";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { eventually } from "../helpers/test-server";

const KEY = "sb_click_outage_key_0123456789";

interface Instance {
  proc: MainProcess["proc"];
  url: string;
  /** Everything the process wrote on stdout so far (its JSON log lines). */
  output: () => string;
}

/** Start `bun src/main.ts`; resolves once it printed "running on". */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const main = startMain({ INITIAL_API_KEY: KEY, SEED_DEMO: "false", ...env });
  return { proc: main.proc, url: await main.waitFor(/running on (http:\/\/\S+)/), output: main.output };
}

const api = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
};

/** Create a campaign, a smartlink and a publisher's access; returns the tracking path. */
async function seedLink(base: string): Promise<string> {
  const offer = await api(base, "POST", "/api/v1/campaigns", {
    name: "Outage offer",
    destination_url: "https://adv.example/offer?c={click_id}",
    payout: "1.00",
    revenue: "2.00",
  });
  const link = await api(base, "POST", "/api/v1/smartlinks", {
    name: "Outage link",
    visibility: "public",
    rotation: "weighted",
    pool: [{ campaign_id: offer.id, weight: 1, priority: 1 }],
  });
  const publisher = await api(base, "POST", "/api/v1/publishers", { name: "P", email: "outage@example.com" });
  const access = await api(base, "POST", `/api/v1/smartlinks/${link.id}/publishers`, { publisher_id: publisher.id });
  return `/s/${access.code}`;
}

/**
 * Send clicks tagged `<tag>-<n>` from `workers` parallel loops until `until()` is true;
 * returns the tags answered with a 302 (errors and other statuses are not counted as served).
 */
async function sendClicks(base: string, path: string, tag: string, workers: number, until: (count: number, served: readonly string[]) => boolean) {
  const served: string[] = [];
  let next = 0;
  const loop = async () => {
    while (!until(served.length, served)) {
      const id = `${tag}-${next++}`;
      try {
        const res = await fetch(`${base}${path}?pub_sub=${id}`, { redirect: "manual" });
        if (res.status === 302) served.push(id);
      } catch {
        // the server is gone: not served
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return served;
}

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)("clicks through database outages", () => {
  let pg: TestPostgres;
  let proxy: TcpProxy;
  let sql: postgres.Sql;
  let path: string;
  const dirs: string[] = [];
  const running: Instance[] = [];

  const start = async (logDir: string) => {
    const instance = await startInstance({
      DATABASE_URL: proxy.via(pg.url),
      CLICK_LOG_DIR: logDir,
      CLICK_WRITE_TIMEOUT_MS: "2000",
      CLICK_FLUSH_MS: "100",
    });
    running.push(instance);
    return instance;
  };
  const logDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "switchboard-outage-"));
    dirs.push(dir);
    return dir;
  };
  /** Waits until every tag in `served` is stored; then no tag of `prefix` may be stored twice. */
  const expectStoredOnce = async (prefix: string, served: string[]) => {
    const stored = await eventually(async () => {
      const rows = await sql<{ pub_sub: string; n: number }[]>`
        select pub_sub, count(*)::int as n from clicks where pub_sub like ${`${prefix}-%`} group by pub_sub`;
      const have = new Set(rows.map((r) => r.pub_sub));
      const missing = served.filter((tag) => !have.has(tag));
      return missing.length === 0 ? rows : undefined;
    }, 20_000);
    expect(stored.filter((r) => r.n > 1)).toEqual([]);
  };

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    const first = await start(logDir());
    path = await seedLink(first.url);
    first.proc.kill("SIGTERM");
    await first.proc.exited;
  });
  afterAll(async () => {
    proxy?.restore();
    for (const instance of running) {
      if (instance.proc.exitCode === null) instance.proc.kill("SIGKILL");
      await instance.proc.exited;
    }
    await sql?.end();
    await proxy?.close();
    await pg?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test.each(["cut", "blackhole"] as const)(
    "clicks served under load while the database is %s for 2 s are all stored once it is back, none twice",
    async (fault) => {
      const app = await start(logDir());
      let outageAt = 0;
      let servedDuring = 0;
      const served = await sendClicks(app.url, path, fault, 4, (n) => {
        if (n >= 100 && outageAt === 0) {
          outageAt = performance.now();
          proxy[fault]();
        }
        if (proxy.mode() !== "forward" && performance.now() - outageAt >= 2000) {
          servedDuring = n - 100;
          proxy.restore();
        }
        return outageAt > 0 && proxy.mode() === "forward" && n >= servedDuring + 300;
      });
      expect(servedDuring).toBeGreaterThan(100); // a cached link answers 302 throughout
      await expectStoredOnce(fault, served);
      app.proc.kill("SIGTERM");
      expect(await app.proc.exited).toBe(0);
    },
    60_000,
  );

  test("SIGKILL under load during an outage loses no logged click: the next start ships the log", async () => {
    const dir = logDir();
    const app = await start(dir);
    await sendClicks(app.url, path, "warm", 1, (n) => n >= 1);
    // A click is appended to the log at the end of the event-loop turn that answered it, so
    // every click answered before a later request (the /healthz probe) was handled is logged.
    let logged: string[] | null = null;
    let probing = false;
    await sendClicks(app.url, path, "kill", 4, (n, served) => {
      if (n >= 100 && proxy.mode() === "forward" && !probing) proxy.cut();
      if (n >= 400 && !probing) {
        probing = true;
        const answered = served.slice();
        void fetch(`${app.url}/healthz`).then(() => {
          logged = answered;
          app.proc.kill("SIGKILL");
        });
      }
      return logged !== null;
    });
    await app.proc.exited;
    expect(logged!.length).toBeGreaterThanOrEqual(400);
    proxy.restore();
    await start(dir);
    await expectStoredOnce("kill", logged!);
  }, 60_000);

  test("SIGTERM while the database does not answer exits within 10 s; the next start ships the rest", async () => {
    const dir = logDir();
    const app = await start(dir);
    const before = await sendClicks(app.url, path, "term", 4, (n) => n >= 50);
    proxy.blackhole();
    const during = await sendClicks(app.url, path, "term-down", 4, (n) => n >= 100);
    const stopping = performance.now();
    app.proc.kill("SIGTERM");
    const code = await app.proc.exited;
    const tookMs = performance.now() - stopping;
    expect(tookMs).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(app.output()).toContain('"event":"clicks.left_in_log"');
    proxy.restore();
    await start(dir);
    await expectStoredOnce("term", [...before, ...during]);
  }, 60_000);
});

describe("embedded database", () => {
  let dataDir: string;
  const running: Instance[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "switchboard-embedded-kill-"));
  });
  afterAll(async () => {
    for (const instance of running) {
      if (instance.proc.exitCode === null) instance.proc.kill("SIGKILL");
      await instance.proc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every click's pub_sub and how often it is stored, read through the API. */
  async function storedTags(base: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page = await api(base, "GET", `/api/v1/clicks?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
      for (const click of page.clicks as { pub_sub: string }[]) counts.set(click.pub_sub, (counts.get(click.pub_sub) ?? 0) + 1);
      cursor = page.next_cursor;
    } while (cursor);
    return counts;
  }

  test("SIGKILL under load loses no logged click, and the restart is not blocked by a stale lock", async () => {
    const start = async () => {
      const instance = await startInstance({ DATABASE_URL: "", DATA_DIR: dataDir });
      running.push(instance);
      return instance;
    };
    const app = await start();
    const path = await seedLink(app.url);
    let logged: string[] | null = null;
    let probing = false;
    await sendClicks(app.url, path, "embedded", 4, (n, served) => {
      if (n >= 300 && !probing) {
        probing = true;
        const answered = served.slice();
        void fetch(`${app.url}/healthz`).then(() => {
          logged = answered;
          app.proc.kill("SIGKILL");
        });
      }
      return logged !== null;
    });
    await app.proc.exited;

    const again = await start();
    const stored = await eventually(async () => {
      const tags = await storedTags(again.url);
      return logged!.every((tag) => tags.has(tag)) ? tags : undefined;
    }, 20_000);
    expect([...stored.values()].filter((n) => n > 1)).toEqual([]);
  }, 90_000);
});
