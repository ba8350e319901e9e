/**
 * A publisher's own click report (My reports): counted clicks by day, smartlink, sub-ID
 * (pub_sub + sub1), country and device over a date range. Every query filters on the
 * publisher's id.
 *
 * What counts: test clicks and HEAD requests are left out entirely; bot clicks are counted
 * apart (`bots`) and never in `clicks`. Days are UTC calendar days. Conversions and earnings
 * join when postbacks are recorded.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks, smartlinks } from "../db/schema";

/** Inclusive range of UTC days, `YYYY-MM-DD`. */
export interface ReportRange {
  from: string;
  to: string;
}

export interface Counts {
  /** Human clicks. */
  clicks: number;
  /** Clicks from bots and crawlers. */
  bots: number;
}

export interface PublisherReport {
  range: ReportRange;
  totals: Counts;
  byDay: (Counts & { day: string })[];
  bySmartlink: (Counts & { smartlinkId: number; name: string | null })[];
  bySubId: (Counts & { pubSub: string | null; sub1: string | null })[];
  byCountry: (Counts & { country: string | null })[];
  byDevice: (Counts & { device: string })[];
}

/** Days in the default range (today and the 6 before). */
export const DEFAULT_DAYS = 7;
/** Most rows of the sub-ID table (busiest first). */
export const MAX_SUB_ID_ROWS = 200;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** A real calendar day (`2024-02-30` and `2024-13-01` are not; `Date` would roll or fail). */
function isDay(value: string | undefined): value is string {
  if (value === undefined || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDay(date) === value;
}

/**
 * Days a report can name: clicks cannot predate the product, and days beyond year 2999 (or
 * before year 1) cannot be sent to PostgreSQL as timestamps (`9999-12-31` ends in year 10000).
 */
export const EARLIEST_DAY = "2000-01-01";
export const LATEST_DAY = "2999-12-31";

const clampDay = (day: string) => (day < EARLIEST_DAY ? EARLIEST_DAY : day > LATEST_DAY ? LATEST_DAY : day);

/**
 * The range asked for: valid `YYYY-MM-DD` values are kept (clamped into
 * `EARLIEST_DAY..LATEST_DAY`), anything else falls back to the default (the last `DEFAULT_DAYS`
 * days up to today, UTC); a reversed range is swapped.
 */
export function reportRange(from: string | undefined, to: string | undefined, now = new Date()): ReportRange {
  const end = clampDay(isDay(to) ? to : isoDay(now));
  const start = clampDay(
    isDay(from) ? from : isoDay(new Date(Date.parse(`${end}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS)),
  );
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

const counts = {
  clicks: sql<number>`(count(*) filter (where not ${clicks.isBot}))::int`,
  bots: sql<number>`(count(*) filter (where ${clicks.isBot}))::int`,
};

function ownClicks(publisherId: number, range: ReportRange): SQL {
  const start = new Date(`${range.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS);
  return and(
    eq(clicks.publisherId, publisherId),
    eq(clicks.isTest, false),
    eq(clicks.isHead, false),
    gte(clicks.createdAt, start),
    lt(clicks.createdAt, end),
  )!;
}

/** Counted clicks of one publisher in a range. */
export async function countClicks(db: Db, publisherId: number, range: ReportRange): Promise<Counts> {
  const [row] = await db.select(counts).from(clicks).where(ownClicks(publisherId, range));
  return row!;
}

/** The whole report of publisher `publisherId` for `range`. */
export async function publisherReport(db: Db, publisherId: number, range: ReportRange): Promise<PublisherReport> {
  const where = ownClicks(publisherId, range);
  const day = sql<string>`to_char(${clicks.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const busiest = [desc(counts.clicks), desc(counts.bots)];
  const [totals, byDay, bySmartlink, bySubId, byCountry, byDevice] = await Promise.all([
    countClicks(db, publisherId, range),
    db.select({ day, ...counts }).from(clicks).where(where).groupBy(day).orderBy(day),
    db
      .select({ smartlinkId: clicks.smartlinkId, name: smartlinks.name, ...counts })
      .from(clicks)
      .leftJoin(smartlinks, eq(smartlinks.id, clicks.smartlinkId))
      .where(where)
      .groupBy(clicks.smartlinkId, smartlinks.name)
      .orderBy(...busiest, clicks.smartlinkId),
    db
      .select({ pubSub: clicks.pubSub, sub1: clicks.sub1, ...counts })
      .from(clicks)
      .where(where)
      .groupBy(clicks.pubSub, clicks.sub1)
      .orderBy(...busiest, clicks.pubSub, clicks.sub1)
      .limit(MAX_SUB_ID_ROWS),
    db
      .select({ country: clicks.country, ...counts })
      .from(clicks)
      .where(where)
      .groupBy(clicks.country)
      .orderBy(...busiest, clicks.country),
    db.select({ device: clicks.device, ...counts }).from(clicks).where(where).groupBy(clicks.device).orderBy(...busiest),
  ]);
  return { range, totals, byDay, bySmartlink, bySubId, byCountry, byDevice };
}
