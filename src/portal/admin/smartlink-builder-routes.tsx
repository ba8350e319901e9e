/**
 * The smartlink builder: GET/POST /admin/smartlinks/new, GET/POST /admin/smartlinks/:id/edit,
 * and GET /admin/smartlinks/pool-row?index=N (one more offer pool row, for "Add offer").
 * Field names and error keys: see `smartlink-form.ts`. A valid form goes to the smartlink's
 * page (303); an invalid one comes back (422) with the messages next to the fields.
 */
import { Html } from "@elysiajs/html";
import type { AppDeps } from "../../app";
import { listCampaigns } from "../../campaigns/campaign-service";
import { listTrackingDomains } from "../../tracking-domains/tracking-domain-service";
import { createSmartlink, getSmartlink, updateSmartlink } from "../../smartlinks/smartlink-service";
import { parseId } from "../../api/params";
import { portalSection } from "../portal-section";
import { orNotFound, submitForm } from "./catalog-helpers";
import { formErrors, formFromBody, formToInput, newSmartlinkForm, smartlinkToForm } from "./smartlink-form";
import type { FieldOptions } from "../../../views/components/form-field";
import type { Viewer } from "../../../views/layouts/page";
import type { FormErrors, SmartlinkFormValues } from "../../../views/admin/smartlinks/form-values";
import { EMPTY_POOL_ROW } from "../../../views/admin/smartlinks/form-values";
import { SmartlinkBuilderPage } from "../../../views/admin/smartlinks/builder-page";
import { AddOfferButton, PoolRow } from "../../../views/admin/smartlinks/pool-row";

/** The largest row number "Add offer" hands out (the service caps the pool at 500 rows anyway). */
const MAX_ROW_INDEX = 100_000;

/** Campaign choices of the Offer select; paused campaigns say so. */
async function offerOptions(deps: AppDeps): Promise<FieldOptions> {
  const campaigns = await listCampaigns(deps.database.db);
  return campaigns.map((c) => [String(c.id), c.status === "paused" ? `${c.name} (paused)` : c.name] as const);
}

/** Tracking domain choices: the default (PUBLIC_URL), every added host, and `current` if gone. */
async function domainOptions(deps: AppDeps, current: string): Promise<FieldOptions> {
  const hosts = (await listTrackingDomains(deps.database.db)).map((d) => d.host);
  if (current !== "" && !hosts.includes(current)) hosts.push(current);
  return [["", `Default (${deps.publicUrl()})`], ...hosts.map((h) => [h, h] as const)];
}

/** Props shared by the new and edit builders. */
interface BuilderMode {
  title: string;
  action: string;
  submitLabel: string;
  cancelHref: string;
}

async function builderPage(deps: AppDeps, viewer: Viewer, mode: BuilderMode, values: SmartlinkFormValues, errors: FormErrors) {
  return (
    <SmartlinkBuilderPage
      viewer={viewer}
      {...mode}
      values={values}
      errors={errors}
      offers={await offerOptions(deps)}
      trackingDomains={await domainOptions(deps, values.tracking_domain)}
    />
  );
}

const NEW_MODE: BuilderMode = {
  title: "New smartlink",
  action: "/admin/smartlinks/new",
  submitLabel: "Create smartlink",
  cancelHref: "/admin/smartlinks",
};

const editMode = (id: number, name: string): BuilderMode => ({
  title: `Edit ${name}`,
  action: `/admin/smartlinks/${id}/edit`,
  submitLabel: "Save smartlink",
  cancelHref: `/admin/smartlinks/${id}`,
});

/** The builder routes (admin only). */
export function smartlinkBuilderRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return portalSection(deps, "admin")
    .get("/admin/smartlinks/new", ({ viewer }) => builderPage(deps, viewer, NEW_MODE, newSmartlinkForm(), {}))
    .post("/admin/smartlinks/new", async ({ viewer, body, set, redirect }) => {
      const values = formFromBody(body);
      const result = await submitForm(() => createSmartlink(db, formToInput(values)));
      if (result.ok) return redirect(`/admin/smartlinks/${result.value.id}?notice=created`, 303);
      set.status = 422;
      return builderPage(deps, viewer, NEW_MODE, values, formErrors(result.errors, values));
    })
    .get("/admin/smartlinks/pool-row", async ({ query }) => {
      const asked = Number(query.index);
      const index = Number.isInteger(asked) && asked >= 0 && asked <= MAX_ROW_INDEX ? asked : MAX_ROW_INDEX;
      return (
        <>
          <PoolRow index={index} row={EMPTY_POOL_ROW} offers={await offerOptions(deps)} errors={{}} />
          <AddOfferButton nextIndex={index + 1} oob />
        </>
      );
    })
    .get("/admin/smartlinks/:id/edit", ({ viewer, params }) =>
      orNotFound(viewer, "smartlink", "/admin/smartlinks", async () => {
        const smartlink = await getSmartlink(db, parseId(params.id, "smartlink"));
        return builderPage(deps, viewer, editMode(smartlink.id, smartlink.name), smartlinkToForm(smartlink), {});
      }),
    )
    .post("/admin/smartlinks/:id/edit", ({ viewer, params, body, set, redirect }) =>
      orNotFound(viewer, "smartlink", "/admin/smartlinks", async () => {
        const id = parseId(params.id, "smartlink");
        const values = formFromBody(body);
        const result = await submitForm(() => updateSmartlink(db, id, formToInput(values)));
        if (result.ok) return redirect(`/admin/smartlinks/${id}?notice=saved`, 303);
        const stored = await getSmartlink(db, id);
        set.status = 422;
        return builderPage(deps, viewer, editMode(id, stored.name), values, formErrors(result.errors, values));
      }),
    );
}
