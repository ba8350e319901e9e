/**
 * The approved publisher's tracking link: GET /publisher/smartlinks/:id/link (the sub-ID
 * builder's htmx partial: the link field with the typed sub-IDs) and POST
 * /publisher/smartlinks/:id/test-click (one test click from the publisher's browser; htmx gets
 * the result, a form post the whole page). Before approval both answer 404.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { makeTestClick } from "../../clicks/test-click";
import { readSubIds } from "../../links/sub-ids";
import { SmartlinkPage } from "../../../views/publisher/smartlink-page";
import { TestClickResult } from "../../../views/publisher/test-click-result";
import { TrackingLinkField } from "../../../views/publisher/tracking-link";
import { isHtmx, portalSection } from "../portal-section";
import { currentPublisher, publisherIdOf } from "./current-publisher";
import { notFound } from "./not-found";
import { accessPanelProps, trackingLinkOf, visibleSmartlink } from "./visible-smartlink";

/** The link builder and test click routes (see the module comment), publisher only. */
export function trackingLinkRoutes(deps: AppDeps) {
  return portalSection(deps, "publisher")
    .get("/publisher/smartlinks/:id/link", async ({ viewer, user, params, query, request, set, redirect }) => {
      const smartlink = await visibleSmartlink(deps, params.id, publisherIdOf(user));
      const link = smartlink && trackingLinkOf(deps, smartlink, readSubIds(query));
      if (!link) return notFound(set, viewer);
      if (!isHtmx(request)) return redirect(`/publisher/smartlinks/${smartlink.id}${new URL(request.url).search}`, 303);
      return <TrackingLinkField link={link} />;
    })
    .post("/publisher/smartlinks/:id/test-click", async ({ viewer, user, params, body, request, server, set }) => {
      const publisher = await currentPublisher(deps, user);
      const smartlink = await visibleSmartlink(deps, params.id, publisher.id);
      if (!smartlink?.code) return notFound(set, viewer);
      const subs = readSubIds(body && typeof body === "object" ? (body as Record<string, unknown>) : {});
      const headers = request.headers;
      const testClick = await makeTestClick(
        deps,
        smartlink.code,
        {
          socketAddress: server?.requestIP(request)?.address ?? null,
          forwardedFor: headers.get("x-forwarded-for"),
          userAgent: headers.get("user-agent"),
        },
        subs,
      );
      if (!testClick) return notFound(set, viewer);
      if (isHtmx(request)) return <TestClickResult result={testClick} />;
      return (
        <SmartlinkPage viewer={viewer} {...accessPanelProps(deps, smartlink, publisher, viewer.csrfToken, subs)} testClick={testClick} />
      );
    });
}
