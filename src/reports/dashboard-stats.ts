/**
 * The numbers on the admin dashboard: today's clicks and redirects per smartlink, the pending
 * approvals count, and the latest clicks. "Today" is the current UTC day.
 *
 * A redirect is any recorded row (bots, HEAD requests and publisher test clicks included); a
 * click is a redirect that is none of those, as in every report.
 */
import { and, asc, count, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, smartlinkPublishers, smartlinks } from "../db/schema";

/** One smartlink's traffic since the start of the UTC day. */
export interface SmartlinkToday {
  smartlinkId: number;
  name: string;
  status: "active" | "paused";
  /** Counted clicks: not bot, not HEAD, not test. */
  clicks: number;
  /** Every redirect served. */
  redirects: number;
}

/** A recent redirect for the activity list. */
export interface RecentClick {
  id: string;
  createdAt: Date;
  smartlinkId: number;
  /** Null when the smartlink was deleted since. */
  smartlinkName: string | null;
  /** Decision reason code (`offer`, `paused`, `no_eligible_offer`, ...). */
  reason: string;
  country: string | null;
  device: string;
  /** True for a bot, HEAD or test redirect (not counted as a click). */
  excluded: boolean;
}

/** 00:00 UTC of the day `now` falls in. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const COUNTED = sql`not ${clicks.isBot} and not ${clicks.isHead} and not ${clicks.isTest}`;

/**
 * Every smartlink with its clicks and redirects since 00:00 UTC of `now`'s day (zeros
 * included), busiest first, then by id.
 */
export async function todayBySmartlink(db: Db, now: Date): Promise<SmartlinkToday[]> {
  const redirects = count(clicks.id);
  return db
    .select({
      smartlinkId: smartlinks.id,
      name: smartlinks.name,
      status: smartlinks.status,
      clicks: sql<number>`count(${clicks.id}) filter (where ${COUNTED})`.mapWith(Number),
      redirects,
    })
    .from(smartlinks)
    .leftJoin(clicks, and(eq(clicks.smartlinkId, smartlinks.id), gte(clicks.createdAt, startOfUtcDay(now))))
    .groupBy(smartlinks.id)
    .orderBy(desc(redirects), asc(smartlinks.id));
}

/** Number of smartlink applications waiting for an admin's decision. */
export async function pendingApprovals(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(smartlinkPublishers).where(eq(smartlinkPublishers.status, "pending"));
  return row!.n;
}

/** The latest `limit` redirects, newest first (click ids are time-ordered UUIDv7). */
export async function recentClicks(db: Db, limit = 10): Promise<RecentClick[]> {
  return db
    .select({
      id: clicks.id,
      createdAt: clicks.createdAt,
      smartlinkId: clicks.smartlinkId,
      smartlinkName: smartlinks.name,
      reason: clicks.reason,
      country: clicks.country,
      device: clicks.device,
      excluded: sql<boolean>`not (${COUNTED})`.mapWith(Boolean),
    })
    .from(clicks)
    .leftJoin(smartlinks, eq(smartlinks.id, clicks.smartlinkId))
    .orderBy(desc(clicks.id))
    .limit(limit);
}
