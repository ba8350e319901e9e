/**
 * New campaign and Edit campaign: Name, Destination URL (with the supported macros beside it),
 * Payout, Revenue, Status. Re-rendered with the typed values and each field's error on 422.
 */
import { Html } from "@elysiajs/html";
import { SUPPORTED_MACROS } from "../../../src/routing/build-destination";
import { FormField } from "../../components/form-field";
import { Page, type Viewer } from "../../layouts/page";

/** The form's fields as sent (snake_case names, strings). */
export interface CampaignFormValues {
  name: string;
  destination_url: string;
  payout: string;
  revenue: string;
  status: string;
}

export interface CampaignFormPageProps {
  viewer: Viewer;
  /** The campaign being edited; absent for a new one. */
  campaignId?: number;
  values: CampaignFormValues;
  /** Messages by field name (from a `ValidationError`). */
  errors?: Record<string, string>;
}

/** Values of an empty New campaign form. */
export const NEW_CAMPAIGN_VALUES: CampaignFormValues = {
  name: "",
  destination_url: "",
  payout: "0.00",
  revenue: "0.00",
  status: "active",
};

const STATUS_OPTIONS = [
  ["active", "Active"],
  ["paused", "Paused"],
] as const;

export function CampaignFormPage({ viewer, campaignId, values, errors = {} }: CampaignFormPageProps) {
  const editing = campaignId !== undefined;
  const title = editing ? "Edit campaign" : "New campaign";
  return (
    <Page title={title} viewer={viewer}>
      <h1>{title}</h1>
      <form method="post" action={editing ? `/admin/campaigns/${campaignId}` : "/admin/campaigns"}>
        <input type="hidden" name="_csrf" value={viewer.csrfToken} />
        <FormField label="Name" name="name" value={values.name} error={errors.name} required />
        <div class="grid">
          <FormField
            label="Destination URL"
            name="destination_url"
            type="url"
            value={values.destination_url}
            error={errors.destination_url}
            placeholder="https://advertiser.example/offer?click={click_id}"
            hint="The offer's address. Macros in braces are replaced for each click, in the path, query or fragment (not the host)."
            required
          />
          <aside class="macros" aria-label="Supported macros">
            <small>Supported macros</small>
            <ul>
              {SUPPORTED_MACROS.map((macro) => (
                <li>
                  <code safe>{`{${macro}}`}</code>
                </li>
              ))}
            </ul>
          </aside>
        </div>
        <div class="grid">
          <FormField
            label="Payout"
            name="payout"
            value={values.payout}
            error={errors.payout}
            hint="Paid to the publisher per conversion, like 1.50"
            attrs={{ inputmode: "decimal" }}
          />
          <FormField
            label="Revenue"
            name="revenue"
            value={values.revenue}
            error={errors.revenue}
            hint="Paid by the advertiser per conversion"
            attrs={{ inputmode: "decimal" }}
          />
          <FormField label="Status" name="status" value={values.status} error={errors.status} options={STATUS_OPTIONS} />
        </div>
        <div class="form-actions">
          <button type="submit">{editing ? "Save campaign" : "Create campaign"}</button>
          <a href="/admin/campaigns" class="secondary">
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}
