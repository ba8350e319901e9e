/**
 * Sub-IDs: the publisher's own labels on a tracking link (`?pub_sub=news&sub1=banner`). Read
 * from a click's query string by the redirect, and written into links by the portal's builder.
 */

/** Every sub-ID a tracking link accepts, in display order. */
export const SUB_ID_KEYS = ["pub_sub", "sub1", "sub2", "sub3", "sub4", "sub5"] as const;
export type SubIdKey = (typeof SUB_ID_KEYS)[number];
/** Sub-ID values of one click; null when absent or empty. */
export type SubIds = Record<SubIdKey, string | null>;

/**
 * Longest sub-ID value kept, in characters (Unicode code points, as Postgres counts them);
 * longer values are cut, never rejected, so a click is never refused for its labels (the
 * industry's norm: networks keep a fixed maximum such as 255 and truncate).
 */
export const MAX_SUB_LENGTH = 255;

/**
 * The sub-IDs of a query string (`URLSearchParams`) or a parsed query/form object: first value
 * if repeated, NUL characters dropped (Postgres text cannot hold them), lone UTF-16 surrogates
 * (possible in JSON bodies) replaced by U+FFFD, cut to `MAX_SUB_LENGTH` code points (never
 * inside a surrogate pair, which `encodeURIComponent` would refuse).
 */
export function readSubIds(query: URLSearchParams | Record<string, unknown>): SubIds {
  const subs = {} as SubIds;
  const isParams = query instanceof URLSearchParams;
  for (const key of SUB_ID_KEYS) subs[key] = readSub(isParams ? query.get(key) : query[key]);
  return subs;
}

function readSub(raw: unknown): string | null {
  let value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return null;
  if (value.includes("\0")) value = value.replaceAll("\0", "");
  if (value === "") return null;
  return cutToLength(value.toWellFormed(), MAX_SUB_LENGTH);
}

/** `value` cut to at most `max` code points (a string of at most `max` UTF-16 units is kept as is). */
function cutToLength(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = 0;
  for (let kept = 0; kept < max && end < value.length; kept++) end += value.codePointAt(end)! > 0xffff ? 2 : 1;
  return value.slice(0, end);
}

/**
 * `link` with the given sub-IDs in its query string (trimmed; empty ones left out), encoded as
 * `URLSearchParams` does, in `SUB_ID_KEYS` order.
 */
export function withSubIds(link: string, subs: Partial<Record<SubIdKey, string | null | undefined>>): string {
  const url = new URL(link);
  for (const key of SUB_ID_KEYS) {
    const value = subs[key]?.trim();
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}
