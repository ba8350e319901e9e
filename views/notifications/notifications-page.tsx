/** The notifications page of either portal: the list, and "Mark all as read". */
import { Html } from "@elysiajs/html";
import { Page, type Viewer } from "../layouts/page";
import { InlineAction } from "../components/inline-action";
import { NotificationList, type NotificationListProps } from "./notification-list";

export function NotificationsPage({ viewer, ...list }: NotificationListProps & { viewer: Viewer }) {
  return (
    <Page title="Notifications" viewer={viewer}>
      <div class="page-head">
        <h1>Notifications</h1>
        {viewer.unreadNotifications > 0 ? (
          <InlineAction
            action={`${list.base}/read-all`}
            label="Mark all as read"
            csrfToken={viewer.csrfToken}
            target="#notification-list"
          />
        ) : (
          ""
        )}
      </div>
      <NotificationList {...list} />
    </Page>
  );
}
