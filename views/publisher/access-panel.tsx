/**
 * The part of a smartlink's page that depends on the publisher's access: apply, awaiting
 * review, declined (apply again), or the tracking link once approved. The htmx swap target of
 * "Apply for this smartlink".
 */
import { Html } from "@elysiajs/html";
import type { TestClick } from "../../src/clicks/test-click";
import type { SubIds } from "../../src/links/sub-ids";
import type { PublisherStatus } from "../../src/publishers/publisher-service";
import type { MarketplaceSmartlinkDetail } from "../../src/smartlinks/marketplace";
import { Flash } from "../components/flash";
import { AccountNotice } from "./account-notice";
import { TrackingLink } from "./tracking-link";

export interface AccessPanelProps {
  smartlink: MarketplaceSmartlinkDetail;
  accountStatus: PublisherStatus;
  csrfToken: string;
  /** The tracking link with `subs` applied; set once access is approved. */
  link: string | null;
  subs: SubIds;
  testClick?: TestClick;
  /** Why the last action failed (plain text). */
  error?: string;
}

/** The `#access` section: an error (if any) and the access state. */
export function AccessPanel(props: AccessPanelProps) {
  return (
    <section id="access" aria-live="polite">
      <Flash kind="error" message={props.error} />
      <AccessState {...props} />
    </section>
  );
}

function AccessState({ smartlink, accountStatus, csrfToken, link, subs, testClick }: AccessPanelProps) {
  if (accountStatus !== "active") return <AccountNotice status={accountStatus} />;
  if (link !== null) {
    return <TrackingLink smartlinkId={smartlink.id} link={link} subs={subs} csrfToken={csrfToken} testClick={testClick} />;
  }
  if (smartlink.access === "pending") {
    return (
      <p class="flash pending" role="status">
        Your application is awaiting your network admin's review. You will get a notification when they decide.
      </p>
    );
  }
  if (smartlink.visibility === "private") {
    return <p>Only your network admin can give you access to this smartlink.</p>;
  }
  const action = `/publisher/smartlinks/${smartlink.id}/apply`;
  return (
    <div>
      {smartlink.access === "declined" ? (
        <Flash
          kind="error"
          message="Your application was declined. You can apply again, for example after discussing your traffic sources with your network."
        />
      ) : (
        ""
      )}
      <p>
        {smartlink.visibility === "public"
          ? "This smartlink is open: apply and your tracking link appears right away."
          : "Your network admin reviews each application. You will get a notification when they decide."}
      </p>
      <form method="post" action={action} hx-post={action} hx-target="#access" hx-swap="outerHTML">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit">{smartlink.access === "declined" ? "Apply again" : "Apply for this smartlink"}</button>
      </form>
    </div>
  );
}
