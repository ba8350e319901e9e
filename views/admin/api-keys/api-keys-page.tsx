/** API keys: the list (revoke in place), the create form, and a new key shown once. */
import { Html } from "@elysiajs/html";
import type { ApiKeyInfo } from "../../../src/auth/api-keys";
import { DataTable } from "../../components/data-table";
import { FormCard } from "../../components/form-card";
import { FormField } from "../../components/form-field";
import { Page, type Viewer } from "../../layouts/page";
import { ApiKeyRow } from "./api-key-row";
import { NewApiKey, type NewApiKeyProps } from "./new-api-key";

export interface ApiKeysPageProps {
  viewer: Viewer;
  apiKeys: ApiKeyInfo[];
  /** The create form's value and error (after a failed create). */
  form: { name: string; error?: string };
  /** The key created by this request, shown once. */
  created?: NewApiKeyProps;
}

export function ApiKeysPage({ viewer, apiKeys, form, created }: ApiKeysPageProps) {
  return (
    <Page title="API keys" viewer={viewer}>
      <h1>API keys</h1>
      {created ? <NewApiKey {...created} /> : ""}
      <DataTable headers={["Name", "Prefix", "Created", "Revoked", "Actions"]} empty="No API keys yet.">
        {apiKeys.map((apiKey) => (
          <ApiKeyRow apiKey={apiKey} csrfToken={viewer.csrfToken} />
        ))}
      </DataTable>
      <FormCard title="New API key" action="/admin/api-keys" csrfToken={viewer.csrfToken} submitLabel="Create API key">
        <FormField
          label="Name"
          name="name"
          value={form.name}
          error={form.error}
          placeholder="Reporting script"
          hint="What the key is for, so you know which one to revoke later."
          required
        />
      </FormCard>
    </Page>
  );
}
