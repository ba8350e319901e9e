/**
 * The base of every portal route module: session, CSRF and role checks applied to each route
 * the module then adds, HTML rendering, and `Vary: HX-Request` (pages answer a full page or an
 * htmx partial for the same URL).
 *
 * Usage: `portalSection(deps, "admin").get("/admin/campaigns", async ({ viewer }) => ...)`.
 * `viewer` (for the layout) and `auth` (session + user) are in every handler's context.
 */
import { Elysia, status } from "elysia";
import { html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { unreadCount } from "../notifications/notification-service";
import type { Viewer } from "../../views/layouts/page";
import { crossSiteRefusal, portalAuth, requireRole } from "./portal-auth";
import { SESSION_COOKIE } from "../auth/session";

export function portalSection(deps: AppDeps, role: "admin" | "publisher") {
  return new Elysia()
    .use(html())
    // No session cookie: nobody to act for, so the body is never read (the role check below
    // answers). A request with a cookie is read (at most 1 MiB, see src/http/edge-plugin.ts).
    .onParse(({ request }) => (hasSessionCookie(request) ? undefined : {}))
    .use(portalAuth(deps))
    // At derive time, before any schema is checked: a request from another site, or from
    // whoever may not use the section, learns nothing about what its routes accept (a 303 or
    // 403, never a 400 or 404 first).
    .derive(async ({ auth, request, set }) => {
      const refused = crossSiteRefusal(request) ?? requireRole(role)({ auth, request });
      if (!refused) return {};
      refused.headers.forEach((value, name) => (set.headers[name] = value));
      return status(refused.status as 403, refused.body === null ? undefined : await refused.text());
    })
    .onAfterHandle(({ set }) => {
      set.headers.vary = "HX-Request";
    })
    .resolve(async ({ auth }): Promise<{ viewer: Viewer; user: NonNullable<typeof auth>["user"] }> => {
      // requireRole ran first, so auth is set here.
      const { user, session } = auth!;
      return {
        user,
        viewer: {
          name: user.name,
          role: user.role,
          csrfToken: session.csrfToken,
          unreadNotifications: await unreadCount(deps.database.db, user.id),
        },
      };
    });
}

/** True when the request carries a session cookie (valid or not: `portalAuth` decides). */
function hasSessionCookie(request: Request): boolean {
  return request.headers.get("cookie")?.includes(`${SESSION_COOKIE}=`) ?? false;
}

/** True when htmx sent the request (answer a partial). */
export function isHtmx(request: Request): boolean {
  return request.headers.get("hx-request") === "true";
}
