/**
 * Start the real server (same composition as production) on a free port, on a test database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import { startServer, type RunningServer } from "../../src/start-server";
import { ROUTING_CHANNEL } from "../../src/links/routing-listener";
import { openTestDatabase, type Backend } from "./databases";
import type { Logger } from "../../src/log/logger";
import { consoleErrorLogger } from "./test-logger";

export const TEST_API_KEY = "sb_test_key_0123456789abcdef";
export const GEOIP_FIXTURES = resolve(import.meta.dir, "../fixtures/geoip");

export interface TestServer extends RunningServer {
  /** fetch against the server; never follows redirects. */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** JSON call to the admin API with the test key. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  dispose(): Promise<void>;
}

/**
 * @param backend pglite (in memory) or postgres (a fresh database)
 * @param env extra environment variables for loadConfig (strings)
 * @param logger the server log; default `consoleErrorLogger` (an error line fails the test)
 */
export async function startTestServer(
  backend: Backend,
  env: Record<string, string> = {},
  logger: Logger = consoleErrorLogger(),
): Promise<TestServer> {
  const { database, dispose } = await openTestDatabase(backend);
  const clickLogDir = mkdtempSync(join(tmpdir(), "switchboard-clicks-"));
  const config = loadConfig({
    CLICK_LOG_DIR: clickLogDir,
    PORT: "0",
    GEOIP_DB: `${GEOIP_FIXTURES}/GeoIP2-Country-Test.mmdb`,
    TRUST_PROXY: "1",
    INITIAL_API_KEY: TEST_API_KEY,
    CLICK_FLUSH_MS: "50",
    SIGNUP_LIMIT_PER_HOUR: "1000",
    ...env,
  });
  const server = await startServer(config, { database, logger });
  const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });
  return {
    ...server,
    get,
    async api(method, path, body) {
      const res = await get(path, {
        method,
        headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async dispose() {
      await server.stop();
      await dispose();
      rmSync(clickLogDir, { recursive: true, force: true });
    },
  };
}

/**
 * Poll `check` every 20 ms until it returns a value other than undefined, or fail after `ms`
 * (default 10 s: generous, since only a failing test waits that long, and a loaded machine may
 * need seconds for what takes milliseconds when idle).
 */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await Bun.sleep(20);
  }
}

/**
 * Resolve once the server's routing listener has handled every NOTIFY sent before the call, so
 * a plan cached afterwards cannot be evicted by a late notification of an earlier write (tests
 * that check invalidation on a warm cache need that). Works by caching an unknown probe code,
 * sending an `access` notification for it, and waiting until it is evicted: notifications
 * arrive in order on one connection.
 */
export async function routingSettled(server: RunningServer): Promise<void> {
  const probe = `settle${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await eventually(async () => {
    await server.deps.routes.load(probe);
    return server.deps.routes.peek(probe) === null ? true : undefined;
  });
  const payload = JSON.stringify({ kind: "access", id: 0, code: probe });
  await server.deps.database.db.execute(sql`select pg_notify(${ROUTING_CHANNEL}, ${payload})`);
  await eventually(async () => (server.deps.routes.peek(probe) === undefined ? true : undefined));
}
