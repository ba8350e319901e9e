/** Macro names an offer URL template may use, as `{name}`. The admin UI and API list and validate these. */
export const SUPPORTED_MACROS = [
  "click_id",
  "publisher_id",
  "smartlink_id",
  "campaign_id",
  "pub_sub",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "device",
] as const;

export type MacroName = (typeof SUPPORTED_MACROS)[number];

/** One value per supported macro, raw (not yet URL-encoded); null stands for "no value". */
export type MacroValues = Readonly<Record<MacroName, string | null>>;

const MACRO_PATTERN = new RegExp(`\\{(${SUPPORTED_MACROS.join("|")})\\}`);

/**
 * Macros whose values are URL-safe by construction (UUIDs, integer ids, ISO country codes,
 * device classes): inserted as they are. The sub-IDs come from visitors' URLs and are encoded.
 */
const SAFE_MACROS: ReadonlySet<MacroName> = new Set(["click_id", "publisher_id", "smartlink_id", "campaign_id", "country", "device"]);

/** A template split once into literal text (even indexes) and macro names (odd indexes). */
type CompiledTemplate = readonly string[];

/** Compiled templates by template text; templates are few (one per campaign), so it stays small. */
const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(MACRO_PATTERN);
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/**
 * The offer URL for one click: every `{macro}` of `SUPPORTED_MACROS` in `template` replaced by
 * its value, null values by the empty string. Sub-IDs (`pub_sub`, `sub1`..`sub5`) go through
 * `encodeURIComponent`, so `&`, `#`, `=`, `/`, spaces and non-ASCII text cannot break out of
 * their slot; the other macros are URL-safe by construction. Unknown `{placeholders}` stay as
 * written (an advertiser's own syntax, or a typo the admin API reports).
 *
 * The template is split on its macros once and cached, so a click costs one join.
 *
 * Throws `URIError` (from `encodeURIComponent`) only for a value holding a lone UTF-16
 * surrogate, which `readSubIds` never produces (it replaces them and never cuts a pair).
 */
export function buildDestination(template: string, values: MacroValues): string {
  const parts = compile(template);
  let url = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as MacroName;
    const value = values[name] ?? "";
    url += (SAFE_MACROS.has(name) ? value : encodeURIComponent(value)) + parts[i + 1]!;
  }
  return url;
}
