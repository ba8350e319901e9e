/**
 * In-process LRU of compiled routing plans, keyed by link code.
 *
 * - A hit is synchronous (`peek`): no promise, no database round trip.
 * - A miss loads through `loader` once per code at a time (single-flight); unknown codes are
 *   cached negatively so floods of bad codes cost one query each per TTL.
 * - `invalidate` is driven by LISTEN/NOTIFY (see routing-listener.ts). A load that started before
 *   an invalidation is answered but not cached, so a stale plan never sticks.
 * - A safety TTL bounds staleness should a notification ever be missed.
 */
import { LRUCache } from "lru-cache";
import type { RoutingPlan } from "../routing/types";

/** Cached marker for "no such code". */
const NOT_FOUND = Symbol("not-found");
type Entry = RoutingPlan | typeof NOT_FOUND;

/** What a NOTIFY on `routing_changed` says changed (see drizzle/0001_routing_notify.sql). */
export type RoutingChange =
  | { kind: "smartlink"; id: number }
  | { kind: "campaign"; id: number }
  | { kind: "publisher"; id: number }
  | { kind: "access"; id: number; code: string };

export interface RouteCacheOptions {
  /** Most plans held. */
  max: number;
  /** Safety TTL in milliseconds. */
  ttlMs: number;
  /** Loads one plan from the database; null = unknown code. */
  loader: (code: string) => Promise<RoutingPlan | null>;
}

export class RouteCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<RoutingPlan | null>>();
  private readonly loader: RouteCacheOptions["loader"];
  /** Bumped by every invalidation; loads started under an older generation are not cached. */
  private generation = 0;

  constructor(opts: RouteCacheOptions) {
    this.lru = new LRUCache<string, Entry>({ max: opts.max, ttl: opts.ttlMs, ttlAutopurge: false });
    this.loader = opts.loader;
  }

  /**
   * Synchronous lookup.
   * @returns the plan, null for a known-unknown code, undefined on a miss
   */
  peek(code: string): RoutingPlan | null | undefined {
    const hit = this.lru.get(code);
    return hit === NOT_FOUND ? null : hit;
  }

  /** The cached plan, or a load on a miss (for callers off the hot path, which use `peek` first). */
  resolve(code: string): Promise<RoutingPlan | null> {
    const hit = this.peek(code);
    return hit === undefined ? this.load(code) : Promise.resolve(hit);
  }

  /** Load `code` (single-flight) and cache the result. Rejects with the loader's error. */
  load(code: string): Promise<RoutingPlan | null> {
    const pending = this.inFlight.get(code);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.loader(code)
      .then((plan) => {
        if (generation === this.generation) this.lru.set(code, plan ?? NOT_FOUND);
        return plan;
      })
      .finally(() => this.inFlight.delete(code));
    this.inFlight.set(code, promise);
    return promise;
  }

  /** Evict every plan the change can affect. */
  invalidate(change: RoutingChange): void {
    this.generation++;
    if (change.kind === "access") {
      this.lru.delete(change.code);
      return;
    }
    for (const [code, entry] of this.lru.entries()) {
      if (entry !== NOT_FOUND && affects(entry, change)) this.lru.delete(code);
    }
  }

  /** Drop everything (after the listener (re)connects: notifications may have been missed). */
  clear(): void {
    this.generation++;
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}

function affects(plan: RoutingPlan, change: Exclude<RoutingChange, { kind: "access" }>): boolean {
  switch (change.kind) {
    case "smartlink":
      return plan.smartlinkId === change.id;
    case "publisher":
      return plan.publisherId === change.id;
    case "campaign":
      return plan.tiers.some((tier) => tier.some((e) => e.campaignId === change.id));
  }
}
