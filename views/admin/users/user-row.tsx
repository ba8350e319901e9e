/**
 * One portal user in the admin's Users list: the swap target of "Password reset link"
 * (`<tr id="user-N">`); the link it makes is shown in the row this once.
 */
import { Html } from "@elysiajs/html";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";
import { TimeStamp } from "../../components/time-stamp";

/** A user as the list shows it (never the password hash). */
export interface UserListItem {
  id: number;
  name: string;
  email: string;
  role: "admin" | "publisher";
  /** The user's publisher, for publisher users. */
  publisherName: string | null;
  publisherStatus: "active" | "pending" | "suspended" | null;
  createdAt: Date;
}

export interface UserRowProps {
  user: UserListItem;
  csrfToken: string;
  /** A reset link just made for this user (shown once) and its expiry. */
  resetLink?: { link: string; expiresAt: Date };
}

export function UserRow({ user, csrfToken, resetLink }: UserRowProps) {
  const linkId = `reset-link-${user.id}`;
  return (
    <tr id={`user-${user.id}`}>
      <td safe>{user.name}</td>
      <td safe>{user.email}</td>
      <td>{user.role === "admin" ? "Admin" : "Publisher"}</td>
      <td>
        {user.publisherName !== null ? <span safe>{user.publisherName}</span> : ""}{" "}
        {user.publisherStatus !== null ? <StatusBadge status={user.publisherStatus} /> : ""}
      </td>
      <td>
        <TimeStamp date={user.createdAt} />
      </td>
      <td class="actions">
        <InlineAction action={`/admin/users/${user.id}/reset-link`} label="Password reset link" csrfToken={csrfToken} />
        {resetLink ? (
          <div class="invite-link">
            <label for={linkId}>Password reset link (shown once)</label>
            <div role="group">
              <input id={linkId} type="text" readonly value={resetLink.link} />
              <button type="button" class="small" data-copy={`#${linkId}`}>
                Copy
              </button>
            </div>
            <small class="muted">
              Works once, until <TimeStamp date={resetLink.expiresAt} />. Hand it to the user; a new link replaces this
              one. Using it signs the user out everywhere.
            </small>
          </div>
        ) : (
          ""
        )}
      </td>
    </tr>
  );
}
