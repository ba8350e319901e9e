/**
 * The HTML shell of every portal page: Pico CSS and htmx from /public (no CDN), the navigation
 * of the user's portal, the notification bell, and the CSRF token htmx sends on every request.
 */
import { Html } from "@elysiajs/html";
import type { PropsWithChildren } from "@kitajs/html";

export interface Viewer {
  name: string;
  role: "admin" | "publisher";
  csrfToken: string;
  unreadNotifications: number;
}

export type PageProps = PropsWithChildren<{
  title: string;
  /** Null on pages for signed-out visitors (sign-in, sign-up). */
  viewer: Viewer | null;
}>;

const ADMIN_NAV: [string, string][] = [
  ["/admin", "Dashboard"],
  ["/admin/campaigns", "Campaigns"],
  ["/admin/publishers", "Publishers"],
  ["/admin/smartlinks", "Smartlinks"],
  ["/admin/approvals", "Approvals"],
  ["/admin/tracking-domains", "Tracking domains"],
  ["/admin/api-keys", "API keys"],
  ["/admin/settings", "Settings"],
  ["/admin/users", "Users"],
  ["/admin/account", "Account"],
];

const PUBLISHER_NAV: [string, string][] = [
  ["/publisher", "Dashboard"],
  ["/publisher/smartlinks", "Offers → Smartlinks"],
  ["/publisher/reports", "My reports"],
  ["/publisher/account", "Account"],
];

export function Page({ title, viewer, children }: PageProps) {
  const nav = viewer?.role === "admin" ? ADMIN_NAV : viewer ? PUBLISHER_NAV : [];
  const home = viewer ? (viewer.role === "admin" ? "/admin" : "/publisher") : "/login";
  return (
    <>
      {"<!doctype html>"}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
          <title safe>{title} · Switchboard</title>
          <link rel="icon" href="/public/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/public/vendor/pico-2.1.1.min.css" />
          <link rel="stylesheet" href="/public/app.css" />
          <script src="/public/vendor/htmx-2.0.11.min.js" defer></script>
          <script src="/public/app.js" defer></script>
        </head>
        <body hx-headers={viewer ? JSON.stringify({ "X-CSRF-Token": viewer.csrfToken }) : undefined}>
          <header class="container">
            <nav>
              <ul>
                <li>
                  <a href={home} class="brand">
                    <strong>Switchboard</strong>
                  </a>
                </li>
              </ul>
              {viewer ? (
                <ul class="main-nav">
                  {nav.map(([href, label]) => (
                    <li>
                      <a href={href} safe>
                        {label}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a
                      href={`/${viewer.role}/notifications`}
                      class="bell"
                      aria-label={`Notifications: ${viewer.unreadNotifications} unread`}
                    >
                      <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                        <path
                          fill="currentColor"
                          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
                        />
                      </svg>
                      <span class="badge" data-unread={String(viewer.unreadNotifications)} safe>{String(viewer.unreadNotifications)}</span>
                    </a>
                  </li>
                  <li>
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                      <button type="submit" class="secondary outline small">
                        Sign out
                      </button>
                    </form>
                  </li>
                </ul>
              ) : (
                <ul />
              )}
            </nav>
          </header>
          <main class="container">{children}</main>
        </body>
      </html>
    </>
  );
}
