/**
 * The publisher's view of smartlinks (Offers -> Smartlinks): which ones a publisher may see, and
 * what it may know about them.
 *
 * Visible to a publisher: active `public` and `ask` smartlinks, plus every smartlink it has an
 * access row on (a `private` one an admin added it to, or one paused after it joined). Anything
 * else is reported as missing, so a private smartlink's existence never leaks.
 * Offers are the pool entries whose campaign is active (the ones a click can reach).
 */
import { and, asc, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, poolEntries, smartlinkPublishers, smartlinks } from "../db/schema";
import type { AccessStatus, RotationMode, SmartlinkStatus, SmartlinkVisibility } from "./smartlink-service";

/** One marketplace card. */
export interface MarketplaceSmartlink {
  id: number;
  name: string;
  description: string;
  visibility: SmartlinkVisibility;
  status: SmartlinkStatus;
  rotation: RotationMode;
  /** Pool entries with an active campaign. */
  offerCount: number;
  /** This publisher's access, or null when it never applied. */
  access: AccessStatus | null;
}

/** One offer of a smartlink's pool as a publisher sees it. Empty lists mean "any". */
export interface MarketplaceOffer {
  name: string;
  /** Decimal string, e.g. "1.50". */
  payout: string;
  countries: string[];
  devices: string[];
}

/** A smartlink's detail page. */
export interface MarketplaceSmartlinkDetail extends MarketplaceSmartlink {
  trackingDomain: string | null;
  /** The permanent link code; only once access is approved. */
  code: string | null;
  offers: MarketplaceOffer[];
}

const activeOffers = sql<number>`(
  select count(*)::int from ${poolEntries}
  join ${campaigns} on ${campaigns.id} = ${poolEntries.campaignId}
  where ${poolEntries.smartlinkId} = ${smartlinks.id} and ${campaigns.status} = 'active'
)`;

function visibleTo(publisherId: number) {
  const query = (db: Db) =>
    db
      .select({
        id: smartlinks.id,
        name: smartlinks.name,
        description: smartlinks.description,
        visibility: smartlinks.visibility,
        status: smartlinks.status,
        rotation: smartlinks.rotation,
        offerCount: activeOffers,
        access: smartlinkPublishers.status,
        trackingDomain: smartlinks.trackingDomain,
        code: smartlinkPublishers.code,
      })
      .from(smartlinks)
      .leftJoin(
        smartlinkPublishers,
        and(eq(smartlinkPublishers.smartlinkId, smartlinks.id), eq(smartlinkPublishers.publisherId, publisherId)),
      );
  const where = or(
    and(ne(smartlinks.visibility, "private"), eq(smartlinks.status, "active")),
    isNotNull(smartlinkPublishers.id),
  );
  return { query, where };
}

/** The smartlinks publisher `publisherId` may see, by name. */
export async function listMarketplace(db: Db, publisherId: number): Promise<MarketplaceSmartlink[]> {
  const { query, where } = visibleTo(publisherId);
  const rows = await query(db).where(where).orderBy(asc(smartlinks.name), asc(smartlinks.id));
  return rows.map(({ trackingDomain: _domain, code: _code, ...card }) => card);
}

/**
 * One smartlink with its offers, as publisher `publisherId` may see it.
 * @returns null when it does not exist or is not visible to this publisher
 */
export async function getMarketplaceSmartlink(
  db: Db,
  smartlinkId: number,
  publisherId: number,
): Promise<MarketplaceSmartlinkDetail | null> {
  const { query, where } = visibleTo(publisherId);
  const [row] = await query(db).where(and(eq(smartlinks.id, smartlinkId), where));
  if (!row) return null;
  const offers = await db
    .select({
      name: campaigns.name,
      payout: campaigns.payout,
      countries: poolEntries.countries,
      devices: poolEntries.devices,
    })
    .from(poolEntries)
    .innerJoin(campaigns, eq(campaigns.id, poolEntries.campaignId))
    .where(and(eq(poolEntries.smartlinkId, smartlinkId), eq(campaigns.status, "active")))
    .orderBy(asc(poolEntries.priority), asc(poolEntries.id));
  return { ...row, code: row.access === "approved" ? row.code : null, offers };
}
