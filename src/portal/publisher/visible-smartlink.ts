/** Loading a smartlink for the publisher portal's pages, and its tracking link. */
import type { AppDeps } from "../../app";
import { parseId } from "../../api/params";
import { NotFoundError } from "../../errors";
import { withSubIds, type SubIds } from "../../links/sub-ids";
import { trackingUrl } from "../../links/tracking-url";
import { getMarketplaceSmartlink, type MarketplaceSmartlinkDetail } from "../../smartlinks/marketplace";
import type { Publisher } from "../../db/schema";
import type { AccessPanelProps } from "../../../views/publisher/access-panel";

/**
 * The smartlink named by a path's raw id as publisher `publisherId` may see it.
 * @returns null (answer 404) for a malformed or unknown id and for smartlinks it may not see
 */
export async function visibleSmartlink(
  deps: AppDeps,
  rawId: string,
  publisherId: number,
): Promise<MarketplaceSmartlinkDetail | null> {
  let id: number;
  try {
    id = parseId(rawId, "smartlink");
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  return getMarketplaceSmartlink(deps.database.db, id, publisherId);
}

/** The publisher's tracking link with `subs` in its query, or null before approval. */
export function trackingLinkOf(deps: AppDeps, smartlink: MarketplaceSmartlinkDetail, subs: SubIds): string | null {
  if (smartlink.code === null) return null;
  return withSubIds(trackingUrl(deps.publicUrl(), smartlink.trackingDomain, smartlink.code), subs);
}

/** The access panel's props shared by every page that shows a smartlink to its publisher. */
export function accessPanelProps(
  deps: AppDeps,
  smartlink: MarketplaceSmartlinkDetail,
  publisher: Publisher,
  csrfToken: string,
  subs: SubIds,
): AccessPanelProps {
  return { smartlink, accountStatus: publisher.status, csrfToken, link: trackingLinkOf(deps, smartlink, subs), subs };
}
