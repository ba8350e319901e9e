/**
 * Destination URL templates: the macros they may use and their normal form.
 *
 * A template is an absolute http(s) URL with `{macro}` placeholders (`SUPPORTED_MACROS`) that
 * each click fills in (`build-destination.ts`). Its normal form is the WHATWG URL serialisation
 * (`new URL(...).href`: punycode host, lower-case scheme and host, percent-encoded path, query
 * and fragment) with the placeholders kept exactly as written, so it is plain visible ASCII and
 * can go into a `Location` header once the macro values are encoded.
 *
 * Macros may stand only in the path, query and fragment: in the host (`https://{sub1}/`) a
 * visitor's sub-ID would choose the site the click is sent to.
 */

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

/** One supported `{macro}`; the capture group is its name. Not global: `split` keeps the names. */
export const MACRO_PATTERN = new RegExp(`\\{(${SUPPORTED_MACROS.join("|")})\\}`);
const MACROS_GLOBAL = new RegExp(MACRO_PATTERN.source, "g");

/**
 * Characters no URL template may hold: controls (C0, DEL, C1), format characters (bidi
 * overrides, zero-width), lone surrogates, and any whitespace.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\s]/u;

/** Why a template has no normal form. */
export type UrlTemplateProblem =
  /** Not an absolute http or https URL (also: an unparsable port or host). */
  | "not_http_url"
  /** Holds whitespace, a control or format character, or a lone surrogate. */
  | "bad_characters"
  /** A macro in the scheme, user info, host or port. */
  | "macro_outside_path";

export type NormalizedUrlTemplate = { ok: true; url: string } | { ok: false; problem: UrlTemplateProblem };

/**
 * The normal form of a destination URL template (see the module comment). The input is taken
 * as is (callers trim it first). Pure; never throws.
 */
export function normalizeUrlTemplate(template: string): NormalizedUrlTemplate {
  if (!/^https?:/i.test(template)) return { ok: false, problem: "not_http_url" };
  if (FORBIDDEN.test(template)) return { ok: false, problem: "bad_characters" };

  // Stand each macro in for a token that survives URL parsing unchanged anywhere (lower-case
  // letters and digits), parse, check where the tokens ended up, then put the macros back.
  const lower = template.toLowerCase();
  let prefix = "sbmacro";
  while (lower.includes(prefix)) prefix += "x";
  const macros: string[] = [];
  const marked = template.replace(MACROS_GLOBAL, (macro) => `${prefix}${macros.push(macro) - 1}q`);

  let url: URL;
  try {
    url = new URL(marked);
  } catch {
    return { ok: false, problem: macroInAuthority(template) ? "macro_outside_path" : "not_http_url" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, problem: "not_http_url" };
  if ([url.username, url.password, url.host].some((part) => part.includes(prefix))) {
    return { ok: false, problem: "macro_outside_path" };
  }
  let href = url.href;
  macros.forEach((macro, i) => {
    href = href.replaceAll(`${prefix}${i}q`, macro);
  });
  return { ok: true, url: href };
}

/** True when a macro appears between `scheme://` and the first `/`, `\`, `?` or `#` after it. */
function macroInAuthority(template: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:[\\/]*([^\\/?#]*)/i.exec(template)?.[1] ?? "";
  return MACRO_PATTERN.test(authority);
}
