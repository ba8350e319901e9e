/** The publishers list (activate / suspend / invite link in place) and the New publisher form. */
import { Html } from "@elysiajs/html";
import type { Publisher } from "../../../src/db/schema";
import { DataTable } from "../../components/data-table";
import { Flash } from "../../components/flash";
import { Page, type Viewer } from "../../layouts/page";
import { PublisherForm, type PublisherFormValues } from "./publisher-form";
import type { InviteLinkResult } from "./invite-link";
import { PublisherRow } from "./publisher-row";

export interface PublishersPageProps {
  viewer: Viewer;
  publishers: Publisher[];
  /** Ids of the publishers that have a portal user. */
  withSignIn: Set<number>;
  /** The New publisher form's values and errors (after a failed create). */
  form: { values: PublisherFormValues; errors?: Record<string, string> };
  notice?: string;
  /** An invite just made (without JavaScript the whole page answers), shown in its row. */
  invite?: { publisherId: number; result: InviteLinkResult };
}

export function PublishersPage({ viewer, publishers, withSignIn, form, notice, invite }: PublishersPageProps) {
  return (
    <Page title="Publishers" viewer={viewer}>
      <h1>Publishers</h1>
      <Flash message={notice} />
      <DataTable headers={["Name", "Email", "Status", "Created", "Actions"]} empty="No publishers yet.">
        {publishers.map((publisher) => (
          <PublisherRow
            publisher={publisher}
            hasSignIn={withSignIn.has(publisher.id)}
            csrfToken={viewer.csrfToken}
            invite={invite?.publisherId === publisher.id ? invite.result : undefined}
          />
        ))}
      </DataTable>
      <PublisherForm csrfToken={viewer.csrfToken} values={form.values} errors={form.errors} />
    </Page>
  );
}
