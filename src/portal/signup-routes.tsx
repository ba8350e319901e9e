/**
 * GET/POST /signup: publisher self sign-up, and sign-up from an admin's invite link (public; the
 * same-origin check of `portalAuth` applies to the POST).
 *
 * Self sign-up never reveals whether an e-mail is registered: a new e-mail and a taken one both
 * get 303 to `/login?notice=signed_up` (the notice says so honestly), after the same password
 * hashing; the new account is not signed in automatically, since that alone would tell the two
 * apart. After signing in, /publisher says when the account still awaits activation.
 * An invite (a secret token) signs its new account in at once and lands on /publisher.
 *
 * - `GET /signup`: the sign-up form. `GET /signup?invite=<token>`: the invite form for that
 *   publisher (see `publisher-invites.ts`); an unknown, used or expired invite answers 404 with
 *   a message instead of the form.
 * - `POST /signup` with `name`, `email`, `password`: a new publisher and its user, or nothing
 *   when the e-mail is taken; 303 to the sign-in page either way (422 with the form on bad
 *   fields). With `invite`, `name`, `password` (`email` ignored): the invited
 *   publisher's user; 422 on bad fields, 410 Gone when the invite stopped working (unknown, used
 *   or expired: typically used or expired since the form was shown), 409 when the publisher
 *   or its e-mail already has a sign-in.
 * - Both POSTs count against the per-client-address limit (SIGNUP_LIMIT_PER_HOUR; 429), and
 *   answer 503 + `Retry-After` when the password hashing queue is full.
 */
import { Elysia, t } from "elysia";
import { html, Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { SESSION_COOKIE, createSession, generateSessionToken, sessionCookie } from "../auth/session";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { acceptInvite, findInvite } from "../publishers/publisher-invites";
import { PASSWORD_MAX, PASSWORD_MIN, signUpPublisher } from "../publishers/sign-up-publisher";
import { SignupPage } from "../../views/publisher/signup-page";
import { InviteSignupPage } from "../../views/publisher/invite-signup-page";
import { portalAuth } from "./portal-auth";
import { clientAddress } from "./client-address";
import { createWindowLimiter } from "../auth/window-limiter";
import { HASHING_RETRY_AFTER_SECONDS, PasswordHashingBusyError } from "../auth/password-hashing";

const INVITE_UNUSABLE =
  "This invite link does not work: it is unknown, was already used, or has expired. Ask your network admin for a new one.";
const ALREADY_SIGNED_UP = "This publisher already has a portal sign-in. Sign in instead, or ask your network admin.";
const TOO_MANY = "Too many sign-ups from your network. Try again in an hour.";
const BUSY = "The server is busy. Try again in a few seconds.";

/**
 * Every field optional here: a missing one is reported by the services next to its field on
 * the form shown again (never as a schema error page).
 */
const signupBody = t.Object({
  name: t.Optional(t.String({ maxLength: 1000 })),
  /** Required without `invite`; ignored with it. */
  email: t.Optional(t.String({ maxLength: 1000 })),
  password: t.Optional(t.String({ maxLength: PASSWORD_MAX })),
  invite: t.Optional(t.String({ maxLength: 1000 })),
});

/** The new user's id (sign in), a redirect to the sign-in page, or the page (and status) to answer. */
type Outcome = { userId: number } | { location: string } | { status: number; page: JSX.Element };

/** Where self sign-up goes, whether or not the e-mail was free. */
const AFTER_SIGN_UP = "/login?notice=signed_up";

/** The public sign-up form and its POST. */
export function signupRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const limiter = createWindowLimiter(deps.config.signupLimitPerHour, 60 * 60 * 1000);

  /** Self sign-up: a new publisher with its first user. */
  async function signUp(body: typeof signupBody.static, tooMany: boolean): Promise<Outcome> {
    const { name = "", email = "", password = "" } = body;
    const page = (errors: Record<string, string>) => (
      <SignupPage name={name} email={email} errors={errors} passwordMin={PASSWORD_MIN} />
    );
    if (tooMany) return { status: 429, page: page({ email: TOO_MANY }) };
    try {
      await signUpPublisher(db, { name, email, password });
      return { location: AFTER_SIGN_UP };
    } catch (err) {
      if (err instanceof PasswordHashingBusyError) return { status: 503, page: page({ email: BUSY }) };
      if (!(err instanceof ValidationError)) throw err;
      return { status: 422, page: page(err.errors) };
    }
  }

  /** Invite sign-up: the first user of the publisher the invite names. */
  async function acceptFromForm(token: string, body: typeof signupBody.static, tooMany: boolean): Promise<Outcome> {
    const problem = (status: number, text: string) => ({
      status,
      page: <InviteSignupPage problem={text} passwordMin={PASSWORD_MIN} />,
    });
    // Checked before the lookup, so past the limit nothing tells a live token from a dead one.
    if (tooMany) return problem(429, TOO_MANY);
    const found = await findInvite(db, token);
    if (!found) return problem(410, INVITE_UNUSABLE);
    const form = (errors: Record<string, string>, status = 422) => ({
      status,
      page: (
        <InviteSignupPage token={token} publisher={found.publisher} name={body.name ?? ""} errors={errors} passwordMin={PASSWORD_MIN} />
      ),
    });
    try {
      return { userId: (await acceptInvite(db, token, { name: body.name ?? "", password: body.password ?? "" })).id };
    } catch (err) {
      if (err instanceof ValidationError) return form(err.errors);
      if (err instanceof NotFoundError) return problem(410, INVITE_UNUSABLE);
      if (err instanceof ConflictError) return problem(409, ALREADY_SIGNED_UP);
      if (err instanceof PasswordHashingBusyError) return form({ password: BUSY }, 503);
      throw err;
    }
  }

  return new Elysia({ name: "signup" })
    .use(html())
    .use(portalAuth(deps))
    .get(
      "/signup",
      async ({ auth, query, redirect, set }) => {
        if (auth) return redirect(auth.user.role === "admin" ? "/admin" : "/publisher", 303);
        if (query.invite === undefined) return <SignupPage passwordMin={PASSWORD_MIN} />;
        const found = await findInvite(db, query.invite);
        if (!found) {
          set.status = 404;
          return <InviteSignupPage problem={INVITE_UNUSABLE} passwordMin={PASSWORD_MIN} />;
        }
        return <InviteSignupPage token={query.invite} publisher={found.publisher} passwordMin={PASSWORD_MIN} />;
      },
      { query: t.Object({ invite: t.Optional(t.String({ maxLength: 1000 })) }) },
    )
    .post(
      "/signup",
      async ({ body, cookie, set, redirect, request, server }) => {
        const tooMany = !limiter.tryAcquire(clientAddress(deps, request, server));
        const outcome = body.invite === undefined ? await signUp(body, tooMany) : await acceptFromForm(body.invite, body, tooMany);
        if ("page" in outcome) {
          set.status = outcome.status;
          if (outcome.status === 503) set.headers["retry-after"] = String(HASHING_RETRY_AFTER_SECONDS);
          return outcome.page;
        }
        if ("location" in outcome) return redirect(outcome.location, 303);
        const token = generateSessionToken();
        const session = await createSession(db, token, outcome.userId);
        cookie[SESSION_COOKIE]!.set(sessionCookie(token, session.expiresAt));
        return redirect("/publisher", 303);
      },
      { body: signupBody },
    );
}
