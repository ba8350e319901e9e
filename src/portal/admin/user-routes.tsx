/**
 * Admin users page:
 * - GET  /admin/users                 every portal user (admins and publishers)
 * - POST /admin/users/:id/reset-link  a new one-time password reset link
 *   (`src/auth/password-resets.ts`), shown once in the row: htmx: the row, else the whole page
 *   (no redirect: the link exists only in this answer; `Cache-Control: no-store`). 404 for an
 *   unknown user.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { findListedUser, listUsers } from "../../auth/list-users";
import { createPasswordReset } from "../../auth/password-resets";
import { NotFoundError } from "../../errors";
import { UserRow } from "../../../views/admin/users/user-row";
import { UsersPage } from "../../../views/admin/users/users-page";
import { isHtmx, portalSection } from "../portal-section";
import { idParam, orNotFound } from "./catalog-helpers";
import { t } from "elysia";

const LIST = "/admin/users";

/** The users page set (see the module comment), admin only. */
export function userRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin")
    .get(LIST, async ({ viewer }) => <UsersPage viewer={viewer} users={await listUsers(db)} />)
    .post(
      `${LIST}/:id/reset-link`,
      async ({ viewer, params, request, set }) => {
        const made = await orNotFound(viewer, "user", LIST, async () => {
          const user = await findListedUser(db, params.id);
          if (!user) throw new NotFoundError("user", params.id);
          const { token, expiresAt } = await createPasswordReset(db, user.id);
          return { user, link: `${deps.publicUrl()}/reset-password?token=${token}`, expiresAt };
        });
        if (made instanceof Response) return made;
        // The link exists only in this answer. Never cache it.
        set.headers["cache-control"] = "no-store";
        if (isHtmx(request)) return <UserRow user={made.user} csrfToken={viewer.csrfToken} resetLink={made} />;
        return <UsersPage viewer={viewer} users={await listUsers(db)} reset={{ userId: made.user.id, ...made }} />;
      },
      { params: t.Object({ id: idParam() }) },
    );
}
