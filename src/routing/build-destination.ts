import { MACRO_PATTERN, normalizeUrlTemplate, type MacroName } from "./url-template";

export { SUPPORTED_MACROS, type MacroName } from "./url-template";

/** One value per supported macro, raw (not yet URL-encoded); null stands for "no value". */
export type MacroValues = Readonly<Record<MacroName, string | null>>;

/**
 * Macros whose values are URL-safe by construction (UUIDs, integer ids, ISO country codes,
 * device classes): inserted as they are. The sub-IDs come from visitors' URLs and are encoded.
 */
const SAFE_MACROS: ReadonlySet<MacroName> = new Set(["click_id", "publisher_id", "smartlink_id", "campaign_id", "country", "device"]);

/** What a `Location` header may carry: visible ASCII only (no space, control or 8-bit byte). */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * A template in normal form (`url`) split once into literal text (even indexes of `parts`) and
 * macro names (odd indexes); null for a template that has no normal form.
 */
type CompiledTemplate = { url: string; parts: readonly string[] } | null;

/** Compiled templates by template text; templates are few (one per campaign), so it stays small. */
const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  let entry = compiled.get(template);
  if (entry === undefined) {
    const normal = normalizeUrlTemplate(template.trim());
    entry = normal.ok ? { url: normal.url, parts: normal.url.split(MACRO_PATTERN) } : null;
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(template, entry);
  }
  return entry;
}

/**
 * The offer URL for one click: the template in normal form (`normalizeUrlTemplate`: rows saved
 * before URLs were normalised get it here) with every `{macro}` of `SUPPORTED_MACROS` replaced
 * by its value, null values by the empty string. Sub-IDs (`pub_sub`, `sub1`..`sub5`) go through
 * `encodeURIComponent`, so `&`, `#`, `=`, `/`, spaces and non-ASCII text cannot break out of
 * their slot; the other macros are URL-safe by construction. Unknown `{placeholders}` stay as
 * the normal form writes them (an advertiser's own syntax, or a typo the admin API reports).
 *
 * The template is normalised and split on its macros once and cached, so a click costs one join.
 *
 * @returns the URL, always visible ASCII; null when no usable URL can be built: the template
 *   has no normal form (say a control character, or a macro in the host, stored before such
 *   templates were refused), a value holds a lone UTF-16 surrogate, or the result would hold
 *   anything but visible ASCII. Never throws.
 */
export function buildDestination(template: string, values: MacroValues): string | null {
  const parts = compile(template)?.parts;
  if (!parts) return null;
  let url = parts[0]!;
  try {
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] as MacroName;
      const value = values[name] ?? "";
      url += (SAFE_MACROS.has(name) ? value : encodeURIComponent(value)) + parts[i + 1]!;
    }
  } catch {
    return null; // URIError: a lone surrogate
  }
  return VISIBLE_ASCII.test(url) ? url : null;
}

/**
 * A stored URL used as it is (a fallback URL), in normal form; null when it is null or has no
 * normal form. Cached like templates.
 */
export function usableUrl(url: string | null): string | null {
  const normal = url === null ? null : compile(url)?.url;
  return normal && VISIBLE_ASCII.test(normal) ? normal : null;
}
