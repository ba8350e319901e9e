/**
 * LISTEN on `routing_changed` and evict what each notification names from the route cache.
 *
 * The database triggers (drizzle/0001_routing_notify.sql) send the notifications, so every
 * instance sharing the database hears every write, whoever made it. On each (re)connect of the
 * listening connection the whole cache is cleared, since notifications sent while it was down
 * are lost (postgres.js re-runs LISTEN and calls `onListen` after reconnecting).
 */
import type { Database } from "../db/client";
import type { RouteCache, RoutingChange } from "./route-cache";

export const ROUTING_CHANNEL = "routing_changed";

export interface RoutingListener {
  /** True once LISTEN is in place. */
  readonly connected: boolean;
  /** How many times LISTEN was (re)established. */
  readonly listens: number;
  /** Notifications received. */
  readonly events: number;
  stop(): Promise<void>;
}

/**
 * Start listening. Resolves once the first LISTEN is in place.
 * @throws the database's error when LISTEN cannot be set up at all
 */
export async function startRoutingListener(database: Database, cache: RouteCache): Promise<RoutingListener> {
  const state = { connected: false, listens: 0, events: 0 };
  const unlisten = await database.listen(
    ROUTING_CHANNEL,
    (payload) => {
      state.events++;
      const change = parseChange(payload);
      if (change) cache.invalidate(change);
      else cache.clear();
    },
    () => {
      state.connected = true;
      state.listens++;
      cache.clear();
    },
  );
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
    async stop() {
      state.connected = false;
      await unlisten();
    },
  };
}

/** Parse a notification payload; null when it is not one we understand (then clear all). */
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
