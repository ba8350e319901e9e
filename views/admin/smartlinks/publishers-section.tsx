/**
 * The publishers on a smartlink, with status, tracking link and clicks, and the control that
 * adds a publisher directly (swap target `#smartlink-publishers`).
 */
import { Html } from "@elysiajs/html";
import type { SmartlinkPublisherView } from "../../../src/smartlinks/smartlink-service";
import { DataTable } from "../../components/data-table";
import { FormField, type FieldOptions } from "../../components/form-field";
import { StatusBadge } from "../../components/status-badge";

/** A publisher row: the access, its tracking URL and its counted clicks. */
export interface PublisherRow extends SmartlinkPublisherView {
  trackingUrl: string;
  clicks: number;
}

export interface PublishersSectionProps {
  smartlinkId: number;
  rows: PublisherRow[];
  /** `[publisher id, name]` of publishers not approved on this smartlink yet. */
  candidates: FieldOptions;
  csrfToken: string;
  /** Message under the publisher select (e.g. "not found"). */
  error?: string;
}

export function PublishersSection({ smartlinkId, rows, candidates, csrfToken, error }: PublishersSectionProps) {
  const action = `/admin/smartlinks/${smartlinkId}/publishers`;
  return (
    <section id="smartlink-publishers">
      <h2>Publishers</h2>
      {rows.length === 0 ? (
        <p class="muted">No publisher has joined yet.</p>
      ) : (
        <DataTable headers={["Publisher", "Status", "Tracking link", "Clicks"]} striped={false}>
          {rows.map((row) => (
            <tr id={`publisher-${row.publisherId}`}>
              <td safe>{row.name}</td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>
                {row.status === "approved" ? (
                  <code class="link" safe>
                    {row.trackingUrl}
                  </code>
                ) : (
                  <span class="muted">No link until approved</span>
                )}
              </td>
              <td safe>{String(row.clicks)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {candidates.length === 0 ? (
        ""
      ) : (
        <form method="post" action={action} hx-post={action} hx-target="#smartlink-publishers" hx-swap="outerHTML" class="add-publisher">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <FormField
            label="Publisher"
            name="publisher_id"
            options={candidates}
            error={error}
            hint="Approves the publisher at once, without an application (the way onto a Private smartlink)."
          />
          <button type="submit" class="secondary">
            Add publisher
          </button>
        </form>
      )}
    </section>
  );
}
