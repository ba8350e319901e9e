/**
 * Per-smartlink offer statistics for auto rotation, held in memory and refreshed in the
 * background so the redirect never waits for them.
 *
 * `get(smartlinkId)` is synchronous: it returns what is cached (possibly a little old) and, when
 * the entry is missing or older than `refreshMs`, starts one background reload. Until the first
 * load lands, auto rotation sees no stats and explores by weight.
 *
 * Source: counted clicks (not bots, HEAD requests or test clicks) of the last `windowDays` days
 * per campaign. Revenue and payout are 0 until conversions are recorded.
 */
import { and, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks } from "../db/schema";
import type { OfferStats } from "../routing/types";

type StatsMap = ReadonlyMap<number, OfferStats>;

export interface StatsCacheOptions {
  refreshMs: number;
  windowDays: number;
  onError?: (err: unknown) => void;
}

export class StatsCache {
  private readonly entries = new Map<number, { stats: StatsMap; loadedAt: number }>();
  private readonly loading = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly opts: StatsCacheOptions,
  ) {}

  /** Cached stats of a smartlink keyed by campaign id, or undefined before the first load. */
  get(smartlinkId: number, now = Date.now()): StatsMap | undefined {
    const entry = this.entries.get(smartlinkId);
    if ((!entry || now - entry.loadedAt > this.opts.refreshMs) && !this.loading.has(smartlinkId)) {
      void this.reload(smartlinkId);
    }
    return entry?.stats;
  }

  /** Load a smartlink's stats now. Errors go to `onError`; the old stats stay for another period. */
  async reload(smartlinkId: number): Promise<void> {
    this.loading.add(smartlinkId);
    try {
      const rows = await this.db
        .select({ campaignId: clicks.campaignId, clicks: sql<number>`count(*)::int` })
        .from(clicks)
        .where(
          and(
            eq(clicks.smartlinkId, smartlinkId),
            isNotNull(clicks.campaignId),
            eq(clicks.isBot, false),
            eq(clicks.isHead, false),
            eq(clicks.isTest, false),
            gt(clicks.createdAt, sql`now() - make_interval(days => ${this.opts.windowDays})`),
          ),
        )
        .groupBy(clicks.campaignId);
      const stats = new Map<number, OfferStats>();
      for (const row of rows) stats.set(row.campaignId!, { clicks: row.clicks, revenueCents: 0, payoutCents: 0 });
      this.entries.set(smartlinkId, { stats, loadedAt: Date.now() });
    } catch (err) {
      // Keep what we had and wait a full refresh period before trying again (no retry storm).
      const previous = this.entries.get(smartlinkId);
      this.entries.set(smartlinkId, { stats: previous?.stats ?? new Map(), loadedAt: Date.now() });
      this.opts.onError?.(err);
    } finally {
      this.loading.delete(smartlinkId);
    }
  }
}
