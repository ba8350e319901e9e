/**
 * The two small pages the redirect path can answer instead of a 302. Static strings: they
 * echo nothing from the request, so there is nothing to escape.
 */

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#333}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

const NOT_FOUND_HTML = page("Link not found", "This tracking link does not exist or has been removed.");
const NO_OFFER_HTML = page("No offer available", "There is no offer for you on this link right now.");

const htmlHeaders = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

/** 404 for unknown or malformed codes. */
export function notFoundPage(): Response {
  return new Response(NOT_FOUND_HTML, { status: 404, headers: htmlHeaders });
}

/** 404 when nothing is eligible and neither the smartlink nor the network has a fallback URL. */
export function noOfferPage(): Response {
  return new Response(NO_OFFER_HTML, { status: 404, headers: htmlHeaders });
}

const UNAVAILABLE_HTML = page("Temporarily unavailable", "This link cannot be served right now. Please try again shortly.");

/** 503 when a cache miss cannot reach the database and no network fallback URL is set. */
export function unavailablePage(): Response {
  return new Response(UNAVAILABLE_HTML, { status: 503, headers: { ...htmlHeaders, "Retry-After": "5" } });
}
