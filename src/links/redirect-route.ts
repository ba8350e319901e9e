/**
 * The hot path: GET and HEAD /s/:code -> 302 to the chosen offer (or a fallback).
 *
 * Each step is one call; nothing here waits for the database on a cache hit, and the click is
 * queued, never written inline.
 */
import { Elysia } from "elysia";
import type { AppDeps } from "../app";
import type { RoutingPlan } from "../routing/types";
import { isWellFormedCode } from "./link-code";
import { notFoundPage, noOfferPage } from "./redirect-pages";
import { serveClick } from "./serve-click";
import { readSubIds } from "./sub-ids";

type Query = Record<string, unknown>;

export function redirectRoute(deps: AppDeps) {
  const handle = async (request: Request, code: string, query: Query, socketAddress: string | null) => {
    // 1. Resolve the code: cache hit is synchronous; a miss loads once (single-flight).
    if (!isWellFormedCode(code)) return notFoundPage();
    let plan: RoutingPlan | null | undefined = deps.routes.peek(code);
    if (plan === undefined) plan = await deps.routes.load(code);
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
      subs: readSubIds(query),
      isHead: request.method === "HEAD",
      isTest: false,
    });

    // 6. Answer.
    if (destination === null) return noOfferPage();
    return new Response(null, {
      status: 302,
      headers: { Location: destination, "Cache-Control": "no-store" },
    });
  };

  return new Elysia({ name: "redirect" })
    .get("/s/:code", ({ request, params, query, server }) =>
      handle(request, params.code, query, server?.requestIP(request)?.address ?? null),
    )
    .head("/s/:code", ({ request, params, query, server }) =>
      handle(request, params.code, query, server?.requestIP(request)?.address ?? null),
    );
}
