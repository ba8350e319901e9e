/**
 * Build a publisher's tracking link: `<base>/s/<code>`.
 *
 * @param publicUrl base URL without trailing slash (PUBLIC_URL, or the listening address)
 * @param trackingDomain the smartlink's branded host (e.g. `track.example.com`), or null for
 *   the default; it keeps PUBLIC_URL's scheme
 * @param code the permanent link code
 */
export function trackingUrl(publicUrl: string, trackingDomain: string | null, code: string): string {
  if (!trackingDomain) return `${publicUrl}/s/${code}`;
  const scheme = publicUrl.startsWith("https:") ? "https" : "http";
  return `${scheme}://${trackingDomain}/s/${code}`;
}
