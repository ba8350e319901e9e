/**
 * One notification (swap target: the item itself): its message (a link when it points to a
 * portal page), when, and "Mark as read" while unread.
 */
import { Html } from "@elysiajs/html";
import type { Notification } from "../../src/db/schema";
import { InlineAction } from "../components/inline-action";
import { TimeStamp } from "../components/time-stamp";

export interface NotificationItemProps {
  note: Notification;
  /** The list's base path, `/admin/notifications` or `/publisher/notifications`. */
  base: string;
  csrfToken: string;
}

/** Only local portal paths become links (never another site, never a script URL). */
const isLocalPath = (link: string | null): link is string => !!link && /^\/(?![/\\])/.test(link);

export function NotificationItem({ note, base, csrfToken }: NotificationItemProps) {
  const unread = note.readAt === null;
  return (
    <li id={`notification-${note.id}`} class={unread ? "notification unread" : "notification"}>
      <div>
        {isLocalPath(note.link) ? (
          <a href={note.link} safe>
            {note.message}
          </a>
        ) : (
          <span safe>{note.message}</span>
        )}
        <br />
        <small class="muted">
          {unread ? "Unread · " : ""}
          <TimeStamp date={note.createdAt} />
        </small>
      </div>
      {unread ? (
        <InlineAction action={`${base}/${note.id}/read`} label="Mark as read" csrfToken={csrfToken} target="closest li" />
      ) : (
        ""
      )}
    </li>
  );
}
