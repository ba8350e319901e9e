/**
 * GET/POST /signup: publisher self sign-up (public; the same-origin check of `portalAuth`
 * applies to the POST). A new account is signed in at once and lands on /publisher, which says
 * when the account still awaits the network admin's activation.
 */
import { Elysia, t } from "elysia";
import { html, Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { SESSION_COOKIE, createSession, generateSessionToken, sessionCookie } from "../auth/session";
import { ValidationError } from "../errors";
import { PASSWORD_MAX, PASSWORD_MIN, signUpPublisher } from "../publishers/sign-up-publisher";
import { SignupPage } from "../../views/publisher/signup-page";
import { portalAuth } from "./portal-auth";
import { clientAddress } from "./client-address";
import { createWindowLimiter } from "../auth/window-limiter";

/** The public sign-up form and its POST. */
export function signupRoutes(deps: AppDeps) {
  const limiter = createWindowLimiter(deps.config.signupLimitPerHour, 60 * 60 * 1000);
  return new Elysia({ name: "signup" })
    .use(html())
    .use(portalAuth(deps))
    .get("/signup", ({ auth, redirect }) =>
      auth ? redirect(auth.user.role === "admin" ? "/admin" : "/publisher", 303) : <SignupPage passwordMin={PASSWORD_MIN} />,
    )
    .post(
      "/signup",
      async ({ body, cookie, set, redirect, request, server }) => {
        if (!limiter.tryAcquire(clientAddress(deps, request, server))) {
          set.status = 429;
          const errors = { email: "Too many sign-ups from your network. Try again in an hour." };
          return <SignupPage name={body.name} email={body.email} errors={errors} passwordMin={PASSWORD_MIN} />;
        }
        let userId: number;
        try {
          userId = (await signUpPublisher(deps.database.db, body)).user.id;
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          set.status = 422;
          return <SignupPage name={body.name} email={body.email} errors={err.errors} passwordMin={PASSWORD_MIN} />;
        }
        const token = generateSessionToken();
        const session = await createSession(deps.database.db, token, userId);
        cookie[SESSION_COOKIE]!.set(sessionCookie(token, session.expiresAt));
        return redirect("/publisher", 303);
      },
      {
        body: t.Object({
          name: t.String({ maxLength: 1000 }),
          email: t.String({ maxLength: 1000 }),
          password: t.String({ maxLength: PASSWORD_MAX }),
        }),
      },
    );
}
