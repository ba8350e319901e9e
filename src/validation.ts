/**
 * Field rules shared by the services (the source of truth) and the API's Elysia models (an early,
 * typed copy of the same bounds). Every check returns the normalized value or records one message
 * per field in a `FieldErrors`, so a form or an API call learns about every bad field at once.
 */
import { ValidationError } from "./errors";
import { DEVICES, type Device } from "./routing/types";
import { normalizeUrlTemplate, type UrlTemplateProblem } from "./routing/url-template";

/** Bounds of every bounded field; the API models and the services both read them. */
export const LIMITS = {
  nameMax: 200,
  descriptionMax: 2000,
  tagsMax: 20,
  tagMax: 40,
  urlMax: 2048,
  emailMax: 254,
  weightMax: 10_000,
  priorityMax: 100,
  explorationClicksMax: 1_000_000,
  poolMax: 500,
  countriesMax: 250,
} as const;

/** Decimal money: up to 10 integer digits and 2 decimals, no sign (fits numeric(12,2)). */
export const MONEY_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;

/** Every message a field check can give; the API models reuse them so both layers agree. */
export const MESSAGES = {
  required: "is required",
  text: (min: number, max: number) => (min > 0 ? `must be ${min} to ${max} characters` : `must be at most ${max} characters`),
  money: 'must be a non-negative amount with at most 2 decimals, like "1.50"',
  url: "must be an absolute http or https URL",
  urlCharacters: "must not contain spaces or control characters (encode them, e.g. %20)",
  urlMacroPlace: "may use {macros} only in the path, query or fragment, not in the host or port",
  urlEncodedLength: (max: number) => `must be at most ${max} characters once encoded`,
  int: (min: number, max: number) => `must be a whole number from ${min} to ${max}`,
  oneOf: (allowed: readonly string[]) => `must be one of ${allowed.join(", ")}`,
  items: (max: number) => `must have at most ${max} items`,
  country: "must be an ISO 3166-1 alpha-2 country code",
  host: "must be a host name like track.example.com (optionally with :port), without scheme or path",
  email: "must be an e-mail address",
  notFound: "not found",
} as const;

/** Collects at most one message per field; `throwIfAny` raises a `ValidationError`. */
export class FieldErrors {
  readonly errors: Record<string, string> = {};

  /** Record `message` for `field` unless the field already has one. */
  add(field: string, message: string): void {
    if (!(field in this.errors)) this.errors[field] = message;
  }

  /** True while no field was recorded. */
  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** @throws ValidationError when any field was recorded */
  throwIfAny(): void {
    if (!this.empty) throw new ValidationError({ ...this.errors });
  }
}

/**
 * Trimmed text of `min..max` characters.
 * @returns the trimmed text, or undefined after recording an error
 */
export function checkText(
  errors: FieldErrors,
  field: string,
  value: string,
  min: number,
  max: number,
): string | undefined {
  const text = value.trim();
  if (text.length < min || text.length > max) {
    errors.add(field, MESSAGES.text(min, max));
    return undefined;
  }
  return text;
}

/**
 * Money as a decimal string. Accepts strings matching `MONEY_PATTERN` ("1", "1.5", "1.50") and
 * JSON numbers through their shortest string form (1.5 -> "1.5"; 0.1 + 0.2 and 1e21 are
 * rejected, so no float rounding can slip in). The database normalizes to 2 decimals.
 * @returns the decimal string to store, or undefined after recording an error
 */
export function checkMoney(errors: FieldErrors, field: string, value: string | number): string | undefined {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!MONEY_PATTERN.test(text)) {
    errors.add(field, MESSAGES.money);
    return undefined;
  }
  return text;
}

/**
 * An absolute http(s) URL, `{macro}` placeholders allowed in its path, query and fragment, in
 * normal form (`normalizeUrlTemplate`: punycode host, percent-encoded path, query and fragment,
 * macros kept as written). Campaign destination templates and fallback URLs both go through it.
 * @returns the normalised URL, or undefined after recording an error (not a URL, spaces or
 *   control characters, a macro in the host, or longer than `LIMITS.urlMax` before or after
 *   normalising)
 */
export function checkUrl(errors: FieldErrors, field: string, value: string): string | undefined {
  const text = value.trim();
  const normal = text.length === 0 ? null : normalizeUrlTemplate(text);
  if (normal === null || text.length > LIMITS.urlMax) {
    errors.add(field, MESSAGES.url);
    return undefined;
  }
  if (!normal.ok) {
    errors.add(field, URL_PROBLEMS[normal.problem]);
    return undefined;
  }
  if (normal.url.length > LIMITS.urlMax) {
    errors.add(field, MESSAGES.urlEncodedLength(LIMITS.urlMax));
    return undefined;
  }
  return normal.url;
}

const URL_PROBLEMS: Record<UrlTemplateProblem, string> = {
  not_http_url: MESSAGES.url,
  bad_characters: MESSAGES.urlCharacters,
  macro_outside_path: MESSAGES.urlMacroPlace,
};

/** Integer in `min..max`; records an error and returns undefined otherwise. */
export function checkInt(errors: FieldErrors, field: string, value: number, min: number, max: number): number | undefined {
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.add(field, MESSAGES.int(min, max));
    return undefined;
  }
  return value;
}

/** One of `allowed`; records an error and returns undefined otherwise. */
export function checkEnum<T extends string>(
  errors: FieldErrors,
  field: string,
  value: string,
  allowed: readonly T[],
): T | undefined {
  if (!(allowed as readonly string[]).includes(value)) {
    errors.add(field, MESSAGES.oneOf(allowed));
    return undefined;
  }
  return value as T;
}

// ISO 3166-1 alpha-2, officially assigned codes, plus XK (Kosovo), which GeoIP databases use.
const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR " +
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ " +
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW " +
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY " +
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV " +
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG " +
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM " +
    "ZW XK"
  ).split(" "),
);

/** True for an assigned ISO 3166-1 alpha-2 code (upper case) or XK. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/**
 * Country codes, any case in, upper case and de-duplicated out. Errors go to `field.N`.
 * @returns the codes, or undefined after recording an error
 */
export function checkCountries(errors: FieldErrors, field: string, values: readonly string[]): string[] | undefined {
  if (values.length > LIMITS.countriesMax) {
    errors.add(field, MESSAGES.items(LIMITS.countriesMax));
    return undefined;
  }
  const out = new Set<string>();
  let ok = true;
  values.forEach((value, i) => {
    const code = value.trim().toUpperCase();
    if (!isCountryCode(code)) {
      errors.add(`${field}.${i}`, MESSAGES.country);
      ok = false;
    } else out.add(code);
  });
  return ok ? [...out] : undefined;
}

/**
 * Device classes (`mobile|tablet|desktop`), de-duplicated. Errors go to `field.N`.
 * @returns the devices, or undefined after recording an error
 */
export function checkDevices(errors: FieldErrors, field: string, values: readonly string[]): Device[] | undefined {
  const out = new Set<Device>();
  let ok = true;
  values.forEach((value, i) => {
    const device = checkEnum(errors, `${field}.${i}`, value, DEVICES);
    if (device) out.add(device);
    else ok = false;
  });
  return ok ? [...out] : undefined;
}

const HOST_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST_PATTERN = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*(?::(\\d{1,5}))?$`);

/**
 * A bare host name with an optional port (`track.example.com`, `localhost:3000`), lower-cased.
 * Blank means none.
 * @returns the host, null for none, or undefined after recording an error
 */
export function checkHost(errors: FieldErrors, field: string, value: string | null): string | null | undefined {
  if (value === null || value.trim() === "") return null;
  const host = value.trim().toLowerCase();
  const match = HOST_PATTERN.exec(host);
  const port = match?.[1] === undefined ? 0 : Number(match[1]);
  if (!match || host.split(":")[0]!.length > 253 || port > 65535) {
    errors.add(field, MESSAGES.host);
    return undefined;
  }
  return host;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An e-mail address, trimmed and lower-cased (so uniqueness ignores case).
 * @returns the address, or undefined after recording an error
 */
export function checkEmail(errors: FieldErrors, field: string, value: string): string | undefined {
  const email = value.trim().toLowerCase();
  if (email.length > LIMITS.emailMax || !EMAIL_PATTERN.test(email)) {
    errors.add(field, MESSAGES.email);
    return undefined;
  }
  return email;
}

/**
 * Tags: at most `LIMITS.tagsMax`, each 1..`LIMITS.tagMax` characters after trimming,
 * de-duplicated in order. Errors go to `field` or `field.N`.
 */
export function checkTags(errors: FieldErrors, field: string, values: readonly string[]): string[] | undefined {
  if (values.length > LIMITS.tagsMax) {
    errors.add(field, MESSAGES.items(LIMITS.tagsMax));
    return undefined;
  }
  const out = new Set<string>();
  let ok = true;
  values.forEach((value, i) => {
    const tag = checkText(errors, `${field}.${i}`, value, 1, LIMITS.tagMax);
    if (tag === undefined) ok = false;
    else out.add(tag);
  });
  return ok ? [...out] : undefined;
}
