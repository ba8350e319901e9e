/** The campaigns list: search by name, filter by status, pause / resume in place. */
import { Html } from "@elysiajs/html";
import type { Campaign } from "../../../src/db/schema";
import { DataTable } from "../../components/data-table";
import { Flash } from "../../components/flash";
import { FormField } from "../../components/form-field";
import { Page, type Viewer } from "../../layouts/page";
import { CAMPAIGN_COLUMNS, CampaignRows } from "./campaign-rows";

/** The list filter as sent in the query string; `status` is "" for all. */
export interface CampaignFilter {
  q: string;
  status: "" | "active" | "paused";
}

export interface CampaignsPageProps {
  viewer: Viewer;
  campaigns: Campaign[];
  filter: CampaignFilter;
  notice?: string;
}

const STATUS_OPTIONS = [
  ["", "All"],
  ["active", "Active"],
  ["paused", "Paused"],
] as const;

/** htmx attributes of a filter control: fetch the rows with the whole filter form. */
const refreshRows = (trigger: string) => ({
  "hx-get": "/admin/campaigns",
  "hx-trigger": trigger,
  "hx-target": "#campaign-rows",
  "hx-swap": "outerHTML",
  "hx-include": "closest form",
});

export function CampaignsPage({ viewer, campaigns, filter, notice }: CampaignsPageProps) {
  return (
    <Page title="Campaigns" viewer={viewer}>
      <div class="page-head">
        <h1>Campaigns</h1>
        <a href="/admin/campaigns/new" class="button">
          New campaign
        </a>
      </div>
      <Flash message={notice} />
      <form method="get" action="/admin/campaigns" role="search" class="grid filters">
        <FormField
          label="Search"
          name="q"
          type="search"
          value={filter.q}
          placeholder="Campaign name"
          attrs={refreshRows("input changed delay:300ms, search")}
        />
        <FormField label="Status" name="status" value={filter.status} options={STATUS_OPTIONS} attrs={refreshRows("change")} />
      </form>
      <DataTable
        headers={CAMPAIGN_COLUMNS}
        body={<CampaignRows campaigns={campaigns} csrfToken={viewer.csrfToken} filtered={filter.q !== "" || filter.status !== ""} />}
      />
    </Page>
  );
}
