/**
 * GET/POST /login and POST /logout for both portals. A successful sign-in starts a session
 * (cookie) and goes to `next` when it is a path of the user's own portal, else to its home.
 */
import { Elysia, t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { signIn } from "../auth/sign-in";
import {
  SESSION_COOKIE,
  createSession,
  generateSessionToken,
  invalidateSession,
  sessionCookie,
} from "../auth/session";
import { LoginPage } from "../../views/login-page";
import { portalAuth } from "./portal-auth";
import { clientAddress } from "./client-address";

const homeOf = (role: "admin" | "publisher") => (role === "admin" ? "/admin" : "/publisher");

/** `next` is honoured only for a local path inside the user's own portal. */
function landingPath(role: "admin" | "publisher", next: string | undefined): string {
  const home = homeOf(role);
  if (next && /^\/[A-Za-z0-9/_-]*$/.test(next) && (next === home || next.startsWith(`${home}/`))) return next;
  return home;
}

export function loginRoutes(deps: AppDeps) {
  return new Elysia({ name: "login" })
    .use(portalAuth(deps))
    .get(
      "/login",
      ({ auth, query, redirect }) =>
        auth ? redirect(homeOf(auth.user.role), 303) : <LoginPage next={query.next} notice={query.notice} />,
      { query: t.Object({ next: t.Optional(t.String()), notice: t.Optional(t.String({ maxLength: 200 })) }) },
    )
    .post(
      "/login",
      async ({ body, cookie, request, server, set, redirect }) => {
        const ip = clientAddress(deps, request, server);
        const result = await signIn(deps.database.db, { email: body.email, password: body.password, ip });
        if (!result.ok) {
          set.status = result.reason === "rate_limited" ? 429 : 401;
          const error =
            result.reason === "rate_limited"
              ? "Too many failed attempts. Wait 15 minutes and try again."
              : "Wrong email or password.";
          return <LoginPage email={body.email} next={body.next} error={error} />;
        }
        const token = generateSessionToken();
        const session = await createSession(deps.database.db, token, result.user.id);
        cookie[SESSION_COOKIE]!.set(sessionCookie(token, session.expiresAt));
        return redirect(landingPath(result.user.role, body.next), 303);
      },
      {
        body: t.Object({
          email: t.String({ maxLength: 320 }),
          password: t.String({ maxLength: 1000 }),
          next: t.Optional(t.String()),
        }),
      },
    )
    .post("/logout", async ({ auth, cookie, redirect }) => {
      if (auth) await invalidateSession(deps.database.db, auth.session.id);
      cookie[SESSION_COOKIE]!.remove();
      return redirect("/login", 303);
    });
}
