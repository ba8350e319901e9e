/**
 * The hot path: GET and HEAD /s/:code -> 302 to the chosen offer (or a fallback).
 *
 * Served as a Bun-native route (`redirectRoutes`, passed to Bun.serve through Elysia's
 * `serve.routes`), outside Elysia's request lifecycle: no cookie or body parsing, no portal
 * hooks, no sessions. Nothing here waits for the database on a cache hit, and the click is
 * queued, never written inline.
 */
import type { BunRequest, Server } from "bun";
import type { AppDeps } from "../app";
import type { RoutingPlan } from "../routing/types";
import { isWellFormedCode } from "./link-code";
import { createMissLimiter } from "./miss-limiter";
import { clientIp } from "../visitor/client-ip";
import { notFoundPage, noOfferPage, unavailablePage } from "./redirect-pages";
import { serveClick } from "./serve-click";
import { readSubIds } from "./sub-ids";

type Handler = (request: BunRequest<string>, server: Server<unknown>) => Response | Promise<Response>;

/**
 * The Bun route table entry for `/s/:code` (GET and HEAD).
 * Answers: 302 to the offer or fallback; 404 for unknown or malformed codes, or when nothing is
 * eligible and no fallback URL exists, or when the code is not cached and the client address
 * used up its budget of misses (UNKNOWN_CODE_LIMIT_PER_MINUTE, see `miss-limiter.ts`); 503 with
 * Retry-After when a cache miss cannot load within ROUTE_MISS_BUDGET_MS (302 to
 * DEFAULT_FALLBACK_URL instead when it is set).
 */
export function redirectRoutes(deps: AppDeps): Record<"/s/:code", { GET: Handler; HEAD: Handler }> {
  const misses = createMissLimiter({ perMinute: deps.config.unknownCodeLimitPerMinute });
  const handle: Handler = async (request, server) => {
    // 1. Resolve the code: a hit (even stale) is synchronous; a miss waits on a batched load
    //    for at most ROUTE_MISS_BUDGET_MS.
    const code = (request.params as Record<string, string>).code ?? "";
    if (!isWellFormedCode(code)) return notFoundPage();
    const socketAddress = server.requestIP(request)?.address ?? null;
    let plan: RoutingPlan | null | undefined = deps.routes.peek(code);
    if (plan === undefined) {
      // A miss costs a query: limited per client address, refunded when the code exists.
      const address = clientIp(socketAddress, request.headers.get("x-forwarded-for"), deps.config.trustProxy);
      if (!misses.take(address)) return notFoundPage();
      try {
        plan = await deps.routes.loadWithin(code, deps.config.routeMissBudgetMs);
      } catch {
        const fallback = deps.config.defaultFallbackUrl;
        return fallback ? redirect(fallback) : unavailablePage();
      }
      if (plan !== null) misses.refund(address);
      // The client gave up while the plan loaded (it may send the request again): no click.
      if (request.signal.aborted) return clientGone();
    }
    if (plan === null) return notFoundPage();

    // 2. Read the visitor: IP, country, device, bot.
    const headers = request.headers;
    const visitor = deps.readVisitor({
      socketAddress,
      forwardedFor: headers.get("x-forwarded-for"),
      userAgent: headers.get("user-agent"),
    });

    // 3-5. Decide, build the destination, record the click.
    const { destination } = serveClick(deps, {
      plan,
      visitor,
      subs: readSubIds(queryOf(request.url)),
      isHead: request.method === "HEAD",
      isTest: false,
    });

    // 6. Answer.
    return destination === null ? noOfferPage() : redirect(destination);
  };
  return { "/s/:code": { GET: handle, HEAD: handle } };
}

/** Nobody reads it: the client closed the connection. 499 as nginx logs it. */
function clientGone(): Response {
  return new Response(null, { status: 499 });
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
}

const NO_QUERY = new URLSearchParams();

/** The query string of a request URL, without parsing the rest of the URL. */
function queryOf(url: string): URLSearchParams {
  const start = url.indexOf("?");
  return start === -1 ? NO_QUERY : new URLSearchParams(url.slice(start + 1));
}
