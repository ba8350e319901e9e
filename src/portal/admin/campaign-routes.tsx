/**
 * Admin campaigns pages:
 * - GET  /admin/campaigns            list (query `q`, `status`); htmx: just the table body
 * - GET  /admin/campaigns/new        New campaign form
 * - POST /admin/campaigns            create; 303 to the list, or the form again with 422
 * - GET  /admin/campaigns/:id/edit   Edit campaign form
 * - POST /admin/campaigns/:id        save; 303 to the list, or the form again with 422
 * - POST /admin/campaigns/:id/pause|resume   in place; htmx: the new row, else 303
 */
import { t } from "elysia";
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import type { Campaign } from "../../db/schema";
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
  type CampaignInput,
  type CampaignStatus,
} from "../../campaigns/campaign-service";
import { CampaignFormPage, NEW_CAMPAIGN_VALUES, type CampaignFormValues } from "../../../views/admin/campaigns/campaign-form-page";
import { CampaignRow } from "../../../views/admin/campaigns/campaign-row";
import { CampaignRows } from "../../../views/admin/campaigns/campaign-rows";
import { CampaignsPage, type CampaignFilter } from "../../../views/admin/campaigns/campaigns-page";
import { isHtmx, portalSection } from "../portal-section";
import { idParam, orNotFound, rowOrRedirect, submitForm } from "./catalog-helpers";

const LIST = "/admin/campaigns";
const NOTICES: Record<string, string> = { created: "Campaign created.", saved: "Campaign saved." };

const campaignBody = t.Object({
  _csrf: t.Optional(t.String()),
  name: t.Optional(t.String()),
  destination_url: t.Optional(t.String()),
  payout: t.Optional(t.String()),
  revenue: t.Optional(t.String()),
  status: t.Optional(t.String()),
});
type CampaignBody = typeof campaignBody.static;

const idParams = t.Object({ id: idParam() });

/** The form as typed (missing fields as their empty-form defaults). */
function formValues(body: CampaignBody): CampaignFormValues {
  return {
    name: body.name ?? "",
    destination_url: body.destination_url ?? "",
    payout: body.payout ?? "",
    revenue: body.revenue ?? "",
    status: body.status ?? NEW_CAMPAIGN_VALUES.status,
  };
}

/** Form fields to service input; the service checks every value (status included). */
function campaignInput(values: CampaignFormValues): CampaignInput {
  return {
    name: values.name,
    destinationUrl: values.destination_url,
    payout: values.payout,
    revenue: values.revenue,
    status: values.status as CampaignStatus,
  };
}

/** A stored campaign as form values. */
function storedValues(campaign: Campaign): CampaignFormValues {
  return {
    name: campaign.name,
    destination_url: campaign.destinationUrl,
    payout: campaign.payout,
    revenue: campaign.revenue,
    status: campaign.status,
  };
}

/**
 * Campaigns whose name contains `filter.q` (case-insensitive) and whose status is
 * `filter.status` ("" = any). In memory: a network has hundreds of campaigns, not millions.
 */
export function filterCampaigns(campaigns: Campaign[], filter: CampaignFilter): Campaign[] {
  const q = filter.q.trim().toLowerCase();
  return campaigns.filter(
    (c) => (q === "" || c.name.toLowerCase().includes(q)) && (filter.status === "" || c.status === filter.status),
  );
}

/** The campaigns page set (see the module comment), admin only. */
export function campaignRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin")
    .get(
      LIST,
      async ({ viewer, query, request }) => {
        const status = query.status === "active" || query.status === "paused" ? query.status : "";
        const filter: CampaignFilter = { q: query.q ?? "", status };
        const campaigns = filterCampaigns(await listCampaigns(db), filter);
        if (isHtmx(request)) {
          return <CampaignRows campaigns={campaigns} csrfToken={viewer.csrfToken} filtered={filter.q !== "" || status !== ""} />;
        }
        return <CampaignsPage viewer={viewer} campaigns={campaigns} filter={filter} notice={NOTICES[query.notice ?? ""]} />;
      },
      {
        query: t.Object({
          q: t.Optional(t.String({ maxLength: 200 })),
          status: t.Optional(t.String()),
          notice: t.Optional(t.String()),
        }),
      },
    )
    .get(`${LIST}/new`, ({ viewer }) => <CampaignFormPage viewer={viewer} values={NEW_CAMPAIGN_VALUES} />)
    .post(
      LIST,
      async ({ viewer, body, set, redirect }) => {
        const values = formValues(body);
        const result = await submitForm(() => createCampaign(db, campaignInput(values)));
        if (result.ok) return redirect(`${LIST}?notice=created`, 303);
        set.status = 422;
        return <CampaignFormPage viewer={viewer} values={values} errors={result.errors} />;
      },
      { body: campaignBody },
    )
    .get(
      `${LIST}/:id/edit`,
      async ({ viewer, params }) => {
        const campaign = await orNotFound(viewer, "campaign", LIST, () => getCampaign(db, params.id));
        if (campaign instanceof Response) return campaign;
        return <CampaignFormPage viewer={viewer} campaignId={campaign.id} values={storedValues(campaign)} />;
      },
      { params: idParams },
    )
    .post(
      `${LIST}/:id`,
      async ({ viewer, params, body, set, redirect }) => {
        const values = formValues(body);
        const saved = await orNotFound(viewer, "campaign", LIST, () =>
          submitForm(() => updateCampaign(db, params.id, campaignInput(values))),
        );
        if (saved instanceof Response) return saved;
        if (saved.ok) return redirect(`${LIST}?notice=saved`, 303);
        set.status = 422;
        return <CampaignFormPage viewer={viewer} campaignId={params.id} values={values} errors={saved.errors} />;
      },
      { params: idParams, body: campaignBody },
    )
    .post(
      `${LIST}/:id/:action`,
      async ({ viewer, params, request }) => {
        const status: CampaignStatus = params.action === "pause" ? "paused" : "active";
        const campaign = await orNotFound(viewer, "campaign", LIST, () => updateCampaign(db, params.id, { status }));
        if (campaign instanceof Response) return campaign;
        return rowOrRedirect(request, <CampaignRow campaign={campaign} csrfToken={viewer.csrfToken} />, LIST);
      },
      {
        params: t.Object({
          id: idParam(),
          action: t.Union([t.Literal("pause"), t.Literal("resume")]),
        }),
      },
    );
}
