/**
 * GET/POST /setup: the first admin, from the one-time link a fresh instance prints at start
 * (see `src/setup/admin-setup.ts`). Public; the same-origin check of `portalAuth` applies to
 * the POST.
 *
 * - `GET /setup?token=<token>`: the form; 404 with a message when the link does not work.
 * - `POST /setup` with `token`, `name`, `email`, `password`: creates the admin, signs it in and
 *   goes to /admin (303); 422 with the form on bad fields; 410 when the link stopped working.
 */
import { Elysia, t } from "elysia";
import { html, Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { SESSION_COOKIE, createSession, generateSessionToken, sessionCookie } from "../auth/session";
import { NotFoundError, ValidationError } from "../errors";
import { completeAdminSetup, isUsableSetupToken } from "../setup/admin-setup";
import { PASSWORD_MAX, PASSWORD_MIN } from "../publishers/sign-up-publisher";
import { SetupPage } from "../../views/setup-page";
import { portalAuth } from "./portal-auth";

const LINK_UNUSABLE =
  "This set-up link does not work: it is unknown, was already used, or has expired, or the network already has an admin. Restart Switchboard for a new link, or sign in.";

const setupBody = t.Object({
  token: t.String({ maxLength: 200 }),
  name: t.String({ maxLength: 1000 }),
  email: t.String({ maxLength: 1000 }),
  password: t.String({ maxLength: PASSWORD_MAX }),
});

/** The set-up form and its POST. */
export function setupRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const problem = (status: number, set: { status?: number | string }) => {
    set.status = status;
    return <SetupPage problem={LINK_UNUSABLE} passwordMin={PASSWORD_MIN} />;
  };
  return new Elysia({ name: "setup" })
    .use(html())
    .use(portalAuth(deps))
    .get(
      "/setup",
      async ({ query, set }) => {
        if (query.token === undefined || !(await isUsableSetupToken(db, query.token))) return problem(404, set);
        return <SetupPage token={query.token} passwordMin={PASSWORD_MIN} />;
      },
      { query: t.Object({ token: t.Optional(t.String({ maxLength: 200 })) }) },
    )
    .post(
      "/setup",
      async ({ body, cookie, set, redirect }) => {
        let userId: number;
        try {
          userId = (await completeAdminSetup(db, body.token, body)).id;
        } catch (err) {
          if (err instanceof NotFoundError) return problem(410, set);
          if (!(err instanceof ValidationError)) throw err;
          set.status = 422;
          return (
            <SetupPage token={body.token} name={body.name} email={body.email} errors={err.errors} passwordMin={PASSWORD_MIN} />
          );
        }
        const token = generateSessionToken();
        const session = await createSession(db, token, userId);
        cookie[SESSION_COOKIE]!.set(sessionCookie(token, session.expiresAt));
        return redirect("/admin", 303);
      },
      { body: setupBody },
    );
}
