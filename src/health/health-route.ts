/**
 * GET /healthz: liveness. The process answers HTTP; no database, always 200 while it runs
 * (a container supervisor restarts on its failure, which would only throw the route cache away
 * during a database outage).
 *
 * GET /readyz: readiness, the truth a load balancer or an operator needs. 200 `"ok"` or 503
 * `"degraded"` with `reasons`, from: a database ping limited to 1 s, the NOTIFY listener's
 * heartbeat state, and the click buffer (clicks dropped in the last minute, a backlog that has
 * not been flushed for a while). Each reason clears as soon as its cause does (the next call).
 * Redirects keep being served while degraded (stale plans, fallbacks), so taking an instance out
 * is the balancer's choice.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";

/** Clicks dropped less than this long ago keep /readyz degraded (ms). */
const DROPPED_RECENTLY_MS = 60_000;
/** A backlog with no successful flush for this long (ms, at least 4 flush periods) is stuck. */
const FLUSH_STALL_MS = 10_000;
/** Deadline of the readiness database ping (ms). */
const PING_DEADLINE_MS = 1000;

/** The click-buffer figures /readyz reads; the buffer may report more, passed through as is. */
interface ClickFigures {
  buffered: number;
  dropped: number;
  lastFlushAt: string | null;
}

export function healthRoute(deps: AppDeps) {
  const startedAt = Date.now();
  const stallMs = Math.max(FLUSH_STALL_MS, 4 * deps.config.clickFlushMs);
  let droppedSeen = 0;
  let droppedAt = 0;

  /** Reasons the click buffer gives to be degraded now. */
  const clickReasons = (clicks: ClickFigures, now: number): string[] => {
    const reasons: string[] = [];
    if (clicks.dropped > droppedSeen) {
      droppedSeen = clicks.dropped;
      droppedAt = now;
    }
    if (droppedAt > 0 && now - droppedAt < DROPPED_RECENTLY_MS) reasons.push("clicks dropped in the last minute");
    const lastFlush = clicks.lastFlushAt ? Date.parse(clicks.lastFlushAt) : startedAt;
    if (clicks.buffered > 0 && now - lastFlush > stallMs) {
      reasons.push(`${clicks.buffered} clicks waiting, no successful flush for ${Math.round((now - lastFlush) / 1000)} s`);
    }
    return reasons;
  };

  return new Elysia({ name: "health" })
    .get("/healthz", ({ set }) => {
      set.headers["cache-control"] = "no-store";
      return { status: "ok" };
    })
    .get("/readyz", async ({ set }) => {
      const databaseOk = await deps.database.ping(PING_DEADLINE_MS);
      const listener = deps.listener;
      const clicks = deps.clicks.stats();
      const reasons: string[] = [];
      if (!databaseOk) reasons.push(`database did not answer within ${PING_DEADLINE_MS} ms`);
      if (!listener.connected) reasons.push("routing listener disconnected: edits may reach this instance late");
      reasons.push(...clickReasons(clicks, Date.now()));
      set.status = reasons.length === 0 ? 200 : 503;
      set.headers["cache-control"] = "no-store";
      return {
        status: reasons.length === 0 ? "ok" : "degraded",
        reasons,
        database: { kind: deps.database.kind, ok: databaseOk },
        listener: {
          connected: listener.connected,
          disconnected_since: listener.disconnectedSince,
          listens: listener.listens,
          events: listener.events,
          unknown_events: listener.unknownEvents,
        },
        clicks,
        route_cache: { size: deps.routes.size, misses: deps.routes.missCount, failed_reloads: deps.routes.failedReloads },
      };
    });
}
