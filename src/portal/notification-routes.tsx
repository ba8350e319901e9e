/**
 * Notifications of the signed-in user, for either portal: GET /<role>/notifications (newest
 * first), POST /<role>/notifications/:id/read and POST /<role>/notifications/read-all. htmx gets
 * the changed item (or list) plus the bell's new count out of band; a plain form post goes back
 * to the list.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../app";
import { parseId } from "../api/params";
import { listNotifications, markRead, unreadCount } from "../notifications/notification-service";
import { isHtmx, portalSection } from "./portal-section";
import { orNotFound } from "./admin/catalog-helpers";
import { NotificationsPage } from "../../views/notifications/notifications-page";
import { NotificationItem } from "../../views/notifications/notification-item";
import { NotificationList } from "../../views/notifications/notification-list";
import { UnreadBadgeUpdate } from "../../views/notifications/unread-badge";

/** The notification routes of `role`'s portal; mount once per role. */
export function notificationRoutes(deps: AppDeps, role: "admin" | "publisher") {
  const db = deps.database.db;
  const base = `/${role}/notifications`;
  return portalSection(deps, role)
    .get(base, async ({ viewer, user }) => (
      <NotificationsPage viewer={viewer} notes={await listNotifications(db, user.id)} base={base} csrfToken={viewer.csrfToken} />
    ))
    .post(`${base}/read-all`, async ({ viewer, user, request, redirect }) => {
      await markRead(db, user.id, null);
      if (!isHtmx(request)) return redirect(base, 303);
      return (
        <>
          <NotificationList notes={await listNotifications(db, user.id)} base={base} csrfToken={viewer.csrfToken} />
          <UnreadBadgeUpdate count={0} />
        </>
      );
    })
    .post(`${base}/:id/read`, ({ viewer, user, params, request, redirect }) =>
      orNotFound(viewer, "notification", base, async () => {
        const id = parseId(params.id, "notification");
        await markRead(db, user.id, id);
        if (!isHtmx(request)) return redirect(base, 303);
        const note = (await listNotifications(db, user.id)).find((n) => n.id === id);
        return (
          <>
            {note ? <NotificationItem note={note} base={base} csrfToken={viewer.csrfToken} /> : ""}
            <UnreadBadgeUpdate count={await unreadCount(db, user.id)} />
          </>
        );
      }),
    );
}
