/** The publishers list (activate / suspend in place) and the New publisher form. */
import { Html } from "@elysiajs/html";
import type { Publisher } from "../../../src/db/schema";
import { DataTable } from "../../components/data-table";
import { Flash } from "../../components/flash";
import { Page, type Viewer } from "../../layouts/page";
import { PublisherForm, type PublisherFormValues } from "./publisher-form";
import { PublisherRow } from "./publisher-row";

export interface PublishersPageProps {
  viewer: Viewer;
  publishers: Publisher[];
  /** The New publisher form's values and errors (after a failed create). */
  form: { values: PublisherFormValues; errors?: Record<string, string> };
  notice?: string;
}

export function PublishersPage({ viewer, publishers, form, notice }: PublishersPageProps) {
  return (
    <Page title="Publishers" viewer={viewer}>
      <h1>Publishers</h1>
      <Flash message={notice} />
      <DataTable headers={["Name", "Email", "Status", "Created", "Actions"]} empty="No publishers yet.">
        {publishers.map((publisher) => (
          <PublisherRow publisher={publisher} csrfToken={viewer.csrfToken} />
        ))}
      </DataTable>
      <PublisherForm csrfToken={viewer.csrfToken} values={form.values} errors={form.errors} />
    </Page>
  );
}
