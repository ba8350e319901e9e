/**
 * Admin publishers page:
 * - GET  /admin/publishers                      list and the New publisher form
 * - POST /admin/publishers                      create; 303 to the list, or the page again with 422
 * - POST /admin/publishers/:id/activate|suspend in place; htmx: the new row, else 303
 * - POST /admin/publishers/:id/invite           a new invite link (`publisher-invites.ts`), shown
 *   once in the row: htmx: the row, else the whole page (no redirect: the link exists only in
 *   this answer; `Cache-Control: no-store`). A publisher that has a sign-in gets the row with
 *   the reason (409 without htmx; 200 with htmx, which swaps only 2xx answers).
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { ConflictError } from "../../errors";
import { createInvite, hasSignIn, publisherIdsWithSignIn } from "../../publishers/publisher-invites";
import {
  createPublisher,
  getPublisher,
  listPublishers,
  updatePublisher,
  type PublisherStatus,
} from "../../publishers/publisher-service";
import type { Viewer } from "../../../views/layouts/page";
import type { InviteLinkResult } from "../../../views/admin/publishers/invite-link";
import { PublisherRow } from "../../../views/admin/publishers/publisher-row";
import { PublishersPage, type PublishersPageProps } from "../../../views/admin/publishers/publishers-page";
import { isHtmx, portalSection } from "../portal-section";
import { idParam, orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";

const LIST = "/admin/publishers";
const EMPTY_FORM = { values: { name: "", email: "" } };

/** The publishers page set (see the module comment), admin only. */
export function publisherRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const page = async (viewer: Viewer, rest: Omit<PublishersPageProps, "viewer" | "publishers" | "withSignIn">) => {
    const [publishers, withSignIn] = await Promise.all([listPublishers(db), publisherIdsWithSignIn(db)]);
    return <PublishersPage viewer={viewer} publishers={publishers} withSignIn={withSignIn} {...rest} />;
  };

  /**
   * A new invite for publisher `id` as the row shows it: the link, or the conflict's message.
   * @throws NotFoundError when the publisher does not exist
   */
  const inviteFor = async (id: number): Promise<{ result: InviteLinkResult; conflict: boolean }> => {
    try {
      const { token, expiresAt } = await createInvite(db, id);
      return { result: { link: `${deps.publicUrl()}/signup?invite=${token}`, expiresAt }, conflict: false };
    } catch (err) {
      if (err instanceof ConflictError) return { result: { error: err.message }, conflict: true };
      throw err;
    }
  };

  return portalSection(deps, "admin")
    .get(
      LIST,
      async ({ viewer, query }) =>
        page(viewer, { form: EMPTY_FORM, notice: query.notice === "created" ? "Publisher created." : undefined }),
      { query: t.Object({ notice: t.Optional(t.String()) }) },
    )
    .post(
      LIST,
      async ({ viewer, body, set, redirect }) => {
        const values = { name: body.name ?? "", email: body.email ?? "" };
        const result = await submitForm(() => createPublisher(db, values));
        if (result.ok) return redirect(`${LIST}?notice=created`, 303);
        set.status = 422;
        return page(viewer, { form: { values, errors: result.errors } });
      },
      { body: t.Object({ _csrf: t.Optional(t.String()), name: t.Optional(t.String()), email: t.Optional(t.String()) }) },
    )
    .post(
      `${LIST}/:id/invite`,
      async ({ viewer, params, request, set }) => {
        const made = await orNotFound(viewer, "publisher", LIST, () => inviteFor(params.id));
        if (made instanceof Response) return made;
        // The link exists only in this answer. Never cache it.
        set.headers["cache-control"] = "no-store";
        if (isHtmx(request)) {
          const [publisher, signIn] = await Promise.all([getPublisher(db, params.id), hasSignIn(db, params.id)]);
          return <PublisherRow publisher={publisher} hasSignIn={signIn} csrfToken={viewer.csrfToken} invite={made.result} />;
        }
        if (made.conflict) set.status = 409;
        return page(viewer, { form: EMPTY_FORM, invite: { publisherId: params.id, result: made.result } });
      },
      { params: t.Object({ id: idParam() }) },
    )
    .post(
      `${LIST}/:id/:action`,
      async ({ viewer, params, request }) => {
        const status: PublisherStatus = params.action === "activate" ? "active" : "suspended";
        const publisher = await orNotFound(viewer, "publisher", LIST, () => updatePublisher(db, params.id, { status }));
        if (publisher instanceof Response) return publisher;
        const row = <PublisherRow publisher={publisher} hasSignIn={await hasSignIn(db, publisher.id)} csrfToken={viewer.csrfToken} />;
        return rowOrRedirect(request, row, LIST);
      },
      {
        params: t.Object({
          id: idParam(),
          action: t.Union([t.Literal("activate"), t.Literal("suspend")]),
        }),
      },
    );
}
