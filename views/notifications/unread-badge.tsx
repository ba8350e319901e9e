/**
 * The bell's unread count, sent out of band with every mark-as-read answer so the bell in the
 * layout (`.bell .badge`) follows without a reload.
 */
import { Html } from "@elysiajs/html";

export function UnreadBadgeUpdate({ count }: { count: number }) {
  return (
    <span class="badge" data-unread={String(count)} hx-swap-oob="outerHTML:.bell .badge" safe>
      {String(count)}
    </span>
  );
}
