/**
 * One publisher in the list: the swap target of Activate / Suspend / Invite link
 * (`<tr id="publisher-N">`). A publisher without a portal account gets the Invite link button;
 * the link it makes is shown in the row this once.
 */
import { Html } from "@elysiajs/html";
import type { Publisher } from "../../../src/db/schema";
import { InlineAction } from "../../components/inline-action";
import { StatusBadge } from "../../components/status-badge";
import { TimeStamp } from "../../components/time-stamp";
import { InviteLink, type InviteLinkResult } from "./invite-link";

export interface PublisherRowProps {
  publisher: Publisher;
  /** True when the publisher has a portal user (no invite needed). */
  hasSignIn: boolean;
  csrfToken: string;
  /** The invite just made for this publisher (or why none could be made). */
  invite?: InviteLinkResult;
}

export function PublisherRow({ publisher, hasSignIn, csrfToken, invite }: PublisherRowProps) {
  const action = (verb: "activate" | "suspend" | "invite", label: string) => (
    <InlineAction action={`/admin/publishers/${publisher.id}/${verb}`} label={label} csrfToken={csrfToken} />
  );
  return (
    <tr id={`publisher-${publisher.id}`}>
      <td safe>{publisher.name}</td>
      <td safe>{publisher.email}</td>
      <td>
        <StatusBadge status={publisher.status} />
      </td>
      <td>
        <TimeStamp date={publisher.createdAt} />
      </td>
      <td class="actions">
        {publisher.status !== "active" ? action("activate", "Activate") : ""}
        {publisher.status !== "suspended" ? action("suspend", "Suspend") : ""}
        {hasSignIn ? <span class="muted">Has sign-in</span> : action("invite", "Invite link")}
        {invite ? <InviteLink publisherId={publisher.id} result={invite} /> : ""}
      </td>
    </tr>
  );
}
