/**
 * Compose the running service from a Config: database (migrated), caches, NOTIFY listener,
 * click buffer, visitor reader, HTTP listener; and stop it in the right order.
 * `main.ts` uses it for production, tests use it to run the real thing on port 0.
 */
import type { Config } from "./config";
import { buildApp, type AppDeps } from "./app";
import { openDatabase, type Database } from "./db/client";
import { migrate } from "./db/migrate";
import { RouteCache } from "./links/route-cache";
import { loadPlans } from "./links/load-plan";
import { warmRouteCache } from "./links/warm-route-cache";
import { startRoutingListener } from "./links/routing-listener";
import { StatsCache } from "./links/stats-cache";
import { ClickBuffer } from "./clicks/click-buffer";
import { openGeoReader } from "./visitor/geo";
import { createVisitorReader } from "./visitor/read-visitor";
import { ensureApiKey } from "./auth/api-keys";
import { ensureInitialAdmin } from "./auth/sign-in";

export interface RunningServer {
  /** Base URL the server listens on, e.g. `http://localhost:41234`. */
  url: string;
  deps: AppDeps;
  /** Stop listening, flush clicks, stop the listener, close the database. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use this already-open database instead of opening one from the config (tests). */
  database?: Database;
  /** Log function for operational errors; default console.error. */
  logError?: (message: string, err: unknown) => void;
}

/**
 * Start everything.
 * @throws when the database cannot be opened or migrated, or the GeoIP file cannot be read
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const logError = opts.logError ?? ((message, err) => console.error(message, err));
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
  const clicks = new ClickBuffer({
    write: (rows) => database.insertClicks(rows),
    flushMs: config.clickFlushMs,
    batchSize: config.clickBatchSize,
    maxRows: config.clickBufferMax,
    onError: (err) => logError("click flush failed; will retry", err),
  });
  const stats = new StatsCache(database.db, {
    refreshMs: 30_000,
    windowDays: 30,
    onError: (err) => logError("offer stats refresh failed", err),
  });

  let publicUrl = config.publicUrl ?? "";
  const deps: AppDeps = {
    config,
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
        await app.stop();
        const lost = await clicks.stop();
        if (lost > 0) logError(`${lost} clicks could not be written at shutdown`, null);
        await listener.stop();
        if (!opts.database) await database.close();
      })();
      return stopping;
    },
  };
}
