/**
 * A publisher's test click from the portal: the same decision, destination and click record as
 * a real visit to its tracking link (`serveClick`), from the publisher's own browser, marked
 * `is_test` so reports and offer stats leave it out; then written at once and read back.
 */
import { eq } from "drizzle-orm";
import type { AppDeps } from "../app";
import { campaigns, clicks } from "../db/schema";
import { serveClick } from "../links/serve-click";
import type { SubIds } from "../links/sub-ids";
import type { DecisionReason, Device } from "../routing/types";
import type { VisitorRequest } from "../visitor/read-visitor";

export interface TestClick {
  clickId: string;
  /** Where the click landed; null when nothing fit and no fallback URL is set anywhere. */
  destination: string | null;
  reason: DecisionReason;
  /** The offer's name when the click reached one (`reason` = `offer`). */
  offerName: string | null;
  /** The visitor as the tracking link saw the publisher's browser. */
  country: string | null;
  device: Device;
  /** True once the click row is in the database. */
  recorded: boolean;
}

/**
 * Serve and record one test click on tracking-link `code`.
 * @param visitor the publisher's request, read like a real visit
 * @returns what happened, or null when no link has this code
 */
export async function makeTestClick(
  deps: AppDeps,
  code: string,
  visitor: VisitorRequest,
  subs: SubIds,
): Promise<TestClick | null> {
  const plan = await deps.routes.resolve(code);
  if (plan === null) return null;

  const seen = deps.readVisitor(visitor);
  const served = serveClick(deps, { plan, visitor: seen, subs, isHead: false, isTest: true });
  await deps.clicks.flush();

  const db = deps.database.db;
  const [row] = await db.select({ id: clicks.id }).from(clicks).where(eq(clicks.id, served.clickId));
  const offerName =
    served.decision.kind === "offer" ? await campaignName(deps, served.decision.entry.campaignId) : null;
  return {
    clickId: served.clickId,
    destination: served.destination,
    reason: served.decision.reason,
    offerName,
    country: seen.country,
    device: seen.device,
    recorded: row !== undefined,
  };
}

async function campaignName(deps: AppDeps, id: number): Promise<string | null> {
  const [row] = await deps.database.db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, id));
  return row?.name ?? null;
}
