/**
 * One smartlink: its settings, the offer pool with each offer's share of the last 24 hours of
 * clicks, the fallback, the publishers, and the Edit / Pause / Delete actions.
 */
import { Html } from "@elysiajs/html";
import type { SmartlinkDetail } from "../../../src/smartlinks/smartlink-service";
import type { PoolClicks } from "../../../src/reports/smartlink-stats";
import { Page, type Viewer } from "../../layouts/page";
import { DataTable } from "../../components/data-table";
import { Flash } from "../../components/flash";
import { optimizeLabel, rotationLabel, visibilityLabel } from "./labels";
import { StatusControl } from "./status-control";
import { PublishersSection, type PublishersSectionProps } from "./publishers-section";

export interface SmartlinkDetailPageProps {
  viewer: Viewer;
  smartlink: SmartlinkDetail;
  clicks: PoolClicks;
  publishers: PublishersSectionProps;
  /** PUBLIC_URL, shown as the default tracking domain. */
  publicUrl: string;
  notice?: string;
}

/** `n` of `total` as a whole percentage, or a dash when there were no clicks. */
const share = (n: number, total: number) => (total === 0 ? "—" : `${Math.round((n / total) * 100)}%`);
const anyWhenEmpty = (items: string[]) => (items.length === 0 ? "Any" : items.join(", "));

export function SmartlinkDetailPage({ viewer, smartlink, clicks, publishers, publicUrl, notice }: SmartlinkDetailPageProps) {
  const rotation =
    smartlink.rotation === "auto"
      ? `${rotationLabel("auto")} for ${optimizeLabel(smartlink.optimizeFor)}, ${smartlink.explorationClicks} untouched clicks per offer`
      : rotationLabel(smartlink.rotation);
  return (
    <Page title={smartlink.name} viewer={viewer}>
      <p>
        <a href="/admin/smartlinks">← Smartlinks</a>
      </p>
      <hgroup>
        <h1 safe>{smartlink.name}</h1>
        <p safe>{smartlink.description}</p>
      </hgroup>
      <Flash message={notice} />
      <div class="actions detail-actions">
        <StatusControl smartlinkId={smartlink.id} status={smartlink.status} csrfToken={viewer.csrfToken} />
        <a href={`/admin/smartlinks/${smartlink.id}/edit`} class="button small">
          Edit
        </a>
        <a href={`/admin/smartlinks/${smartlink.id}/delete`} class="button small outline danger">
          Delete
        </a>
      </div>
      <dl class="facts-list">
        <dt>Visibility</dt>
        <dd safe>{visibilityLabel(smartlink.visibility)}</dd>
        <dt>Rotation</dt>
        <dd safe>{rotation}</dd>
        <dt>Tracking domain</dt>
        <dd safe>{smartlink.trackingDomain ?? `Default (${publicUrl})`}</dd>
        <dt>Fallback URL</dt>
        <dd>
          {smartlink.fallbackUrl ? (
            <code class="link" safe>
              {smartlink.fallbackUrl}
            </code>
          ) : (
            <span class="muted">None: the network default</span>
          )}
        </dd>
        <dt>Tags</dt>
        <dd safe>{smartlink.tags.length === 0 ? "None" : smartlink.tags.join(", ")}</dd>
      </dl>

      <section id="smartlink-pool">
        <h2>Offer pool</h2>
        <DataTable
          headers={["Offer", "Weight", "Priority", "Countries", "Devices", "Clicks (24 h)", "Share (24 h)"]}
          striped={false}
        >
          {smartlink.pool.map((entry) => {
            const n = clicks.byCampaign.get(entry.campaignId) ?? 0;
            return (
              <tr>
                <td>
                  <a href={`/admin/campaigns/${entry.campaignId}`} safe>
                    {entry.campaignName}
                  </a>
                </td>
                <td safe>{String(entry.weight)}</td>
                <td safe>{String(entry.priority)}</td>
                <td safe>{anyWhenEmpty(entry.countries)}</td>
                <td safe>{anyWhenEmpty(entry.devices)}</td>
                <td safe>{String(n)}</td>
                <td safe>{share(n, clicks.total)}</td>
              </tr>
            );
          })}
          <tr class="muted">
            <td colspan="5">Fallback URL (no offer fitted)</td>
            <td safe>{String(clicks.fallback)}</td>
            <td safe>{share(clicks.fallback, clicks.total)}</td>
          </tr>
        </DataTable>
      </section>

      <PublishersSection {...publishers} />
    </Page>
  );
}
