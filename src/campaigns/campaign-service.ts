/**
 * Campaigns (offers): create, list, read, update, delete. Shared by the JSON API and the admin
 * portal. Inputs are plain camelCase data; every check happens here, and errors name fields as
 * on the wire (snake_case).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, campaignStatus, poolEntries, type Campaign } from "../db/schema";
import { ConflictError, NotFoundError, pgErrorCode } from "../errors";
import { checkEnum, checkMoney, checkText, checkUrl, FieldErrors, LIMITS, MESSAGES } from "../validation";

export type CampaignStatus = (typeof campaignStatus.enumValues)[number];
export const CAMPAIGN_STATUSES = campaignStatus.enumValues;

/** Fields of a new campaign. Money as decimal strings ("1.50") or numbers (see `checkMoney`). */
export interface CampaignInput {
  /** 1..200 characters, trimmed. */
  name: string;
  /** Absolute http(s) URL template; `{click_id}`-style macros allowed. */
  destinationUrl: string;
  /** Per conversion, paid to the publisher; default "0". */
  payout?: string | number;
  /** Per conversion, paid by the advertiser; default "0". */
  revenue?: string | number;
  /** Default `active`. */
  status?: CampaignStatus;
}

/** A partial update: only the given fields change. */
export type CampaignPatch = Partial<CampaignInput>;

/** Check and normalize `input`; with `partial`, absent fields are skipped. */
function checkCampaign(input: CampaignPatch, partial: boolean) {
  const errors = new FieldErrors();
  const out: Partial<typeof campaigns.$inferInsert> = {};
  if (input.name !== undefined) out.name = checkText(errors, "name", input.name, 1, LIMITS.nameMax);
  else if (!partial) errors.add("name", MESSAGES.required);
  if (input.destinationUrl !== undefined) out.destinationUrl = checkUrl(errors, "destination_url", input.destinationUrl);
  else if (!partial) errors.add("destination_url", MESSAGES.required);
  if (input.payout !== undefined) out.payout = checkMoney(errors, "payout", input.payout);
  if (input.revenue !== undefined) out.revenue = checkMoney(errors, "revenue", input.revenue);
  if (input.status !== undefined) out.status = checkEnum(errors, "status", input.status, CAMPAIGN_STATUSES);
  errors.throwIfAny();
  return out;
}

/**
 * Create a campaign.
 * @returns the stored row (money normalized to 2 decimals, e.g. "1.50")
 * @throws ValidationError on bad fields
 */
export async function createCampaign(db: Db, input: CampaignInput): Promise<Campaign> {
  const values = checkCampaign(input, false) as typeof campaigns.$inferInsert;
  const [row] = await db.insert(campaigns).values(values).returning();
  return row!;
}

/** Every campaign, oldest first. */
export async function listCampaigns(db: Db): Promise<Campaign[]> {
  return db.select().from(campaigns).orderBy(asc(campaigns.id));
}

/**
 * One campaign.
 * @throws NotFoundError when `id` does not exist
 */
export async function getCampaign(db: Db, id: number): Promise<Campaign> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw new NotFoundError("campaign", id);
  return row;
}

/**
 * Change the given fields of campaign `id` (and `updated_at`). Routing caches are invalidated by
 * the database triggers.
 * @throws NotFoundError, ValidationError
 */
export async function updateCampaign(db: Db, id: number, patch: CampaignPatch): Promise<Campaign> {
  const values = checkCampaign(patch, true);
  const [row] = await db
    .update(campaigns)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(campaigns.id, id))
    .returning();
  if (!row) throw new NotFoundError("campaign", id);
  return row;
}

/**
 * Delete campaign `id`. Clicks keep their `campaign_id` (no foreign key).
 * @throws NotFoundError when it does not exist
 * @throws ConflictError when it is in any smartlink's pool
 */
export async function deleteCampaign(db: Db, id: number): Promise<void> {
  const conflict = () => new ConflictError("campaign is in a smartlink pool; remove it from every pool first");
  const [used] = await db.select({ id: poolEntries.id }).from(poolEntries).where(eq(poolEntries.campaignId, id)).limit(1);
  if (used) throw conflict();
  try {
    const rows = await db.delete(campaigns).where(eq(campaigns.id, id)).returning({ id: campaigns.id });
    if (rows.length === 0) throw new NotFoundError("campaign", id);
  } catch (err) {
    // A pool entry added since the check: the foreign key (on delete restrict) refuses.
    if (pgErrorCode(err) === "23503") throw conflict();
    throw err;
  }
}
