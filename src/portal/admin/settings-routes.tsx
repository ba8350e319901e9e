/**
 * GET/POST /admin/settings: network settings. For now one: whether publishers who sign up are
 * active at once or wait for an admin to activate them (on the Publishers page).
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { publisherAutoActivate, setPublisherAutoActivate } from "../../settings/network-settings";
import { Page } from "../../../views/layouts/page";
import { Flash } from "../../../views/components/flash";
import { portalSection } from "../portal-section";

/** The network settings page and its POST, admin only. */
export function settingsRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin")
    .get(
      "/admin/settings",
      async ({ viewer, query }) => (
        <Page title="Settings" viewer={viewer}>
          <h1>Network settings</h1>
          <Flash message={query.notice === "saved" ? "Settings saved." : undefined} />
          <form method="post" action="/admin/settings">
            <input type="hidden" name="_csrf" value={viewer.csrfToken} />
            <fieldset>
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  name="publisher_auto_activate"
                  checked={await publisherAutoActivate(db)}
                  aria-describedby="auto-activate-hint"
                />
                Activate new publishers at once
              </label>
              <small id="auto-activate-hint" class="muted">
                When off, publishers who sign up wait until you activate them on the Publishers page; until then they can
                sign in and browse but not apply.
              </small>
            </fieldset>
            <button type="submit">Save settings</button>
          </form>
        </Page>
      ),
      { query: t.Object({ notice: t.Optional(t.String()) }) },
    )
    .post(
      "/admin/settings",
      async ({ body, redirect }) => {
        await setPublisherAutoActivate(db, body.publisher_auto_activate === "on");
        return redirect("/admin/settings?notice=saved", 303);
      },
      { body: t.Object({ _csrf: t.Optional(t.String()), publisher_auto_activate: t.Optional(t.String()) }) },
    );
}
