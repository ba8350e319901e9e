/**
 * Public password reset with a one-time link from an admin (`src/auth/password-resets.ts`):
 * - GET  /reset-password?token=...  the form; 404 with a message when the link does not work
 * - POST /reset-password            `token`, `password`: sets it, signs the user out everywhere,
 *   303 to `/login?notice=password_reset`; 422 on a bad password (the link stays usable), 410
 *   when the link stopped working, 503 + `Retry-After` when password hashing is busy.
 * The POST must come from this site (`isSameOrigin`); it needs no session, so no CSRF token: the
 * link's token is the secret. Answers are `no-store` (the token is in the URL and the form).
 */
import { Elysia, t } from "elysia";
import { html, Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { HASHING_RETRY_AFTER_SECONDS, PasswordHashingBusyError } from "../auth/password-hashing";
import { findPasswordReset, resetPassword } from "../auth/password-resets";
import { NotFoundError, ValidationError } from "../errors";
import { PASSWORD_MAX, PASSWORD_MIN } from "../publishers/sign-up-publisher";
import { ResetPasswordPage } from "../../views/reset-password-page";
import { isSameOrigin } from "./portal-auth";
import { forbiddenPage } from "./forbidden-page";

const LINK_UNUSABLE =
  "This password reset link does not work: it is unknown, was already used, or has expired. Ask your network admin for a new one.";

export function resetPasswordRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return new Elysia({ name: "reset-password" })
    .use(html())
    .onBeforeHandle(({ request }) => {
      if (request.method === "POST" && !isSameOrigin(request)) return forbiddenPage("This request did not come from this site.");
    })
    .onAfterHandle(({ set }) => {
      set.headers["cache-control"] = "no-store";
    })
    .get(
      "/reset-password",
      async ({ query, set }) => {
        const found = query.token ? await findPasswordReset(db, query.token) : null;
        if (!found) {
          set.status = 404;
          return <ResetPasswordPage problem={LINK_UNUSABLE} passwordMin={PASSWORD_MIN} />;
        }
        return <ResetPasswordPage token={query.token} email={found.user.email} passwordMin={PASSWORD_MIN} />;
      },
      { query: t.Object({ token: t.Optional(t.String({ maxLength: 200 })) }) },
    )
    .post(
      "/reset-password",
      async ({ body, set, redirect }) => {
        const unusable = () => {
          set.status = 410;
          return <ResetPasswordPage problem={LINK_UNUSABLE} passwordMin={PASSWORD_MIN} />;
        };
        const found = await findPasswordReset(db, body.token);
        if (!found) return unusable();
        const form = (status: number, errors: Record<string, string>) => {
          set.status = status;
          return <ResetPasswordPage token={body.token} email={found.user.email} errors={errors} passwordMin={PASSWORD_MIN} />;
        };
        try {
          await resetPassword(db, body.token, body.password);
          return redirect("/login?notice=password_reset", 303);
        } catch (err) {
          if (err instanceof NotFoundError) return unusable();
          if (err instanceof ValidationError) return form(422, err.errors);
          if (err instanceof PasswordHashingBusyError) {
            set.headers["retry-after"] = String(HASHING_RETRY_AFTER_SECONDS);
            return form(503, { password: "could not be set: the server is busy. Try again in a few seconds" });
          }
          throw err;
        }
      },
      { body: t.Object({ token: t.String({ maxLength: 200 }), password: t.String({ maxLength: PASSWORD_MAX }), email: t.Optional(t.String()) }) },
    );
}
