/** A smartlink as a publisher sees it: its offers, how it rotates, and the access panel. */
import { Html } from "@elysiajs/html";
import type { MarketplaceSmartlinkDetail } from "../../src/smartlinks/marketplace";
import { Page, type Viewer } from "../layouts/page";
import { StatusBadge } from "../components/status-badge";
import { AccessPanel, type AccessPanelProps } from "./access-panel";
import { ROTATION_LABEL, ROTATION_TEXT, VISIBILITY_TEXT } from "./smartlink-labels";

export interface SmartlinkPageProps extends AccessPanelProps {
  viewer: Viewer;
}

/** The whole smartlink page. */
export function SmartlinkPage(props: SmartlinkPageProps) {
  const { smartlink } = props;
  return (
    <Page title={smartlink.name} viewer={props.viewer}>
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <a href="/publisher/smartlinks">Smartlinks</a>
          </li>
          <li safe>{smartlink.name}</li>
        </ul>
      </nav>
      <h1 safe>{smartlink.name}</h1>
      <p class="actions">
        <strong safe>{ROTATION_LABEL[smartlink.rotation]}</strong>
        {smartlink.status === "paused" ? <StatusBadge status="paused" /> : ""}
      </p>
      {smartlink.description ? <p safe>{smartlink.description}</p> : ""}
      <AccessPanel {...props} />
      <section>
        <h2>Offers in the pool</h2>
        <p safe>{ROTATION_TEXT[smartlink.rotation]}</p>
        <p class="muted" safe>
          {VISIBILITY_TEXT[smartlink.visibility]}
        </p>
        <OfferTable smartlink={smartlink} />
      </section>
    </Page>
  );
}

/** `values` joined with commas, or `none` when empty (empty means "any"). */
const listOr = (values: string[], none: string) => (values.length > 0 ? values.join(", ") : none);

function OfferTable({ smartlink }: { smartlink: MarketplaceSmartlinkDetail }) {
  if (smartlink.offers.length === 0) return <p>No offers in this smartlink right now.</p>;
  return (
    <div class="overflow-auto">
      <table>
        <thead>
          <tr>
            <th>Offer</th>
            <th>Payout per conversion</th>
            <th>Countries</th>
            <th>Devices</th>
          </tr>
        </thead>
        <tbody>
          {smartlink.offers.map((offer) => (
            <tr>
              <td safe>{offer.name}</td>
              <td safe>{offer.payout}</td>
              <td safe>{listOr(offer.countries, "All countries")}</td>
              <td safe>{listOr(offer.devices, "All devices")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
