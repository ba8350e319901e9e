/** The smartlink approvals queue: who applied, to which smartlink, when; Approve or Decline. */
import { Html } from "@elysiajs/html";
import type { PendingApplication } from "../../../src/smartlinks/pending-applications";
import { DataTable } from "../../components/data-table";
import { Page, type Viewer } from "../../layouts/page";
import { ApplicationRow } from "./application-row";

export function ApprovalsPage({ viewer, applications }: { viewer: Viewer; applications: PendingApplication[] }) {
  return (
    <Page title="Smartlink approvals" viewer={viewer}>
      <hgroup>
        <h1>Smartlink approvals</h1>
        <p>
          Approving creates the publisher's tracking link at once and opens every campaign in the smartlink's pool to
          it. The publisher is notified either way.
        </p>
      </hgroup>
      {applications.length === 0 ? (
        <p class="muted">No applications are waiting.</p>
      ) : (
        <DataTable headers={["Publisher", "Smartlink", "Applied", "Decision"]} striped={false}>
          {applications.map((a) => (
            <ApplicationRow {...a} csrfToken={viewer.csrfToken} />
          ))}
        </DataTable>
      )}
    </Page>
  );
}
