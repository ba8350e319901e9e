/**
 * `bun run bench`: how fast the real app answers GET /s/:code, next to a bare Bun.serve 302,
 * and proof that every redirect served becomes a click row.
 *
 * 1. Create a fresh Postgres database and start `bun src/main.ts` on it as a separate process.
 * 2. Seed campaigns, smartlinks and publishers through the admin API, thousands of link codes by SQL.
 * 3. Warm up (every code once, then a short wrk run); count the clicks once the buffer drains.
 * 4. Measure the app with wrk; wait for the buffer to drain again and count the clicks.
 * 5. Cold phases (the first 2 s, `COLD_SECONDS`, after each, measured with the same wrk settings):
 *    - reconnect: the app's database connections go through a TCP proxy (test/helpers/tcp-proxy.ts);
 *      cut them until /readyz says the listener is down, restore, wait until it is back, measure;
 *    - cold start: stop the app (SIGTERM flushes), start it again on the same database (it warms
 *      its route cache with the busiest codes of the last hour before listening), measure.
 * 6. Measure bench/baseline-server.ts with the same wrk settings.
 * 7. Print the summary; exit 1 on lost clicks, bad statuses or errors. The database is dropped
 *    and every child stopped on the way out, also on failure or Ctrl-C.
 *
 * Settings: see settings.ts. Traffic goes to 127.0.0.1 only.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { createBenchDatabase } from "./bench-database";
import { REPO, startChildServer } from "./child-server";
import { runWrk } from "./run-wrk";
import { seedBenchData } from "./seed-bench-data";
import { readSettings, type BenchSettings } from "./settings";
import { settledClicks } from "./settled-clicks";
import { findProblems, formatSummary } from "./summary";
import { buildTraffic, sendEachOnce, trafficFile } from "./traffic";
import { startTcpProxy } from "../test/helpers/tcp-proxy";

/** Length of each cold-phase measurement, seconds: the target is about the first 2 s. */
const COLD_SECONDS = 2;

const GEOIP_TEST_DB = resolve(REPO, "test/fixtures/geoip/GeoIP2-Country-Test.mmdb");

const cleanups: (() => Promise<unknown> | void)[] = [];

/** Run the registered clean-ups, newest first; report failures and go on. */
async function cleanUp(): Promise<void> {
  for (let step = cleanups.pop(); step; step = cleanups.pop()) {
    try {
      await step();
    } catch (err) {
      console.error("clean-up failed:", err);
    }
  }
}

process.on("SIGINT", () => void cleanUp().finally(() => process.exit(130)));

let exitCode = 1;
try {
  exitCode = await bench(readSettings(process.env));
} catch (err) {
  console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

async function bench(s: BenchSettings): Promise<number> {
  // 1. Database and app.
  const database = await createBenchDatabase();
  cleanups.push(database.drop);
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  cleanups.push(() => sql.end({ timeout: 5 }));
  const apiKey = crypto.randomUUID().replaceAll("-", "");
  if (!existsSync(GEOIP_TEST_DB)) console.warn(`${GEOIP_TEST_DB} missing: the app uses its default GeoIP database`);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  cleanups.push(() => proxy.close());
  const startApp = () =>
    startChildServer({
      args: ["src/main.ts"],
      env: {
        DATABASE_URL: proxy.via(database.url),
        GEOIP_DB: existsSync(GEOIP_TEST_DB) ? GEOIP_TEST_DB : "",
        TRUST_PROXY: "1",
        INITIAL_API_KEY: apiKey,
        SEED_DEMO: "false",
      },
      readyPath: "/readyz",
      readyTimeoutMs: 60_000,
    });
  const app = await startApp();
  cleanups.push(() => app.stop());

  // 2. Seed.
  const codes = await seedBenchData({ appUrl: app.url, apiKey, sql, codes: s.codes });
  const traffic = buildTraffic(codes);
  const requestsFile = join(tmpdir(), `switchboard-bench-${crypto.randomUUID()}.tsv`);
  writeFileSync(requestsFile, trafficFile(traffic));
  cleanups.push(() => rmSync(requestsFile, { force: true }));
  console.log(`\nSeeded ${codes.length} link codes; app on ${app.url}`);
  const wrkRun = (url: string, seconds: number, label: string) =>
    runWrk({ url, seconds, connections: s.connections, threads: s.threads, requestsFile, label });

  // 3. Warm up.
  await sendEachOnce(app.url, traffic, 16);
  await wrkRun(app.url, s.warmupSeconds, "app warm-up");
  const before = await settledClicks(app.url, sql, 60_000);

  // 4. Measure the app.
  const appResult = await wrkRun(app.url, s.seconds, "app");
  const after = await settledClicks(app.url, sql, 60_000);

  // 5. Cold phases: the first seconds after a LISTEN reconnect, then after a restart.
  proxy.cut();
  await waitForReadiness(app.url, (body) => body.listener?.connected === false);
  proxy.restore();
  await waitForReadiness(app.url, (body) => body.listener?.connected === true);
  const reconnectResult = await runWrk({
    url: app.url,
    seconds: COLD_SECONDS,
    connections: s.connections,
    threads: s.threads,
    requestsFile,
    label: "app after reconnect",
  });
  const appExitCode = await app.stop();
  const restarted = await startApp();
  cleanups.push(() => restarted.stop());
  const atStart = await fetch(`${restarted.url}/readyz`).then((r) => r.json() as Promise<any>);
  console.log(`\nRestarted on ${restarted.url}: ${atStart.route_cache?.size} plans in the route cache at start`);
  const coldResult = await runWrk({
    url: restarted.url,
    seconds: COLD_SECONDS,
    connections: s.connections,
    threads: s.threads,
    requestsFile,
    label: "app cold start",
  });
  const restartedExitCode = await restarted.stop();

  // 6. Measure the baseline.
  const baseline = await startChildServer({
    args: ["bench/baseline-server.ts"],
    env: {},
    readyPath: "/healthz",
    readyTimeoutMs: 10_000,
  });
  cleanups.push(() => baseline.stop());
  await wrkRun(baseline.url, s.warmupSeconds, "baseline warm-up");
  const baselineResult = await wrkRun(baseline.url, s.seconds, "baseline");
  await baseline.stop();

  // 7. Report.
  const report = {
    ...s,
    codes: codes.length,
    app: appResult,
    reconnect: reconnectResult,
    cold: coldResult,
    baseline: baselineResult,
    served: appResult.requests - appResult.badStatus,
    persisted: after.count - before.count,
    dropped: after.dropped,
    appExitCode: appExitCode || restartedExitCode,
  };
  const problems = findProblems(report);
  console.log(formatSummary(report, problems));
  return problems.length === 0 ? 0 : 1;
}

/** Poll /readyz every 50 ms until `done(body)`; throws after 30 s. */
async function waitForReadiness(appUrl: string, done: (body: any) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await fetch(`${appUrl}/readyz`).then((r) => r.json(), () => null);
    if (body && done(body)) return;
    if (Date.now() > deadline) throw new Error(`/readyz did not reach the expected state: ${JSON.stringify(body)}`);
    await Bun.sleep(50);
  }
}
