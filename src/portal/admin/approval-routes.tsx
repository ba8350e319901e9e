/**
 * The approvals queue: GET /admin/approvals, and POST
 * /admin/approvals/:smartlinkId/:publisherId/(approve|decline), answered in place for htmx (the
 * decided row) or with a redirect back to the queue. `decideAccess` creates the link, records
 * campaign access and notifies the publisher.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { parseId } from "../../api/params";
import { NotFoundError, ValidationError } from "../../errors";
import { decideAccess } from "../../smartlinks/access-service";
import { getSmartlink } from "../../smartlinks/smartlink-service";
import { listPendingApplications } from "../../smartlinks/pending-applications";
import { trackingUrl } from "../../links/tracking-url";
import { portalSection } from "../portal-section";
import { orNotFound, rowOrRedirect } from "./catalog-helpers";
import type { Viewer } from "../../../views/layouts/page";
import { ApprovalsPage } from "../../../views/admin/approvals/approvals-page";
import { ApplicationRow } from "../../../views/admin/approvals/application-row";

const QUEUE = "/admin/approvals";

/** The approvals routes (admin only). */
export function approvalRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const decide = (
    viewer: Viewer,
    params: { smartlinkId: string; publisherId: string },
    request: Request,
    decision: "approved" | "declined",
  ) =>
    orNotFound(viewer, "application", QUEUE, async () => {
      const smartlinkId = parseId(params.smartlinkId, "smartlink");
      const publisherId = parseId(params.publisherId, "publisher");
      const access = await decideAccess(db, smartlinkId, publisherId, decision).catch((err) => {
        // An unknown publisher in the path is a missing page, like an unknown smartlink.
        throw err instanceof ValidationError ? new NotFoundError("publisher", publisherId) : err;
      });
      const smartlink = await getSmartlink(db, smartlinkId);
      const publisher = smartlink.publishers.find((p) => p.publisherId === publisherId)!;
      return rowOrRedirect(
        request,
        <ApplicationRow
          smartlinkId={smartlinkId}
          smartlinkName={smartlink.name}
          publisherId={publisherId}
          publisherName={publisher.name}
          appliedAt={publisher.createdAt}
          decision={{ status: decision, trackingUrl: trackingUrl(deps.publicUrl(), smartlink.trackingDomain, access.code) }}
          csrfToken={viewer.csrfToken}
        />,
        QUEUE,
      );
    });

  return portalSection(deps, "admin")
    .get(QUEUE, async ({ viewer }) => <ApprovalsPage viewer={viewer} applications={await listPendingApplications(db)} />)
    .post(`${QUEUE}/:smartlinkId/:publisherId/approve`, ({ viewer, params, request }) =>
      decide(viewer, params, request, "approved"),
    )
    .post(`${QUEUE}/:smartlinkId/:publisherId/decline`, ({ viewer, params, request }) =>
      decide(viewer, params, request, "declined"),
    );
}
