/**
 * Offers -> Smartlinks: the marketplace (GET /publisher/smartlinks), a smartlink's page
 * (GET /publisher/smartlinks/:id, sub-IDs in the query prefill the link builder) and applying
 * (POST /publisher/smartlinks/:id/apply; htmx gets the new access panel, a form post is
 * redirected back). Smartlinks the publisher may not see answer 404.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { ConflictError, NotFoundError } from "../../errors";
import { readSubIds } from "../../links/sub-ids";
import { applyForSmartlink } from "../../smartlinks/access-service";
import { listMarketplace } from "../../smartlinks/marketplace";
import { AccessPanel } from "../../../views/publisher/access-panel";
import { MarketplacePage } from "../../../views/publisher/marketplace-page";
import { SmartlinkPage } from "../../../views/publisher/smartlink-page";
import { isHtmx, portalSection } from "../portal-section";
import { currentPublisher } from "./current-publisher";
import { notFound } from "./not-found";
import { accessPanelProps, visibleSmartlink } from "./visible-smartlink";

/** The marketplace, smartlink page and apply routes (see the module comment), publisher only. */
export function marketplaceRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "publisher")
    .get("/publisher/smartlinks", async ({ viewer, user }) => {
      const publisher = await currentPublisher(deps, user);
      return <MarketplacePage viewer={viewer} status={publisher.status} smartlinks={await listMarketplace(db, publisher.id)} />;
    })
    .get("/publisher/smartlinks/:id", async ({ viewer, user, params, query, set }) => {
      const publisher = await currentPublisher(deps, user);
      const smartlink = await visibleSmartlink(deps, params.id, publisher.id);
      if (!smartlink) return notFound(set, viewer);
      return <SmartlinkPage viewer={viewer} {...accessPanelProps(deps, smartlink, publisher, viewer.csrfToken, readSubIds(query))} />;
    })
    .post("/publisher/smartlinks/:id/apply", async ({ viewer, user, params, request, set, redirect }) => {
      const publisher = await currentPublisher(deps, user);
      const smartlink = await visibleSmartlink(deps, params.id, publisher.id);
      if (!smartlink) return notFound(set, viewer);
      let error: string | undefined;
      try {
        await applyForSmartlink(db, smartlink.id, publisher.id);
      } catch (err) {
        if (err instanceof NotFoundError) return notFound(set, viewer); // private: only an admin adds publishers
        if (!(err instanceof ConflictError)) throw err;
        error = err.message;
      }
      if (!error && !isHtmx(request)) return redirect(`/publisher/smartlinks/${smartlink.id}`, 303);
      const current = (await visibleSmartlink(deps, params.id, publisher.id)) ?? smartlink;
      const props = { ...accessPanelProps(deps, current, publisher, viewer.csrfToken, readSubIds({})), error };
      return isHtmx(request) ? <AccessPanel {...props} /> : <SmartlinkPage viewer={viewer} {...props} />;
    });
}
