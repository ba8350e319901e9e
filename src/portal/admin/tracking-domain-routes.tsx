/**
 * Admin tracking domains page:
 * - GET  /admin/tracking-domains             list and the Add form
 * - POST /admin/tracking-domains             add; 303 to the list, or the page again with 422
 * - POST /admin/tracking-domains/:id/remove  htmx: empty (the row goes away), else 303
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import {
  addTrackingDomain,
  listTrackingDomains,
  removeTrackingDomain,
} from "../../tracking-domains/tracking-domain-service";
import type { Viewer } from "../../../views/layouts/page";
import { TrackingDomainsPage } from "../../../views/admin/tracking-domains/tracking-domains-page";
import { portalSection } from "../portal-section";
import { idParam, orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";

const LIST = "/admin/tracking-domains";

/** The tracking domains page set (see the module comment), admin only. */
export function trackingDomainRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const page = async (viewer: Viewer, form: { host: string; error?: string }, notice?: string) => (
    <TrackingDomainsPage
      viewer={viewer}
      domains={await listTrackingDomains(db)}
      publicUrl={deps.publicUrl()}
      form={form}
      notice={notice}
    />
  );
  return portalSection(deps, "admin")
    .get(LIST, ({ viewer, query }) => page(viewer, { host: "" }, query.notice === "added" ? "Tracking domain added." : undefined), {
      query: t.Object({ notice: t.Optional(t.String()) }),
    })
    .post(
      LIST,
      async ({ viewer, body, set, redirect }) => {
        const host = body.host ?? "";
        const result = await submitForm(() => addTrackingDomain(db, host));
        if (result.ok) return redirect(`${LIST}?notice=added`, 303);
        set.status = 422;
        return page(viewer, { host, error: result.errors.host });
      },
      { body: t.Object({ _csrf: t.Optional(t.String()), host: t.Optional(t.String()) }) },
    )
    .post(
      `${LIST}/:id/remove`,
      async ({ viewer, params, request }) => {
        const removed = await orNotFound(viewer, "tracking domain", LIST, () => removeTrackingDomain(db, params.id));
        if (removed instanceof Response) return removed;
        return rowOrRedirect(request, "", LIST);
      },
      { params: t.Object({ id: idParam() }) },
    );
}
