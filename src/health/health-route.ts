/**
 * GET /healthz: database, LISTEN and click-buffer state as JSON.
 * 200 when the database answers and LISTEN is in place, else 503 (load balancers take the
 * instance out). The click buffer's depth and drops are reported either way.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";

export function healthRoute(deps: AppDeps) {
  return new Elysia({ name: "health" }).get("/healthz", async ({ set }) => {
    const databaseOk = await deps.database.ping();
    const healthy = databaseOk && deps.listener.connected;
    set.status = healthy ? 200 : 503;
    set.headers["cache-control"] = "no-store";
    return {
      status: healthy ? "ok" : "degraded",
      database: { kind: deps.database.kind, ok: databaseOk },
      listener: { connected: deps.listener.connected, listens: deps.listener.listens, events: deps.listener.events },
      clicks: deps.clicks.stats(),
      route_cache: { size: deps.routes.size },
    };
  });
}
