/**
 * Two server processes (`bun src/main.ts`) on one PostgreSQL database: an edit made through one
 * instance is served by the other at once (LISTEN/NOTIFY invalidation, no cluster protocol).
 * Also: a second process on the same embedded data folder is refused.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createPostgresDatabase, postgresAvailable, type TestPostgres } from "../helpers/databases";
import { startMain, type MainProcess } from "../helpers/main-process";
import { eventually } from "../helpers/test-server";

const ROOT = resolve(import.meta.dir, "../..");
const KEY = "sb_cross_instance_key_0123456789";

interface Instance {
  proc: MainProcess["proc"];
  url: string;
}

/** Start `bun src/main.ts` with env; resolves with its URL once it printed "running on". */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const main = startMain({ INITIAL_API_KEY: KEY, SEED_DEMO: "false", ...env });
  return { proc: main.proc, url: await main.waitFor(/running on (http:\/\/\S+)/) };
}

const api = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
};

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)("two instances on one Postgres database", () => {
  let pg: TestPostgres;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    a = await startInstance({ DATABASE_URL: pg.url, ROUTE_CACHE_TTL_MS: "600000" });
    b = await startInstance({ DATABASE_URL: pg.url, ROUTE_CACHE_TTL_MS: "600000" });
  });
  afterAll(async () => {
    for (const instance of [a, b]) {
      instance?.proc.kill("SIGTERM");
      await instance?.proc.exited;
    }
    await pg?.drop();
  });

  test("an edit through instance A is served by instance B (NOTIFY, not the TTL)", async () => {
    const one = await api(a.url, "POST", "/api/v1/campaigns", {
      name: "One",
      destination_url: "https://adv.example/one",
      payout: "1.00",
      revenue: "2.00",
    });
    const two = await api(a.url, "POST", "/api/v1/campaigns", {
      name: "Two",
      destination_url: "https://adv.example/two",
      payout: "1.00",
      revenue: "2.00",
    });
    const link = await api(a.url, "POST", "/api/v1/smartlinks", {
      name: "Cross",
      visibility: "public",
      fallback_url: "https://adv.example/fallback",
      rotation: "weighted",
      pool: [{ campaign_id: one.body.id, weight: 1, priority: 1 }],
    });
    const pub = await api(a.url, "POST", "/api/v1/publishers", { name: "P", email: "p@example.com" });
    const access = await api(a.url, "POST", `/api/v1/smartlinks/${link.body.id}/publishers`, {
      publisher_id: pub.body.id,
    });
    const path = `/s/${access.body.code}`;

    // B caches the plan that sends everyone to "one".
    const first = await fetch(`${b.url}${path}`, { redirect: "manual" });
    expect(first.headers.get("location")).toBe("https://adv.example/one");

    // Edit the pool through A; B must answer with the new pool. B's cache TTL is 10 minutes, so
    // only the NOTIFY from the database can make it change (under a second when idle; the
    // eventually() bound is generous for a loaded machine).
    const edited = await api(a.url, "PATCH", `/api/v1/smartlinks/${link.body.id}`, {
      pool: [{ campaign_id: two.body.id, weight: 1, priority: 1 }],
    });
    expect(edited.status).toBe(200);
    const locationAtB = async (expected: string) =>
      (await fetch(`${b.url}${path}`, { redirect: "manual" })).headers.get("location") === expected ? true : undefined;
    await eventually(() => locationAtB("https://adv.example/two"));

    // Pausing the campaign through A reaches B as well.
    await api(a.url, "PATCH", `/api/v1/campaigns/${two.body.id}`, { status: "paused" });
    await eventually(() => locationAtB("https://adv.example/fallback"));

    // So do a publisher's suspension and its return (publishers trigger).
    await api(a.url, "PATCH", `/api/v1/campaigns/${two.body.id}`, { status: "active" });
    await eventually(() => locationAtB("https://adv.example/two"));
    expect((await api(a.url, "PATCH", `/api/v1/publishers/${pub.body.id}`, { status: "suspended" })).status).toBe(200);
    await eventually(() => locationAtB("https://adv.example/fallback"));
    await api(a.url, "PATCH", `/api/v1/publishers/${pub.body.id}`, { status: "active" });
    await eventually(() => locationAtB("https://adv.example/two"));
  });
});

describe("embedded data folder", () => {
  let dir: string;
  let first: Instance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "switchboard-lock-"));
    first = await startInstance({ DATA_DIR: dir, DATABASE_URL: "" });
  });
  afterAll(async () => {
    first?.proc.kill("SIGTERM");
    await first?.proc.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  test("a second process on the same DATA_DIR is refused with a clear error", async () => {
    const second = Bun.spawn([process.execPath, "src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", DATA_DIR: dir, DATABASE_URL: "", SEED_DEMO: "false" },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(await second.exited).toBe(1);
    expect(await new Response(second.stderr).text()).toContain(`is in use by another Switchboard process`);
  });
});
