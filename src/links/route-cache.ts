/**
 * In-process LRU of compiled routing plans, keyed by link code, served stale-while-revalidate
 * (docs/decisions/001-listen-notify-invalidation.md).
 *
 * - A hit is synchronous (`peek`): no promise, no database round trip. A plan older than the
 *   trust window, or marked stale by `markAllStale`, is still answered, and one reload of it
 *   starts in the background; while reloads fail the stale plan keeps being served (a failed
 *   reload of a code is retried at most once per `retryMs`).
 * - A miss loads through a batch loader (all codes missed in one event-loop turn share one
 *   query) once per code at a time (single-flight), under `loadDeadlineMs`. Unknown codes are
 *   cached negatively. Background reloads go through a second, slower batch loader (20 ms
 *   windows, one query at a time), so revalidating a whole cache after a reconnect takes a few
 *   large queries and one pool connection, leaving the rest to misses.
 * - `invalidate` is driven by LISTEN/NOTIFY (see routing-listener.ts) and evicts what a change
 *   names. A load that started before an invalidation is answered but not cached, so a stale
 *   plan never sticks.
 * - The trust window is `ttlMs` while the listener is connected and `untrustedTtlMs` while it
 *   is not (`setListening`), since notifications may be missed then.
 */
import { LRUCache } from "lru-cache";
import type { RoutingPlan } from "../routing/types";
import { withDeadline } from "../db/with-deadline";
import { BatchLoader } from "./batch-loader";

/** Cached marker for "no such code". */
const NOT_FOUND = Symbol("not-found");

interface Entry {
  value: RoutingPlan | typeof NOT_FOUND;
  /** When it was loaded (ms, `now()` clock). */
  loadedAt: number;
  /** `RouteCache.epoch` when its load started: an older epoch means "marked stale". */
  epoch: number;
  /** No background reload before this time (ms): set after a failed reload. */
  retryAt: number;
}

/** What a NOTIFY on `routing_changed` says changed (see drizzle/0001_routing_notify.sql). */
export type RoutingChange =
  | { kind: "smartlink"; id: number }
  | { kind: "campaign"; id: number }
  | { kind: "publisher"; id: number }
  | { kind: "access"; id: number; code: string };

export interface RouteCacheOptions {
  /** Most plans held (least recently used are evicted). */
  max: number;
  /** Trust window in milliseconds while invalidation by NOTIFY is live. */
  ttlMs: number;
  /** Trust window in milliseconds while the NOTIFY listener is down. */
  untrustedTtlMs: number;
  /** Loads many plans with one query; a code absent from the map is unknown. Rejects on errors. */
  loadMany: (codes: string[]) => Promise<Map<string, RoutingPlan>>;
  /** A load still pending after this many milliseconds is abandoned (rejected). Default 5000. */
  loadDeadlineMs?: number;
  /** After a failed background reload, the same code is not reloaded for this long (ms). Default 1000. */
  retryMs?: number;
  /** Called with the error of a failed background reload. */
  onReloadError?: (err: unknown) => void;
  /** Clock in milliseconds (tests). Default `performance.now`. */
  now?: () => number;
}

export class RouteCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<RoutingPlan | null>>();
  /** Misses: every code of one event-loop turn in one query. */
  private readonly misses: BatchLoader<RoutingPlan>;
  /** Background reloads of stale plans: gathered for 20 ms, one query at a time, up to 1000 codes. */
  private readonly reloads: BatchLoader<RoutingPlan>;
  private readonly now: () => number;
  /** Bumped by every invalidation; loads started under an older generation are not cached. */
  private generation = 0;
  /** Bumped by `markAllStale`; entries loaded under an older epoch are stale. */
  private epoch = 0;
  private trustMs: number;
  private reloadFailures = 0;
  private missLoads = 0;

  constructor(private readonly opts: RouteCacheOptions) {
    this.lru = new LRUCache<string, Entry>({ max: opts.max });
    this.misses = new BatchLoader(opts.loadMany);
    this.reloads = new BatchLoader(opts.loadMany, { windowMs: 20, serial: true, maxBatch: 1000 });
    this.now = opts.now ?? (() => performance.now());
    this.trustMs = opts.ttlMs;
  }

  /**
   * Synchronous lookup; a stale plan is answered and reloaded in the background.
   * @returns the plan, null for a known-unknown code, undefined on a miss
   */
  peek(code: string): RoutingPlan | null | undefined {
    const entry = this.lru.get(code);
    if (entry === undefined) return undefined;
    const now = this.now();
    if ((entry.epoch !== this.epoch || now - entry.loadedAt > this.trustMs) && now >= entry.retryAt) {
      this.revalidate(code, entry);
    }
    return entry.value === NOT_FOUND ? null : entry.value;
  }

  /** The cached plan (even stale), or a load on a miss (callers off the hot path). */
  resolve(code: string): Promise<RoutingPlan | null> {
    const hit = this.peek(code);
    return hit === undefined ? this.load(code) : Promise.resolve(hit);
  }

  /**
   * Load `code` (batched with this turn's other loads, single-flight per code) and cache it.
   * @throws the loader's error, or DeadlineError after `loadDeadlineMs`
   */
  load(code: string): Promise<RoutingPlan | null> {
    this.missLoads++;
    return this.loadVia(this.misses, code);
  }

  private loadVia(loader: BatchLoader<RoutingPlan>, code: string): Promise<RoutingPlan | null> {
    const pending = this.inFlight.get(code);
    if (pending) return pending;
    const generation = this.generation;
    const epoch = this.epoch;
    const promise = withDeadline(loader.load(code), this.opts.loadDeadlineMs ?? 5000, "route load")
      .then((plan) => {
        if (generation === this.generation) {
          this.lru.set(code, { value: plan ?? NOT_FOUND, loadedAt: this.now(), epoch, retryAt: 0 });
        }
        return plan;
      })
      .finally(() => this.inFlight.delete(code));
    this.inFlight.set(code, promise);
    return promise;
  }

  /**
   * Like `load`, but gives up waiting after `budgetMs` (the load goes on and fills the cache).
   * @throws the loader's error, or DeadlineError when the budget runs out
   */
  loadWithin(code: string, budgetMs: number): Promise<RoutingPlan | null> {
    return withDeadline(this.load(code), budgetMs, "route miss");
  }

  /**
   * Load many codes into the cache ahead of traffic (start-up), `chunk` codes per query.
   * @returns how many codes were cached
   * @throws the loader's error
   */
  async warm(codes: readonly string[], chunk = 1000): Promise<number> {
    let cached = 0;
    for (let i = 0; i < codes.length; i += chunk) {
      const slice = codes.slice(i, i + chunk);
      const generation = this.generation;
      const epoch = this.epoch;
      const plans = await this.opts.loadMany(slice);
      if (generation !== this.generation) continue;
      const loadedAt = this.now();
      for (const code of slice) {
        if (this.lru.has(code)) continue;
        this.lru.set(code, { value: plans.get(code) ?? NOT_FOUND, loadedAt, epoch, retryAt: 0 });
        cached++;
      }
    }
    return cached;
  }

  /** Evict every plan the change can affect. */
  invalidate(change: RoutingChange): void {
    this.generation++;
    if (change.kind === "access") {
      this.lru.delete(change.code);
      return;
    }
    for (const [code, entry] of this.lru.entries()) {
      if (entry.value !== NOT_FOUND && affects(entry.value, change)) this.lru.delete(code);
    }
  }

  /**
   * Mark every cached plan stale, keeping it: each is answered once more and reloaded in the
   * background on its next hit (after the listener reconnects, or an unknown notification).
   * Loads already running are cached as stale too.
   */
  markAllStale(): void {
    this.epoch++;
    for (const entry of this.lru.values()) entry.retryAt = 0;
  }

  /** Whether invalidation is live: sets the trust window to `ttlMs` or `untrustedTtlMs`. */
  setListening(listening: boolean): void {
    this.trustMs = listening ? this.opts.ttlMs : this.opts.untrustedTtlMs;
  }

  /** Drop everything. */
  clear(): void {
    this.generation++;
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  /** Calls of `load` (misses) since the start. */
  get missCount(): number {
    return this.missLoads;
  }

  /** Loads (misses and background reloads) running now. */
  get pendingLoads(): number {
    return this.inFlight.size;
  }

  /** Background reloads that failed since the start (each keeps its stale plan). */
  get failedReloads(): number {
    return this.reloadFailures;
  }

  private revalidate(code: string, entry: Entry): void {
    if (this.inFlight.has(code)) return;
    this.loadVia(this.reloads, code).catch((err) => {
      this.reloadFailures++;
      entry.retryAt = this.now() + (this.opts.retryMs ?? 1000);
      this.opts.onReloadError?.(err);
    });
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
