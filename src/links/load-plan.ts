/**
 * Compile routing plans of tracking-link codes, many codes per query (the cache-miss path and the
 * start-up warm-up), and find the codes that had traffic recently.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, poolEntries, publishers, smartlinkPublishers, smartlinks } from "../db/schema";
import type { Device, PlanEntry, RoutingPlan } from "../routing/types";

/**
 * Load and compile the plans of `codes` with one query (`where code = any($1)`).
 * @returns a map from code to plan; a code with no publisher link is absent
 * @throws the database's error (the caller answers without caching)
 */
export async function loadPlans(db: Db, codes: readonly string[]): Promise<Map<string, RoutingPlan>> {
  const plans = new Map<string, RoutingPlan>();
  if (codes.length === 0) return plans;
  const rows = await db
    .select({
      code: smartlinkPublishers.code,
      smartlinkId: smartlinks.id,
      publisherId: smartlinkPublishers.publisherId,
      accessStatus: smartlinkPublishers.status,
      publisherStatus: publishers.status,
      smartlinkStatus: smartlinks.status,
      fallbackUrl: smartlinks.fallbackUrl,
      rotation: smartlinks.rotation,
      optimizeFor: smartlinks.optimizeFor,
      explorationClicks: smartlinks.explorationClicks,
      campaignId: poolEntries.campaignId,
      weight: poolEntries.weight,
      priority: poolEntries.priority,
      countries: poolEntries.countries,
      devices: poolEntries.devices,
      campaignStatus: campaigns.status,
      urlTemplate: campaigns.destinationUrl,
    })
    .from(smartlinkPublishers)
    .innerJoin(smartlinks, eq(smartlinks.id, smartlinkPublishers.smartlinkId))
    .innerJoin(publishers, eq(publishers.id, smartlinkPublishers.publisherId))
    .leftJoin(poolEntries, eq(poolEntries.smartlinkId, smartlinks.id))
    .leftJoin(campaigns, eq(campaigns.id, poolEntries.campaignId))
    // One statement text for any number of codes (one prepared statement, one round trip).
    .where(sql`${smartlinkPublishers.code} = any(${textArrayLiteral(codes)}::text[])`)
    .orderBy(asc(smartlinkPublishers.code), asc(poolEntries.priority), asc(poolEntries.id));

  let plan = null as RoutingPlan | null;
  let lastPriority: number | null = null;
  for (const row of rows) {
    if (plan?.code !== row.code) {
      plan = {
        code: row.code,
        smartlinkId: row.smartlinkId,
        publisherId: row.publisherId,
        smartlinkActive: row.smartlinkStatus === "active",
        accessApproved: row.accessStatus === "approved" && row.publisherStatus === "active",
        fallbackUrl: row.fallbackUrl,
        rotation: row.rotation,
        optimizeFor: row.optimizeFor,
        explorationClicks: row.explorationClicks,
        tiers: [],
      };
      plans.set(row.code, plan);
      lastPriority = null;
    }
    if (row.campaignId === null || row.urlTemplate === null) continue;
    const entry: PlanEntry = {
      campaignId: row.campaignId,
      weight: row.weight ?? 0,
      priority: row.priority ?? 1,
      countries: new Set(row.countries ?? []),
      devices: new Set((row.devices ?? []) as Device[]),
      campaignActive: row.campaignStatus === "active",
      urlTemplate: row.urlTemplate,
    };
    if (entry.priority !== lastPriority) plan.tiers.push([]);
    plan.tiers[plan.tiers.length - 1]!.push(entry);
    lastPriority = entry.priority;
  }
  return plans;
}

/** A Postgres array literal of `values`, each quoted, for one `$1::text[]` parameter. */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * The codes with the most clicks since `sinceMs` milliseconds ago, busiest first (start-up
 * warm-up). Reads `clicks` by its created_at BRIN index.
 * @param limit most codes returned
 */
export async function recentlyClickedCodes(db: Db, sinceMs: number, limit: number): Promise<string[]> {
  const since = new Date(Date.now() - sinceMs).toISOString();
  const result = await db.execute(sql`
    select sp.code
    from (
      select smartlink_id, publisher_id, count(*) as n
      from clicks
      where created_at > ${since}::timestamptz
      group by smartlink_id, publisher_id
      order by n desc
      limit ${limit}
    ) recent
    join smartlink_publishers sp
      on sp.smartlink_id = recent.smartlink_id and sp.publisher_id = recent.publisher_id
    order by recent.n desc`);
  // postgres.js returns the rows as the result; PGlite wraps them in `rows`.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { code: string }[];
  return rows.map((row) => row.code);
}
