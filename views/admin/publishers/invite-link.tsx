/**
 * A publisher's new invite link, shown this once in its row (only the token's hash is stored),
 * with a Copy button and its expiry; or why no invite could be made.
 */
import { Html } from "@elysiajs/html";
import { TimeStamp } from "../../components/time-stamp";

/** What the Invite link action produced: the link and its expiry, or a plain-text problem. */
export type InviteLinkResult = { link: string; expiresAt: Date } | { error: string };

export interface InviteLinkProps {
  publisherId: number;
  result: InviteLinkResult;
}

export function InviteLink({ publisherId, result }: InviteLinkProps) {
  if ("error" in result) {
    return (
      <p class="invite-link field-error" role="alert" safe>
        {result.error}
      </p>
    );
  }
  const id = `invite-link-${publisherId}`;
  return (
    <div class="invite-link">
      <label for={id}>Invite link (shown once)</label>
      <div role="group">
        <input id={id} type="text" readonly value={result.link} />
        <button type="button" class="small" data-copy={`#${id}`}>
          Copy
        </button>
      </div>
      <small class="muted">
        Works once, until <TimeStamp date={result.expiresAt} />. Send it to the publisher; a new link replaces this one.
      </small>
    </div>
  );
}
