/** Offers → Smartlinks: one card per smartlink the publisher may see. */
import { Html } from "@elysiajs/html";
import type { MarketplaceSmartlink } from "../../src/smartlinks/marketplace";
import type { PublisherStatus } from "../../src/publishers/publisher-service";
import { Page, type Viewer } from "../layouts/page";
import { StatusBadge } from "../components/status-badge";
import { AccountNotice } from "./account-notice";
import { ACCESS_LABEL, ROTATION_LABEL, VISIBILITY_TEXT } from "./smartlink-labels";

export interface MarketplacePageProps {
  viewer: Viewer;
  status: PublisherStatus;
  smartlinks: MarketplaceSmartlink[];
}

/** The whole marketplace page. */
export function MarketplacePage({ viewer, status, smartlinks }: MarketplacePageProps) {
  return (
    <Page title="Smartlinks" viewer={viewer}>
      <h1>Smartlinks</h1>
      <p class="muted">
        A smartlink is one tracking link in front of several offers: each click goes to an offer that fits the visitor.
        Open one to see its offers and apply.
      </p>
      <AccountNotice status={status} />
      {smartlinks.length === 0 ? (
        <p>No smartlinks are available yet. Check back later.</p>
      ) : (
        <div class="cards">
          {smartlinks.map((link) => (
            <SmartlinkCard link={link} />
          ))}
        </div>
      )}
    </Page>
  );
}

function SmartlinkCard({ link }: { link: MarketplaceSmartlink }) {
  return (
    <article class="market-card">
      <header>
        <h2 class="card-title">
          <a href={`/publisher/smartlinks/${link.id}`} safe>
            {link.name}
          </a>
        </h2>
      </header>
      <p>
        <span safe>{link.offerCount === 1 ? "1 offer" : `${link.offerCount} offers`}</span> ·{" "}
        <strong safe>{ROTATION_LABEL[link.rotation]}</strong>
      </p>
      {link.description ? (
        <p class="muted" safe>
          {link.description}
        </p>
      ) : (
        ""
      )}
      <footer class="actions">
        {link.access ? <StatusBadge status={link.access} label={ACCESS_LABEL[link.access]} /> : ""}
        {link.status === "paused" ? <StatusBadge status="paused" /> : ""}
        <small class="muted" safe>
          {VISIBILITY_TEXT[link.visibility]}
        </small>
      </footer>
    </article>
  );
}
