/** Cheap reads of a request URL for the edge hooks (no `new URL` per request). */

/** The path of a request URL, without the query string. */
export function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return "/";
  const end = url.indexOf("?", start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/** True for the JSON API's paths (`/api` and below). */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}
