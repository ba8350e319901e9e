/** Tracking domains: the hosts smartlinks can use for their links, the Add form, Remove in place. */
import { Html } from "@elysiajs/html";
import type { TrackingDomain } from "../../../src/tracking-domains/tracking-domain-service";
import { DataTable } from "../../components/data-table";
import { Flash } from "../../components/flash";
import { FormCard } from "../../components/form-card";
import { FormField } from "../../components/form-field";
import { Page, type Viewer } from "../../layouts/page";
import { TrackingDomainRow } from "./tracking-domain-row";

export interface TrackingDomainsPageProps {
  viewer: Viewer;
  domains: TrackingDomain[];
  /** Base URL of links without a tracking domain (PUBLIC_URL). */
  publicUrl: string;
  /** The Add form's value and error (after a failed add). */
  form: { host: string; error?: string };
  notice?: string;
}

export function TrackingDomainsPage({ viewer, domains, publicUrl, form, notice }: TrackingDomainsPageProps) {
  return (
    <Page title="Tracking domains" viewer={viewer}>
      <h1>Tracking domains</h1>
      <p>
        Tracking links use <code safe>{publicUrl}</code> by default. Add your own host here (point its DNS at this
        server first); a smartlink can then pick it for its publishers' links.
      </p>
      <Flash message={notice} />
      <DataTable headers={["Host", "Added", "Actions"]} empty="No tracking domains yet.">
        {domains.map((domain) => (
          <TrackingDomainRow domain={domain} csrfToken={viewer.csrfToken} />
        ))}
      </DataTable>
      <FormCard
        title="Add a tracking domain"
        action="/admin/tracking-domains"
        csrfToken={viewer.csrfToken}
        submitLabel="Add domain"
      >
        <FormField
          label="Host"
          name="host"
          value={form.host}
          error={form.error}
          placeholder="track.example.com"
          hint="A host name, optionally with :port; no https:// and no path."
          required
        />
      </FormCard>
    </Page>
  );
}
