/**
 * Smartlinks with their campaign pool and publisher access: create, list, read, update (the pool
 * is replaced as a whole), delete, and `grantAccess`. Shared by the JSON API and the portals.
 * Inputs are plain camelCase data; errors name fields as on the wire (`pool.0.campaign_id`).
 * Routing caches are invalidated by the database triggers on every table written here.
 */
import { asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  accessStatus,
  campaigns,
  optimizeFor,
  poolEntries,
  publishers,
  rotationMode,
  smartlinkPublishers,
  smartlinks,
  smartlinkStatus,
  smartlinkVisibility,
  type Smartlink,
  type SmartlinkPublisher,
} from "../db/schema";
import { NotFoundError, pgErrorCode, ValidationError } from "../errors";
import { newLinkCode } from "../links/link-code";
import type { Device } from "../routing/types";
import {
  checkCountries,
  checkDevices,
  checkEnum,
  checkHost,
  checkInt,
  checkTags,
  checkText,
  checkUrl,
  FieldErrors,
  LIMITS,
  MESSAGES,
} from "../validation";

export type SmartlinkVisibility = (typeof smartlinkVisibility.enumValues)[number];
export type SmartlinkStatus = (typeof smartlinkStatus.enumValues)[number];
export type RotationMode = (typeof rotationMode.enumValues)[number];
export type OptimizeFor = (typeof optimizeFor.enumValues)[number];
export type AccessStatus = (typeof accessStatus.enumValues)[number];

const MAX_ID = 2_147_483_647;

/** One campaign in a smartlink's rotation. Empty `countries` / `devices` mean "any". */
export interface PoolEntryInput {
  campaignId: number;
  /** 0..10000, default 100; 0 = never picked by weight. */
  weight?: number;
  /** 1..100, default 1; lower is tried first. */
  priority?: number;
  /** ISO 3166-1 alpha-2, any case (stored upper case). */
  countries?: string[];
  /** Subset of mobile|tablet|desktop. */
  devices?: string[];
}

/** Fields of a new smartlink; everything but `name` has a default. */
export interface SmartlinkInput {
  /** 1..200 characters, trimmed. */
  name: string;
  /** At most 2000 characters; default "". */
  description?: string;
  /** At most 20 tags of 1..40 characters; default []. */
  tags?: string[];
  /** Default `ask`. */
  visibility?: SmartlinkVisibility;
  /** Bare host (`track.example.com[:port]`) for tracking links; null or "" = PUBLIC_URL. */
  trackingDomain?: string | null;
  /** Absolute http(s) URL used when no offer fits; null or "" = the network default. */
  fallbackUrl?: string | null;
  /** Default `active`. */
  status?: SmartlinkStatus;
  /** Default `weighted`. */
  rotation?: RotationMode;
  /** Default `epc`. */
  optimizeFor?: OptimizeFor;
  /** 0..1,000,000, default 50. */
  explorationClicks?: number;
  /** At most 500 entries; default []. */
  pool?: PoolEntryInput[];
}

/** A partial update; a given `pool` replaces the whole pool. */
export type SmartlinkPatch = Partial<SmartlinkInput>;

/** A pool entry as read back, with its campaign's name. */
export interface PoolEntryView {
  campaignId: number;
  campaignName: string;
  weight: number;
  priority: number;
  countries: string[];
  devices: Device[];
}

/** A publisher's access to a smartlink, with the publisher's name. */
export interface SmartlinkPublisherView {
  publisherId: number;
  name: string;
  /** Access status (not the publisher account status). */
  status: AccessStatus;
  code: string;
  createdAt: Date;
}

/** A smartlink with its pool (insertion order) and publishers (oldest access first). */
export interface SmartlinkDetail extends Smartlink {
  pool: PoolEntryView[];
  publishers: SmartlinkPublisherView[];
}

type SmartlinkValues = Partial<typeof smartlinks.$inferInsert>;
type PoolValues = Omit<typeof poolEntries.$inferInsert, "smartlinkId">;

/** Check and normalize everything that needs no database; errors are collected, not thrown. */
function checkSmartlink(input: SmartlinkPatch, partial: boolean, errors: FieldErrors) {
  const values: SmartlinkValues = {};
  if (input.name !== undefined) values.name = checkText(errors, "name", input.name, 1, LIMITS.nameMax);
  else if (!partial) errors.add("name", MESSAGES.required);
  if (input.description !== undefined) {
    values.description = checkText(errors, "description", input.description, 0, LIMITS.descriptionMax);
  }
  if (input.tags !== undefined) values.tags = checkTags(errors, "tags", input.tags);
  if (input.visibility !== undefined) {
    values.visibility = checkEnum(errors, "visibility", input.visibility, smartlinkVisibility.enumValues);
  }
  if (input.trackingDomain !== undefined) {
    values.trackingDomain = checkHost(errors, "tracking_domain", input.trackingDomain);
  }
  if (input.fallbackUrl !== undefined) {
    values.fallbackUrl =
      input.fallbackUrl === null || input.fallbackUrl.trim() === ""
        ? null
        : checkUrl(errors, "fallback_url", input.fallbackUrl);
  }
  if (input.status !== undefined) values.status = checkEnum(errors, "status", input.status, smartlinkStatus.enumValues);
  if (input.rotation !== undefined) {
    values.rotation = checkEnum(errors, "rotation", input.rotation, rotationMode.enumValues);
  }
  if (input.optimizeFor !== undefined) {
    values.optimizeFor = checkEnum(errors, "optimize_for", input.optimizeFor, optimizeFor.enumValues);
  }
  if (input.explorationClicks !== undefined) {
    values.explorationClicks = checkInt(
      errors,
      "exploration_clicks",
      input.explorationClicks,
      0,
      LIMITS.explorationClicksMax,
    );
  }
  let pool: PoolValues[] | undefined;
  if (input.pool !== undefined) {
    if (input.pool.length > LIMITS.poolMax) errors.add("pool", MESSAGES.items(LIMITS.poolMax));
    else pool = input.pool.map((entry, i) => checkPoolEntry(entry, `pool.${i}`, errors));
  }
  return { values, pool };
}

function checkPoolEntry(entry: PoolEntryInput, at: string, errors: FieldErrors): PoolValues {
  return {
    campaignId: checkInt(errors, `${at}.campaign_id`, entry.campaignId, 1, MAX_ID) ?? 0,
    weight: entry.weight === undefined ? 100 : checkInt(errors, `${at}.weight`, entry.weight, 0, LIMITS.weightMax),
    priority:
      entry.priority === undefined ? 1 : checkInt(errors, `${at}.priority`, entry.priority, 1, LIMITS.priorityMax),
    countries: entry.countries === undefined ? [] : checkCountries(errors, `${at}.countries`, entry.countries),
    devices: entry.devices === undefined ? [] : checkDevices(errors, `${at}.devices`, entry.devices),
  };
}

/**
 * Record `pool.N.campaign_id: "not found"` for every entry naming a missing campaign. Found
 * campaigns are locked (`for key share`) until the transaction ends, so none can be deleted
 * before the pool rows are written.
 */
async function checkPoolCampaigns(tx: Db, pool: PoolValues[], errors: FieldErrors): Promise<void> {
  const ids = [...new Set(pool.map((e) => e.campaignId).filter((id) => id > 0))];
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(inArray(campaigns.id, ids))
    .for("key share");
  const known = new Set(found.map((r) => r.id));
  pool.forEach((entry, i) => {
    if (entry.campaignId > 0 && !known.has(entry.campaignId)) errors.add(`pool.${i}.campaign_id`, MESSAGES.notFound);
  });
}

async function writePool(tx: Db, smartlinkId: number, pool: PoolValues[]): Promise<void> {
  if (pool.length > 0) await tx.insert(poolEntries).values(pool.map((e) => ({ ...e, smartlinkId })));
}

/**
 * Create a smartlink and its pool in one transaction.
 * @returns the smartlink with pool (and no publishers yet)
 * @throws ValidationError on bad fields, including `pool.N.campaign_id: "not found"`
 */
export async function createSmartlink(db: Db, input: SmartlinkInput): Promise<SmartlinkDetail> {
  const errors = new FieldErrors();
  const { values, pool } = checkSmartlink(input, false, errors);
  return db.transaction(async (tx) => {
    if (pool) await checkPoolCampaigns(tx, pool, errors);
    errors.throwIfAny();
    const [row] = await tx
      .insert(smartlinks)
      .values(values as typeof smartlinks.$inferInsert)
      .returning({ id: smartlinks.id });
    await writePool(tx, row!.id, pool ?? []);
    return getSmartlink(tx, row!.id);
  });
}

/** Every smartlink (without pool and publishers), oldest first. */
export async function listSmartlinks(db: Db): Promise<Smartlink[]> {
  return db.select().from(smartlinks).orderBy(asc(smartlinks.id));
}

/**
 * One smartlink with its pool and publishers.
 * @throws NotFoundError when `id` does not exist
 */
export async function getSmartlink(db: Db, id: number): Promise<SmartlinkDetail> {
  const [row] = await db.select().from(smartlinks).where(eq(smartlinks.id, id));
  if (!row) throw new NotFoundError("smartlink", id);
  const pool = await db
    .select({
      campaignId: poolEntries.campaignId,
      campaignName: campaigns.name,
      weight: poolEntries.weight,
      priority: poolEntries.priority,
      countries: poolEntries.countries,
      devices: poolEntries.devices,
    })
    .from(poolEntries)
    .innerJoin(campaigns, eq(campaigns.id, poolEntries.campaignId))
    .where(eq(poolEntries.smartlinkId, id))
    .orderBy(asc(poolEntries.id));
  const access = await db
    .select({
      publisherId: smartlinkPublishers.publisherId,
      name: publishers.name,
      status: smartlinkPublishers.status,
      code: smartlinkPublishers.code,
      createdAt: smartlinkPublishers.createdAt,
    })
    .from(smartlinkPublishers)
    .innerJoin(publishers, eq(publishers.id, smartlinkPublishers.publisherId))
    .where(eq(smartlinkPublishers.smartlinkId, id))
    .orderBy(asc(smartlinkPublishers.id));
  return { ...row, pool: pool.map((e) => ({ ...e, devices: e.devices as Device[] })), publishers: access };
}

/**
 * Change the given fields of smartlink `id`; a given `pool` replaces the whole pool. One
 * transaction: on any error nothing changes.
 * @throws NotFoundError, ValidationError
 */
export async function updateSmartlink(db: Db, id: number, patch: SmartlinkPatch): Promise<SmartlinkDetail> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: smartlinks.id }).from(smartlinks).where(eq(smartlinks.id, id)).for("update");
    if (!existing) throw new NotFoundError("smartlink", id);
    const errors = new FieldErrors();
    const { values, pool } = checkSmartlink(patch, true, errors);
    if (pool) await checkPoolCampaigns(tx, pool, errors);
    errors.throwIfAny();
    await tx
      .update(smartlinks)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(smartlinks.id, id));
    if (pool) {
      await tx.delete(poolEntries).where(eq(poolEntries.smartlinkId, id));
      await writePool(tx, id, pool);
    }
    return getSmartlink(tx, id);
  });
}

/**
 * Delete smartlink `id`; its pool entries and publisher access go with it (cascade). Clicks stay.
 * @throws NotFoundError when it does not exist
 */
export async function deleteSmartlink(db: Db, id: number): Promise<void> {
  const rows = await db.delete(smartlinks).where(eq(smartlinks.id, id)).returning({ id: smartlinks.id });
  if (rows.length === 0) throw new NotFoundError("smartlink", id);
}

/**
 * Approve publisher `publisherId` on smartlink `smartlinkId` (an admin adding it directly).
 * Upsert: a new access row gets a fresh link code; an existing one (pending, declined or
 * approved) becomes approved and keeps its code; `decided_at` is set unless it was approved.
 * @returns the access row, whether it was created (false when it already existed), and the
 *   smartlink's tracking domain (to build the tracking URL)
 * @throws NotFoundError for an unknown smartlink
 * @throws ValidationError `{publisher_id: "not found"}` for an unknown publisher
 */
export async function grantAccess(
  db: Db,
  smartlinkId: number,
  publisherId: number,
): Promise<{ access: SmartlinkPublisher; created: boolean; trackingDomain: string | null }> {
  const [link] = await db
    .select({ trackingDomain: smartlinks.trackingDomain })
    .from(smartlinks)
    .where(eq(smartlinks.id, smartlinkId));
  if (!link) throw new NotFoundError("smartlink", smartlinkId);
  const [publisher] = await db.select({ id: publishers.id }).from(publishers).where(eq(publishers.id, publisherId));
  if (!publisher) throw new ValidationError({ publisher_id: MESSAGES.notFound });

  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db
        .insert(smartlinkPublishers)
        .values({ smartlinkId, publisherId, status: "approved", code: newLinkCode(), decidedAt: sql`now()` })
        .onConflictDoUpdate({
          target: [smartlinkPublishers.smartlinkId, smartlinkPublishers.publisherId],
          set: {
            status: "approved",
            decidedAt: sql`case when ${smartlinkPublishers.status} = 'approved' then ${smartlinkPublishers.decidedAt} else now() end`,
            updatedAt: sql`now()`,
          },
        })
        // xmax = 0 only on a freshly inserted row (a Postgres idiom for "inserted, not updated").
        .returning({ ...getTableColumns(smartlinkPublishers), inserted: sql<boolean>`(xmax = 0)` });
      const { inserted, ...access } = row!;
      return { access, created: inserted, trackingDomain: link.trackingDomain };
    } catch (err) {
      // The random code collided with another access row's code: draw again.
      if (pgErrorCode(err) === "23505" && attempt < 5) continue;
      throw err;
    }
  }
}
