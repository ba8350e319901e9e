/**
 * The smartlink builder's form <-> the smartlink service.
 *
 * Form field names are the wire names (`name`, `fallback_url`, `pool.3.weight`,
 * `pool.3.devices` once per ticked box). Pool row numbers only tell rows apart (rows can be
 * removed in the page, leaving gaps); rows are taken in number order and renumbered 0..n-1,
 * which is also how the service names their errors, so a form re-rendered after an error
 * uses the service's `pool.N.*` keys as they are.
 */
import type { SmartlinkDetail, SmartlinkInput } from "../../smartlinks/smartlink-service";
import type { FormErrors, PoolRowValues, SmartlinkFormValues } from "../../../views/admin/smartlinks/form-values";
import { EMPTY_POOL_ROW } from "../../../views/admin/smartlinks/form-values";
import { MESSAGES } from "../../validation";

const POOL_FIELD = /^pool\.(\d{1,6})\.(campaign_id|weight|priority|countries|devices)$/;

/** The builder of a new smartlink: Ask, weighted, one empty pool row. */
export function newSmartlinkForm(): SmartlinkFormValues {
  return {
    name: "",
    description: "",
    tags: "",
    visibility: "ask",
    tracking_domain: "",
    fallback_url: "",
    rotation: "weighted",
    optimize_for: "epc",
    exploration_clicks: "50",
    pool: [{ ...EMPTY_POOL_ROW }],
  };
}

/** The builder prefilled with a stored smartlink. */
export function smartlinkToForm(smartlink: SmartlinkDetail): SmartlinkFormValues {
  return {
    name: smartlink.name,
    description: smartlink.description,
    tags: smartlink.tags.join(", "),
    visibility: smartlink.visibility,
    tracking_domain: smartlink.trackingDomain ?? "",
    fallback_url: smartlink.fallbackUrl ?? "",
    rotation: smartlink.rotation,
    optimize_for: smartlink.optimizeFor,
    exploration_clicks: String(smartlink.explorationClicks),
    pool: smartlink.pool.map((e) => ({
      campaign_id: String(e.campaignId),
      weight: String(e.weight),
      priority: String(e.priority),
      countries: e.countries.join(", "),
      devices: [...e.devices],
    })),
  };
}

/** A parsed urlencoded body: a repeated field is an array, anything else is ignored. */
type FormBody = Record<string, unknown>;

const text = (body: FormBody, key: string): string => {
  const value = body[key];
  return typeof value === "string" ? value : "";
};
const texts = (body: FormBody, key: string): string[] => {
  const value = body[key];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

/** The builder's values as sent (pool rows in row-number order, renumbered from 0). */
export function formFromBody(raw: unknown): SmartlinkFormValues {
  const body: FormBody = raw && typeof raw === "object" ? (raw as FormBody) : {};
  const rows = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = POOL_FIELD.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  const pool = [...rows]
    .sort((a, b) => a - b)
    .map(
      (n): PoolRowValues => ({
        campaign_id: text(body, `pool.${n}.campaign_id`),
        weight: text(body, `pool.${n}.weight`),
        priority: text(body, `pool.${n}.priority`),
        countries: text(body, `pool.${n}.countries`),
        devices: texts(body, `pool.${n}.devices`),
      }),
    );
  return {
    name: text(body, "name"),
    description: text(body, "description"),
    tags: text(body, "tags"),
    visibility: text(body, "visibility"),
    tracking_domain: text(body, "tracking_domain"),
    fallback_url: text(body, "fallback_url"),
    rotation: text(body, "rotation"),
    optimize_for: text(body, "optimize_for"),
    exploration_clicks: text(body, "exploration_clicks"),
    pool,
  };
}

/** Comma separated tags, blanks dropped. */
const splitTags = (value: string) => value.split(",").map((t) => t.trim()).filter((t) => t !== "");
/** Country codes separated by commas and/or spaces. */
const splitCountries = (value: string) => value.split(/[\s,]+/).filter((c) => c !== "");
/** A whole number as typed; blank is `undefined` (the service's default), anything else NaN. */
const wholeNumber = (value: string) => {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return /^-?\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/** The service input for the form; every field is given, so an update replaces all of them. */
export function formToInput(form: SmartlinkFormValues): SmartlinkInput {
  return {
    name: form.name,
    description: form.description,
    tags: splitTags(form.tags),
    visibility: form.visibility as SmartlinkInput["visibility"],
    trackingDomain: form.tracking_domain,
    fallbackUrl: form.fallback_url,
    rotation: form.rotation as SmartlinkInput["rotation"],
    optimizeFor: form.optimize_for as SmartlinkInput["optimizeFor"],
    explorationClicks: wholeNumber(form.exploration_clicks),
    pool: form.pool.map((row) => ({
      campaignId: wholeNumber(row.campaign_id) ?? 0,
      weight: wholeNumber(row.weight),
      priority: wholeNumber(row.priority),
      countries: splitCountries(row.countries),
      devices: row.devices,
    })),
  };
}

/**
 * The service's errors as the builder shows them: an error on one item of a list field
 * (`tags.2`, `pool.0.countries.1`) goes to the field, naming the item; an offer left on
 * "Choose a campaign" says it is required.
 */
export function formErrors(errors: Record<string, string>, form: SmartlinkFormValues): FormErrors {
  const out: FormErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const item = /^(tags|pool\.(\d+)\.(countries|devices))\.(\d+)$/.exec(key);
    if (item) {
      const field = item[1]!;
      const row = item[2] === undefined ? undefined : form.pool[Number(item[2])];
      const list =
        field === "tags" ? splitTags(form.tags) : item[3] === "countries" ? splitCountries(row?.countries ?? "") : (row?.devices ?? []);
      out[field] ??= `"${list[Number(item[4])] ?? ""}" ${message}`;
      continue;
    }
    const offer = /^pool\.(\d+)\.campaign_id$/.exec(key);
    out[key] = offer && form.pool[Number(offer[1])]?.campaign_id.trim() === "" ? MESSAGES.required : message;
  }
  return out;
}
