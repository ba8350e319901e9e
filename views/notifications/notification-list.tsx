/** Every notification of the viewer, newest first (swap target `#notification-list`). */
import { Html } from "@elysiajs/html";
import type { Notification } from "../../src/db/schema";
import { NotificationItem } from "./notification-item";

export interface NotificationListProps {
  notes: Notification[];
  base: string;
  csrfToken: string;
}

export function NotificationList({ notes, base, csrfToken }: NotificationListProps) {
  if (notes.length === 0) {
    return (
      <p id="notification-list" class="muted">
        No notifications yet.
      </p>
    );
  }
  return (
    <ul id="notification-list" class="notifications">
      {notes.map((note) => (
        <NotificationItem note={note} base={base} csrfToken={csrfToken} />
      ))}
    </ul>
  );
}
