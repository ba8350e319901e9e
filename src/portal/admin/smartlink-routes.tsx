/**
 * Admin smartlink pages: the list (/admin/smartlinks), one smartlink's page with its pool shares
 * and publishers (/admin/smartlinks/:id), Pause / Un-pause and "Add publisher" in place, and
 * Delete behind a confirmation page. The builder lives in `smartlink-builder-routes.tsx`.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { parseId } from "../../api/params";
import { listPublishers } from "../../publishers/publisher-service";
import { approveAccess } from "../../smartlinks/access-service";
import { deleteSmartlink, getSmartlink, listSmartlinks, updateSmartlink, type SmartlinkDetail } from "../../smartlinks/smartlink-service";
import { poolClicksLast24h, publisherClicks, smartlinkCounters } from "../../reports/smartlink-stats";
import { trackingUrl } from "../../links/tracking-url";
import { isHtmx, portalSection } from "../portal-section";
import { orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";
import type { Viewer } from "../../../views/layouts/page";
import { SmartlinksPage } from "../../../views/admin/smartlinks/smartlinks-page";
import { SmartlinkDetailPage } from "../../../views/admin/smartlinks/detail-page";
import { StatusControl } from "../../../views/admin/smartlinks/status-control";
import { PublishersSection, type PublishersSectionProps } from "../../../views/admin/smartlinks/publishers-section";
import { DeleteSmartlinkPage } from "../../../views/admin/smartlinks/delete-page";

const LIST = "/admin/smartlinks";

/** Fixed notices a redirect can ask for (`?notice=`); nothing typed is echoed. */
const NOTICES: Record<string, string> = {
  created: "Smartlink created. Publishers can now apply for it (unless it is Private).",
  saved: "Smartlink saved. Every publisher keeps the same link; it now rotates across the new pool.",
  deleted: "Smartlink deleted. Its publishers' tracking links no longer work.",
  publisher_added: "Publisher added. Its tracking link works now.",
};

/**
 * The `publisher_id` form field as an id; anything else is 0, which names no publisher (the
 * service answers `publisher_id: not found`).
 */
function publisherIdOf(body: unknown): number {
  const raw = body && typeof body === "object" ? (body as Record<string, unknown>).publisher_id : undefined;
  return typeof raw === "string" && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : 0;
}

/** The publishers section of smartlink `smartlink`: rows with links and clicks, and candidates. */
async function publishersProps(
  deps: AppDeps,
  smartlink: SmartlinkDetail,
  csrfToken: string,
  error?: string,
): Promise<PublishersSectionProps> {
  const db = deps.database.db;
  const clicks = await publisherClicks(db, smartlink.id);
  const approved = new Set(smartlink.publishers.filter((p) => p.status === "approved").map((p) => p.publisherId));
  const candidates = (await listPublishers(db))
    .filter((p) => !approved.has(p.id))
    .map((p) => [String(p.id), p.status === "active" ? p.name : `${p.name} (${p.status})`] as const);
  return {
    smartlinkId: smartlink.id,
    rows: smartlink.publishers.map((p) => ({
      ...p,
      trackingUrl: trackingUrl(deps.publicUrl(), smartlink.trackingDomain, p.code),
      clicks: clicks.get(p.publisherId) ?? 0,
    })),
    candidates,
    csrfToken,
    error,
  };
}

/** The list, detail, status, publisher and delete routes (admin only). */
export function smartlinkRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const changeStatus = (viewer: Viewer, rawId: string, request: Request, status: "active" | "paused") =>
    orNotFound(viewer, "smartlink", LIST, async () => {
      const smartlink = await updateSmartlink(db, parseId(rawId, "smartlink"), { status });
      return rowOrRedirect(
        request,
        <StatusControl smartlinkId={smartlink.id} status={smartlink.status} csrfToken={viewer.csrfToken} />,
        `${LIST}/${smartlink.id}`,
      );
    });

  return portalSection(deps, "admin")
    .get(LIST, async ({ viewer, query }) => (
      <SmartlinksPage
        viewer={viewer}
        smartlinks={await listSmartlinks(db)}
        counters={await smartlinkCounters(db)}
        notice={NOTICES[String(query.notice)]}
      />
    ))
    .get(`${LIST}/:id`, ({ viewer, params, query }) =>
      orNotFound(viewer, "smartlink", LIST, async () => {
        const smartlink = await getSmartlink(db, parseId(params.id, "smartlink"));
        return (
          <SmartlinkDetailPage
            viewer={viewer}
            smartlink={smartlink}
            clicks={await poolClicksLast24h(db, smartlink.id)}
            publishers={await publishersProps(deps, smartlink, viewer.csrfToken)}
            publicUrl={deps.publicUrl()}
            notice={NOTICES[String(query.notice)]}
          />
        );
      }),
    )
    .post(`${LIST}/:id/pause`, ({ viewer, params, request }) => changeStatus(viewer, params.id, request, "paused"))
    .post(`${LIST}/:id/unpause`, ({ viewer, params, request }) => changeStatus(viewer, params.id, request, "active"))
    .post(`${LIST}/:id/publishers`, ({ viewer, params, body, request, set, redirect }) =>
      orNotFound(viewer, "smartlink", LIST, async () => {
        const id = parseId(params.id, "smartlink");
        const result = await submitForm(() => approveAccess(db, id, publisherIdOf(body)));
        if (result.ok && !isHtmx(request)) return redirect(`${LIST}/${id}?notice=publisher_added`, 303);
        const error = result.ok ? undefined : result.errors.publisher_id;
        if (error) set.status = 422;
        const section = await publishersProps(deps, await getSmartlink(db, id), viewer.csrfToken, error);
        return <PublishersSection {...section} />;
      }),
    )
    .get(`${LIST}/:id/delete`, ({ viewer, params }) =>
      orNotFound(viewer, "smartlink", LIST, async () => (
        <DeleteSmartlinkPage viewer={viewer} smartlink={await getSmartlink(db, parseId(params.id, "smartlink"))} />
      )),
    )
    .post(`${LIST}/:id/delete`, ({ viewer, params, redirect }) =>
      orNotFound(viewer, "smartlink", LIST, async () => {
        await deleteSmartlink(db, parseId(params.id, "smartlink"));
        return redirect(`${LIST}?notice=deleted`, 303);
      }),
    );
}
