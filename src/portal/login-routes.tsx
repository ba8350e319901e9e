/**
 * GET/POST /login and POST /logout for both portals. A successful sign-in starts a session
 * (cookie) and goes to `next` when it is a path of the user's own portal, else to its home.
 *
 * POST /login answers 422 (e-mail or password missing: the form again with a message), 401
 * (wrong e-mail or password), 429 + `Retry-After` (a sign-in limit,
 * `src/auth/sign-in-limits.ts`), 503 + `Retry-After` (the hashing queue is full), 403 (right
 * password, suspended publisher). `GET /login?notice=<key>` shows one of `LOGIN_NOTICES` by key;
 * any other value shows nothing.
 */
import { Elysia, t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { signIn } from "../auth/sign-in";
import { HASHING_RETRY_AFTER_SECONDS } from "../auth/password-hashing";
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
import { resetPasswordRoutes } from "./reset-password-routes";

/** Fixed sentences other pages can show on the sign-in page by redirecting to `/login?notice=<key>`. */
export const LOGIN_NOTICES: ReadonlyMap<string, string> = new Map([
  [
    "signed_up",
    "Thank you. If this e-mail address was not registered yet, your publisher account is ready: sign in with the password you chose. If it was, sign in with that account's password.",
  ],
  ["password_reset", "Your password was changed. Sign in with the new one."],
  ["signed_out_everywhere", "You were signed out on every device."],
]);

/** Whole seconds for `Retry-After`, at least 1. */
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

const homeOf = (role: "admin" | "publisher") => (role === "admin" ? "/admin" : "/publisher");

/** `next` is honoured only for a local path inside the user's own portal. */
function landingPath(role: "admin" | "publisher", next: string | undefined): string {
  const home = homeOf(role);
  if (next && /^\/[A-Za-z0-9/_-]*$/.test(next) && (next === home || next.startsWith(`${home}/`))) return next;
  return home;
}

export function loginRoutes(deps: AppDeps) {
  return new Elysia({ name: "login" })
    // Before portalAuth: the reset form needs no session (and so no CSRF token), only its link.
    .use(resetPasswordRoutes(deps))
    .use(portalAuth(deps))
    .get(
      "/login",
      ({ auth, query, redirect }) =>
        auth ? redirect(homeOf(auth.user.role), 303) : <LoginPage next={query.next} notice={LOGIN_NOTICES.get(query.notice ?? "")} />,
      { query: t.Object({ next: t.Optional(t.String()), notice: t.Optional(t.String({ maxLength: 200 })) }) },
    )
    .post(
      "/login",
      async ({ body, cookie, request, server, set, redirect }) => {
        const { email = "", password = "", next } = body;
        const page = (status: number, error: string) => {
          set.status = status;
          return <LoginPage email={email} next={next} error={error} />;
        };
        if (email === "" || password === "") return page(422, "Enter your email and password.");
        const ip = clientAddress(deps, request, server);
        const result = await signIn(deps.database.db, { email, password, ip });
        if (!result.ok) {
          switch (result.reason) {
            case "invalid":
              return page(401, "Wrong email or password.");
            case "suspended":
              return page(403, "This publisher account is suspended. Contact your network admin.");
            case "rate_limited": {
              const wait = seconds(result.retryAfterMs);
              set.headers["retry-after"] = String(wait);
              const when = wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`;
              return page(429, `Too many sign-in attempts. Try again in ${when}.`);
            }
            case "busy":
              set.headers["retry-after"] = String(HASHING_RETRY_AFTER_SECONDS);
              return page(503, "The server is busy checking other sign-ins. Try again in a few seconds.");
          }
        }
        const token = generateSessionToken();
        const session = await createSession(deps.database.db, token, result.user.id);
        cookie[SESSION_COOKIE]!.set(sessionCookie(token, session.expiresAt));
        return redirect(landingPath(result.user.role, next), 303);
      },
      {
        // Optional fields: a missing one gets the form again with a message, not a schema error.
        body: t.Object({
          email: t.Optional(t.String({ maxLength: 320 })),
          password: t.Optional(t.String({ maxLength: 1000 })),
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
