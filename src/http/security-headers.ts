/**
 * Response headers that protect the portal pages (OWASP Secure Headers):
 * - `Content-Security-Policy`: scripts, styles, images, forms and fetches from this origin only
 *   (htmx and app.js are files under /public; views use no inline script, style or `hx-on`), no
 *   plugins, no framing (`frame-ancestors 'none'`, plus `X-Frame-Options: DENY` for old browsers);
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`;
 * - `Strict-Transport-Security` only when the request came over https (directly, or through a
 *   trusted proxy's `X-Forwarded-Proto`), since browsers ignore it over http;
 * - `Cache-Control: no-store` on every page (signed-in pages carry account data and CSRF tokens),
 *   not on the static files under /public.
 *
 * `/s/:code` is served outside Elysia and sets only its own `Cache-Control: no-store`; the API
 * and /healthz get `nosniff` only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const HSTS = "max-age=31536000";

/** True when the client reached us over https (a trusted proxy's word counts when trustProxy > 0). */
export function isHttps(request: Request, trustProxy: number): boolean {
  if (request.url.startsWith("https:")) return true;
  if (trustProxy <= 0) return false;
  // The proxy next to us appends its own value last.
  const proto = request.headers.get("x-forwarded-proto")?.split(",").pop()?.trim().toLowerCase();
  return proto === "https";
}

/**
 * The headers to add to the answer for `path`.
 * @param trustProxy number of trusted proxy hops (`TRUST_PROXY`)
 */
export function securityHeaders(request: Request, path: string, trustProxy: number): Record<string, string> {
  if (path.startsWith("/api/") || path === "/healthz") return { "x-content-type-options": "nosniff" };
  const headers: Record<string, string> = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
  if (!path.startsWith("/public/") && path !== "/favicon.ico") headers["cache-control"] = "no-store";
  if (isHttps(request, trustProxy)) headers["strict-transport-security"] = HSTS;
  return headers;
}
