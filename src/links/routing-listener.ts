/**
 * LISTEN on `routing_changed` and evict what each notification names from the route cache;
 * watch the listening connection so that a lost notification is never silent
 * (docs/decisions/001-listen-notify-invalidation.md).
 *
 * The database triggers (drizzle/0001_routing_notify.sql) send the notifications, so every
 * instance sharing the database hears every write, whoever made it. Notifications sent while the
 * listener is disconnected are lost, so:
 * - a heartbeat (a NOTIFY on a channel of this instance's own, heard back on the listening
 *   connection within a deadline) proves the connection every `heartbeatMs`;
 * - when a heartbeat is not heard back, the session is thrown away, the listener reports
 *   disconnected and the cache's trust window shrinks (`setListening(false)`); a new session is
 *   tried every `retryMs`;
 * - on every (re)LISTEN the whole cache is marked stale (kept and served, reloaded in the
 *   background on its next hit), never cleared; this includes postgres.js re-listening on its
 *   own after a dropped connection, which a heartbeat alone could miss;
 * - a payload we do not understand also marks the whole cache stale, and is logged.
 */
import type { Database, ListenSession } from "../db/client";
import { withDeadline } from "../db/with-deadline";
import type { RouteCache, RoutingChange } from "./route-cache";

export const ROUTING_CHANNEL = "routing_changed";

export interface RoutingListener {
  /** True while LISTEN is in place and the last heartbeat was heard back in time. */
  readonly connected: boolean;
  /** How many times LISTEN was (re)established. */
  readonly listens: number;
  /** Notifications received on `routing_changed`. */
  readonly events: number;
  /** Notifications whose payload was not understood (each marked the whole cache stale). */
  readonly unknownEvents: number;
  /** When the listener lost its connection (ISO 8601), or null while connected. */
  readonly disconnectedSince: string | null;
  /** Stop listening and heartbeating. Idempotent. */
  stop(): Promise<void>;
}

export interface RoutingListenerOptions {
  /** Milliseconds between heartbeats. Default 1000. */
  heartbeatMs?: number;
  /** A heartbeat (or LISTEN set-up) not done within this many milliseconds loses the session. Default 2000. */
  deadlineMs?: number;
  /** Milliseconds between attempts to listen again. Default 500. */
  retryMs?: number;
  /** Operational log (connection lost/back, unknown payloads): a sentence and a short detail. Default console.error. */
  log?: (message: string, detail?: string) => void;
}

/**
 * Start listening and heartbeating. Resolves once the first LISTEN is in place.
 * @throws the database's error (or DeadlineError) when the first LISTEN cannot be set up
 */
export async function startRoutingListener(
  database: Database,
  cache: RouteCache,
  opts: RoutingListenerOptions = {},
): Promise<RoutingListener> {
  const heartbeatMs = opts.heartbeatMs ?? 1000;
  const deadlineMs = opts.deadlineMs ?? 2000;
  const retryMs = opts.retryMs ?? 500;
  const log = opts.log ?? ((message, detail) => console.error(message, detail ?? ""));
  const heartbeatChannel = `switchboard_heartbeat_${crypto.randomUUID().replaceAll("-", "")}`;

  const state = { connected: false, listens: 0, events: 0, unknownEvents: 0, disconnectedAt: null as Date | null };
  let stopped = false;
  let session: ListenSession | null = null;
  let heard: { nonce: string; resolve: () => void } | null = null;
  let lastUnknownLog = 0;
  const wake = new Sleeper();

  const onNotify = (channel: string, payload: string) => {
    if (channel === heartbeatChannel) {
      if (heard?.nonce === payload) heard.resolve();
      return;
    }
    state.events++;
    const change = parseChange(payload);
    if (change) return cache.invalidate(change);
    state.unknownEvents++;
    cache.markAllStale();
    if (Date.now() - lastUnknownLog > 10_000) {
      lastUnknownLog = Date.now();
      log(`unknown ${ROUTING_CHANNEL} payload: every cached plan marked stale`, payload.slice(0, 200));
    }
  };

  /** The driver listened again by itself after a drop the heartbeat may not have seen. */
  let lastRelisten = 0;
  const onRelisten = () => {
    cache.markAllStale();
    if (Date.now() - lastRelisten < 1000) return; // once per drop, not once per channel
    lastRelisten = Date.now();
    state.listens++;
    log(`LISTEN ${ROUTING_CHANNEL} re-established after a dropped connection: every cached plan marked stale`);
  };

  /** Open a session and wait for its LISTENs; on success the cache trusts NOTIFY again. */
  const listen = async () => {
    const next = database.openListener([ROUTING_CHANNEL, heartbeatChannel], onNotify, onRelisten);
    try {
      await withDeadline(next.ready, deadlineMs, "LISTEN");
    } catch (err) {
      await next.close();
      throw err;
    }
    session = next;
    state.listens++;
    // Anything may have changed while nobody listened: keep serving, reload in the background.
    cache.markAllStale();
    cache.setListening(true);
    if (state.disconnectedAt) {
      log(`LISTEN ${ROUTING_CHANNEL} back after ${Date.now() - state.disconnectedAt.getTime()} ms`);
    }
    state.connected = true;
    state.disconnectedAt = null;
  };

  /** One heartbeat round trip on the current session. */
  let beat = 0;
  const heartbeat = async (current: ListenSession) => {
    const nonce = String(++beat);
    const heardBack = new Promise<void>((resolve) => (heard = { nonce, resolve }));
    await withDeadline(
      current.notify(heartbeatChannel, nonce).then(() => heardBack),
      deadlineMs,
      "LISTEN heartbeat",
    );
  };

  const lose = async (err: unknown) => {
    const lost = session;
    session = null;
    if (state.connected) {
      state.connected = false;
      state.disconnectedAt = new Date();
      cache.setListening(false);
      const reason = err instanceof Error ? err.message : String(err);
      log(`LISTEN ${ROUTING_CHANNEL} lost; cached plans trusted for a shorter time until it is back`, reason);
    }
    await lost?.close();
  };

  const run = async () => {
    while (!stopped) {
      await wake.sleep(session ? heartbeatMs : retryMs);
      if (stopped) break;
      try {
        if (session) await heartbeat(session);
        else await listen();
      } catch (err) {
        if (!stopped) await lose(err);
      }
    }
  };

  await listen();
  const running = run();

  return {
    get connected() {
      return state.connected;
    },
    get listens() {
      return state.listens;
    },
    get events() {
      return state.events;
    },
    get unknownEvents() {
      return state.unknownEvents;
    },
    get disconnectedSince() {
      return state.disconnectedAt?.toISOString() ?? null;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      state.connected = false;
      wake.interrupt();
      await running;
      await (session as ListenSession | null)?.close();
      session = null;
    },
  };
}

/** A sleep that `interrupt` ends early. */
class Sleeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.done = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  interrupt(): void {
    clearTimeout(this.timer);
    this.done?.();
  }
}

/** Parse a notification payload; null when it is not one we understand (then mark all stale). */
export function parseChange(payload: string): RoutingChange | null {
  try {
    const data = JSON.parse(payload) as { kind?: unknown; id?: unknown; code?: unknown };
    if (typeof data.id !== "number") return null;
    switch (data.kind) {
      case "smartlink":
      case "campaign":
      case "publisher":
        return { kind: data.kind, id: data.id };
      case "access":
        return typeof data.code === "string" ? { kind: "access", id: data.id, code: data.code } : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}
