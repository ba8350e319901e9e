/**
 * Compose the running service from a Config: database (migrated), caches, NOTIFY listener,
 * click buffer, visitor reader, HTTP listener; and stop it in the right order.
 * `main.ts` uses it for production, tests use it to run the real thing on port 0.
 */
import type { Config } from "./config";
import { buildApp, type AppDeps } from "./app";
import { openDatabase, type Database } from "./db/client";
import { migrate } from "./db/migrate";
import { withDeadline } from "./db/with-deadline";
import { RouteCache } from "./links/route-cache";
import { loadPlans } from "./links/load-plan";
import { warmRouteCache } from "./links/warm-route-cache";
import { startRoutingListener } from "./links/routing-listener";
import { StatsCache } from "./links/stats-cache";
import { ClickCapture } from "./clicks/click-capture";
import { openClickLog } from "./clicks/open-click-log";
import { openGeoReader } from "./visitor/geo";
import { createVisitorReader } from "./visitor/read-visitor";
import { ensureApiKey } from "./auth/api-keys";
import { ensureInitialAdmin } from "./auth/sign-in";
import { createLogger, type Logger } from "./log/logger";

export interface RunningServer {
  /** Base URL the server listens on, e.g. `http://localhost:41234`. */
  url: string;
  deps: AppDeps;
  /**
   * Stop listening, ship the click backlog for up to CLICK_STOP_DEADLINE_MS (the rest stays in
   * the click log), stop the listener, close the database; about 8 s at most with the database
   * down. Idempotent.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use this already-open database instead of opening one from the config (tests). */
  database?: Database;
  /** The server log; default a JSON-lines logger on stdout at `config.logLevel`. */
  logger?: Logger;
  /** Log function for operational errors; default the logger's `error`. */
  logError?: (message: string, err: unknown) => void;
  /** Structured log line (click capture incidents); default the logger, at level warn. */
  logEvent?: (event: Record<string, unknown>) => void;
}

/** Longest a stop waits for the click backlog to reach the database; the rest stays in the log. */
export const CLICK_STOP_DEADLINE_MS = 5000;
/** Longest a stop waits for in-flight requests, for the listener, and for the database to close. */
const STOP_STEP_MS = 1000;

/** Wait for `promise` to settle, but no longer than `ms` (a hung database must not hold a stop). */
const settledWithin = (promise: Promise<unknown>, ms: number): Promise<void> =>
  withDeadline(promise, ms, "shutdown step").then(
    () => {},
    () => {},
  );

/**
 * Start everything.
 * @throws when the database cannot be opened or migrated, or the GeoIP file cannot be read
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.logger ?? createLogger({ level: config.logLevel });
  const logError = opts.logError ?? ((message, err) => log.error({ err }, message));
  const logEvent = opts.logEvent ?? ((event) => log.warn(event));
  const database = opts.database ?? (await openDatabase(config));
  await migrate(database);
  if (config.initialApiKey) await ensureApiKey(database.db, config.initialApiKey, "Initial API key");
  if (config.initialAdminEmail && config.initialAdminPassword) {
    await ensureInitialAdmin(database.db, config.initialAdminEmail, config.initialAdminPassword);
  }

  const geo = await openGeoReader(config.geoipDb);
  const routes = new RouteCache({
    max: config.routeCacheMax,
    ttlMs: config.routeCacheTtlMs,
    untrustedTtlMs: config.routeCacheUntrustedTtlMs,
    loadMany: (codes) => loadPlans(database.db, codes),
    onReloadErrors: (count, err) => logError(`${count} route reloads failed; serving stale plans`, err),
  });
  const listener = await startRoutingListener(database, routes, {
    log: (message, detail) => logError(message, detail ?? ""),
  });
  await warmRouteCache(database, routes, config.routeWarmCodes, logError);
  const clicks = new ClickCapture({
    log: openClickLog(config.clickLogDir, database.name, logEvent),
    write: (payload) => database.insertClickLines(payload),
    syncMs: config.clickSyncMs,
    shipMs: config.clickFlushMs,
    batchSize: config.clickBatchSize,
    maxUnlogged: config.clickBufferMax,
    logEvent,
  });
  const stats = new StatsCache(database.db, {
    refreshMs: 30_000,
    windowDays: 30,
    onError: (err) => logError("offer stats refresh failed", err),
  });

  let publicUrl = config.publicUrl ?? "";
  const deps: AppDeps = {
    config,
    log,
    database,
    routes,
    stats,
    listener,
    clicks,
    readVisitor: createVisitorReader({ geo, trustProxy: config.trustProxy }),
    random: Math.random,
    publicUrl: () => publicUrl,
  };
  // reusePort off (Elysia turns it on): with it, a port-0 bind can share a port another process
  // holds, and requests silently go to that process.
  const app = buildApp(deps).listen({ port: config.port, hostname: "0.0.0.0", reusePort: false });
  const port = app.server!.port;
  const url = `http://localhost:${port}`;
  if (!config.publicUrl) publicUrl = url;

  let stopping: Promise<void> | null = null;
  return {
    url,
    deps,
    stop() {
      stopping ??= (async () => {
        // Stop accepting; requests in flight get a moment, then their connections are closed.
        const http = app.server!;
        await settledWithin(app.stop(), STOP_STEP_MS);
        void http.stop(true);
        const left = await clicks.stop(CLICK_STOP_DEADLINE_MS);
        if (left > 0) logEvent({ event: "clicks.left_in_log", clicks: left, note: "shipped at the next start" });
        await settledWithin(listener.stop(), STOP_STEP_MS);
        if (!opts.database) await settledWithin(database.close(), STOP_STEP_MS);
      })();
      return stopping;
    },
  };
}
