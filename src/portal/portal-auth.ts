/**
 * Session, CSRF and role checks shared by the admin and publisher portals.
 *
 * - `auth`: the signed-in session and user (from the `sb_session` cookie), or null.
 * - CSRF: every state-changing request (not GET/HEAD) must come from our own origin (the
 *   `Origin` header, or `Referer` when a browser leaves Origin out, must match the `Host`) and,
 *   when signed in, carry the session's token in the `X-CSRF-Token` header (htmx sends it from
 *   the body's `hx-headers`) or the `_csrf` form field. Failures answer 403.
 * - `requireRole(role)`: anonymous visitors go to /login (htmx: `HX-Redirect`), a signed-in
 *   user of another role gets 403.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";
import { SESSION_COOKIE, sessionCookie, validateSessionToken, type SessionWithUser } from "../auth/session";
import { forbiddenPage } from "./forbidden-page";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the request's Origin (or Referer) names the host it was sent to. */
export function isSameOrigin(request: Request): boolean {
  const host = request.headers.get("host");
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!host || !source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/** A 403 for a state-changing request from another site (no body needed to tell), else undefined. */
export function crossSiteRefusal(request: Request): Response | undefined {
  if (SAFE_METHODS.has(request.method) || isSameOrigin(request)) return undefined;
  return forbiddenPage("This request did not come from this site.");
}

/** Reads the session cookie into `auth` and enforces CSRF on unsafe methods. */
export function portalAuth(deps: AppDeps) {
  // Unnamed on purpose: Elysia skips a second use of a named plugin, and every portal section
  // must get its own copy of these scoped hooks.
  return new Elysia()
    .derive({ as: "scoped" }, async ({ cookie }): Promise<{ auth: SessionWithUser | null }> => {
      const token = cookie[SESSION_COOKIE]?.value;
      if (typeof token !== "string" || token === "") return { auth: null };
      const auth = await validateSessionToken(deps.database.db, token);
      if (!auth) cookie[SESSION_COOKIE]!.remove();
      else if (auth.renewed) cookie[SESSION_COOKIE]!.set(sessionCookie(token, auth.session.expiresAt));
      return { auth };
    })
    .onBeforeHandle({ as: "scoped" }, async ({ request, auth, body }) => {
      if (SAFE_METHODS.has(request.method)) return;
      const crossSite = crossSiteRefusal(request);
      if (crossSite) return crossSite;
      if (!auth) return;
      const sent =
        request.headers.get("x-csrf-token") ??
        (body && typeof body === "object" ? (body as Record<string, unknown>)._csrf : undefined);
      if (sent !== auth.session.csrfToken) return forbiddenPage("Your form expired. Reload the page and try again.");
    });
}

/** 403 for a signed-in user on the other portal: says whose area it is and links home. */
function wrongPortalPage(area: "admin" | "publisher", own: "admin" | "publisher"): Response {
  const message =
    area === "admin"
      ? "This page is in the network admin's area. You are signed in as a publisher."
      : "This page is in the publisher portal. You are signed in as the network admin.";
  return forbiddenPage(message, { href: `/${own}`, label: "Go to your dashboard" });
}

/**
 * Guard for a portal section: use after `portalAuth` (in a `.guard` or a group).
 * @param role the role the section belongs to
 */
export function requireRole(role: "admin" | "publisher") {
  return ({ auth, request }: { auth: SessionWithUser | null; request: Request }) => {
    if (!auth) {
      const next = new URL(request.url).pathname;
      const location = `/login?next=${encodeURIComponent(next)}`;
      if (request.headers.get("hx-request")) {
        return new Response(null, { status: 204, headers: { "HX-Redirect": location } });
      }
      return new Response(null, { status: 303, headers: { Location: location } });
    }
    if (auth.user.role !== role) return wrongPortalPage(role, auth.user.role);
  };
}
