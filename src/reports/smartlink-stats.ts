/**
 * Numbers the admin smartlink pages show: per-card counters (offers, live and pending
 * publishers), each pool offer's clicks of the last 24 hours, and clicks per publisher.
 * A click counts when it is not a bot, not a HEAD request and not a publisher test click.
 */
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, poolEntries, smartlinkPublishers } from "../db/schema";

/** What a smartlink card shows besides the smartlink itself. */
export interface SmartlinkCounters {
  offers: number;
  /** Approved publishers. */
  live: number;
  /** Publishers waiting for a decision. */
  pending: number;
}

/** Clicks of the last 24 hours on one smartlink. */
export interface PoolClicks {
  /** Counted clicks per campaign id. */
  byCampaign: Map<number, number>;
  /** Counted clicks that went to the fallback (no offer). */
  fallback: number;
  /** Every counted click, offers and fallback. */
  total: number;
}

const counted = and(eq(clicks.isBot, false), eq(clicks.isHead, false), eq(clicks.isTest, false));

/** Offer count and live/pending publisher counts of every smartlink (absent = all zero). */
export async function smartlinkCounters(db: Db): Promise<Map<number, SmartlinkCounters>> {
  const offers = await db
    .select({ id: poolEntries.smartlinkId, n: count() })
    .from(poolEntries)
    .groupBy(poolEntries.smartlinkId);
  const access = await db
    .select({ id: smartlinkPublishers.smartlinkId, status: smartlinkPublishers.status, n: count() })
    .from(smartlinkPublishers)
    .groupBy(smartlinkPublishers.smartlinkId, smartlinkPublishers.status);
  const out = new Map<number, SmartlinkCounters>();
  const of = (id: number) => out.get(id) ?? out.set(id, { offers: 0, live: 0, pending: 0 }).get(id)!;
  for (const row of offers) of(row.id).offers = row.n;
  for (const row of access) {
    if (row.status === "approved") of(row.id).live = row.n;
    else if (row.status === "pending") of(row.id).pending = row.n;
  }
  return out;
}

/** Counted clicks of smartlink `smartlinkId` in the last 24 hours, per offer and to the fallback. */
export async function poolClicksLast24h(db: Db, smartlinkId: number): Promise<PoolClicks> {
  const rows = await db
    .select({ campaignId: clicks.campaignId, n: count() })
    .from(clicks)
    .where(and(eq(clicks.smartlinkId, smartlinkId), counted, gt(clicks.createdAt, sql`now() - interval '24 hours'`)))
    .groupBy(clicks.campaignId);
  const result: PoolClicks = { byCampaign: new Map(), fallback: 0, total: 0 };
  for (const row of rows) {
    if (row.campaignId === null) result.fallback = row.n;
    else result.byCampaign.set(row.campaignId, row.n);
    result.total += row.n;
  }
  return result;
}

/** Counted clicks (all time) per publisher on smartlink `smartlinkId`. */
export async function publisherClicks(db: Db, smartlinkId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ publisherId: clicks.publisherId, n: count() })
    .from(clicks)
    .where(and(eq(clicks.smartlinkId, smartlinkId), counted))
    .groupBy(clicks.publisherId);
  return new Map(rows.map((r) => [r.publisherId, r.n]));
}
