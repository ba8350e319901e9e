/**
 * Compile the routing plan of one tracking-link code with one query (the cache-miss path).
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, poolEntries, publishers, smartlinkPublishers, smartlinks } from "../db/schema";
import type { Device, PlanEntry, RoutingPlan } from "../routing/types";

/**
 * Load and compile the plan for `code`.
 * @returns the plan, or null when no publisher link has this code
 * @throws the database's error (the caller answers without caching)
 */
export async function loadPlan(db: Db, code: string): Promise<RoutingPlan | null> {
  const rows = await db
    .select({
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
    .where(eq(smartlinkPublishers.code, code))
    .orderBy(asc(poolEntries.priority), asc(poolEntries.id));

  const head = rows[0];
  if (!head) return null;

  const tiers: PlanEntry[][] = [];
  let lastPriority: number | null = null;
  for (const row of rows) {
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
    if (entry.priority !== lastPriority) tiers.push([]);
    tiers[tiers.length - 1]!.push(entry);
    lastPriority = entry.priority;
  }

  return {
    code,
    smartlinkId: head.smartlinkId,
    publisherId: head.publisherId,
    smartlinkActive: head.smartlinkStatus === "active",
    accessApproved: head.accessStatus === "approved" && head.publisherStatus === "active",
    fallbackUrl: head.fallbackUrl,
    rotation: head.rotation,
    optimizeFor: head.optimizeFor,
    explorationClicks: head.explorationClicks,
    tiers,
  };
}
