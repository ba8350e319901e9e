/**
 * The signed-in user's account, for either portal (mount once per role):
 * - GET  /<role>/account                      the page (`?notice=password_changed` by key)
 * - POST /<role>/account/password             `current_password`, `new_password`: 303 back with
 *   the notice; 422 with messages (wrong current password, new one too short or long); 429 or
 *   503 with `Retry-After` (the sign-in limits guard the current password; hashing busy)
 * - POST /<role>/account/sign-out-everywhere  ends every session of the user, this one included;
 *   303 to `/login?notice=signed_out_everywhere`
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { changePassword } from "../auth/change-password";
import { HASHING_RETRY_AFTER_SECONDS } from "../auth/password-hashing";
import { SESSION_COOKIE, invalidateUserSessions } from "../auth/session";
import { PASSWORD_MAX, PASSWORD_MIN } from "../publishers/sign-up-publisher";
import { AccountPage, type AccountPageProps } from "../../views/account/account-page";
import { clientAddress } from "./client-address";
import { portalSection } from "./portal-section";

const NOTICES: ReadonlyMap<string, string> = new Map([["password_changed", "Password changed. Your other sessions were signed out."]]);

/** The account routes of `role`'s portal. */
export function accountRoutes(deps: AppDeps, role: "admin" | "publisher") {
  const db = deps.database.db;
  const base = `/${role}/account`;
  type Extra = Pick<AccountPageProps, "notice" | "error" | "errors">;
  const page = (viewer: AccountPageProps["viewer"], email: string, extra: Extra = {}) => (
    <AccountPage viewer={viewer} email={email} base={base} passwordMin={PASSWORD_MIN} {...extra} />
  );

  return portalSection(deps, role)
    .get(base, ({ viewer, user, query }) => page(viewer, user.email, { notice: NOTICES.get(query.notice ?? "") }), {
      query: t.Object({ notice: t.Optional(t.String()) }),
    })
    .post(
      `${base}/password`,
      async ({ viewer, user, auth, body, request, server, set, redirect }) => {
        const result = await changePassword(db, user, {
          current: body.current_password,
          next: body.new_password,
          ip: clientAddress(deps, request, server),
          keepSessionId: auth!.session.id,
        });
        if (result.ok) return redirect(`${base}?notice=password_changed`, 303);
        switch (result.reason) {
          case "invalid":
            set.status = 422;
            return page(viewer, user.email, { errors: result.errors });
          case "rate_limited":
            set.status = 429;
            set.headers["retry-after"] = String(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
            return page(viewer, user.email, { error: "Too many attempts with a wrong current password. Try again later." });
          case "busy":
            set.status = 503;
            set.headers["retry-after"] = String(HASHING_RETRY_AFTER_SECONDS);
            return page(viewer, user.email, { error: "The server is busy. Try again in a few seconds." });
        }
      },
      {
        body: t.Object({
          _csrf: t.Optional(t.String()),
          current_password: t.String({ maxLength: PASSWORD_MAX }),
          new_password: t.String({ maxLength: PASSWORD_MAX }),
          username: t.Optional(t.String()),
        }),
      },
    )
    .post(`${base}/sign-out-everywhere`, async ({ user, cookie, redirect }) => {
      await invalidateUserSessions(db, user.id);
      cookie[SESSION_COOKIE]!.remove();
      return redirect("/login?notice=signed_out_everywhere", 303);
    });
}
