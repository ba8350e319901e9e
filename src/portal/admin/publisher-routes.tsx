/**
 * Admin publishers page:
 * - GET  /admin/publishers                      list and the New publisher form
 * - POST /admin/publishers                      create; 303 to the list, or the page again with 422
 * - POST /admin/publishers/:id/activate|suspend in place; htmx: the new row, else 303
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { createPublisher, listPublishers, updatePublisher, type PublisherStatus } from "../../publishers/publisher-service";
import { PublisherRow } from "../../../views/admin/publishers/publisher-row";
import { PublishersPage } from "../../../views/admin/publishers/publishers-page";
import { portalSection } from "../portal-section";
import { idParam, orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";

const LIST = "/admin/publishers";
const EMPTY_FORM = { values: { name: "", email: "" } };

/** The publishers page set (see the module comment), admin only. */
export function publisherRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin")
    .get(
      LIST,
      async ({ viewer, query }) => (
        <PublishersPage
          viewer={viewer}
          publishers={await listPublishers(db)}
          form={EMPTY_FORM}
          notice={query.notice === "created" ? "Publisher created." : undefined}
        />
      ),
      { query: t.Object({ notice: t.Optional(t.String()) }) },
    )
    .post(
      LIST,
      async ({ viewer, body, set, redirect }) => {
        const values = { name: body.name ?? "", email: body.email ?? "" };
        const result = await submitForm(() => createPublisher(db, values));
        if (result.ok) return redirect(`${LIST}?notice=created`, 303);
        set.status = 422;
        return <PublishersPage viewer={viewer} publishers={await listPublishers(db)} form={{ values, errors: result.errors }} />;
      },
      { body: t.Object({ _csrf: t.Optional(t.String()), name: t.Optional(t.String()), email: t.Optional(t.String()) }) },
    )
    .post(
      `${LIST}/:id/:action`,
      async ({ viewer, params, request }) => {
        const status: PublisherStatus = params.action === "activate" ? "active" : "suspended";
        const publisher = await orNotFound(viewer, "publisher", LIST, () => updatePublisher(db, params.id, { status }));
        if (publisher instanceof Response) return publisher;
        return rowOrRedirect(request, <PublisherRow publisher={publisher} csrfToken={viewer.csrfToken} />, LIST);
      },
      {
        params: t.Object({
          id: idParam(),
          action: t.Union([t.Literal("activate"), t.Literal("suspend")]),
        }),
      },
    );
}
