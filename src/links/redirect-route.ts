/**
 * The hot path: GET and HEAD /s/:code -> 302 to the chosen offer (or a fallback).
 *
 * Each step is one call; nothing here waits for the database on a cache hit, and the click is
 * queued, never written inline.
 */
import { Elysia } from "elysia";
import { uuidv7 } from "uuidv7";
import type { AppDeps } from "../app";
import { buildDestination } from "../routing/build-destination";
import { selectOffer } from "../routing/select-offer";
import type { RoutingPlan } from "../routing/types";
import { isWellFormedCode } from "./link-code";
import { notFoundPage, noOfferPage } from "./redirect-pages";

/** Longest sub-ID value kept (characters); longer values are cut, never rejected. */
const MAX_SUB_LENGTH = 255;

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

    // 3. Decide: a pure function of plan, visitor, stats and randomness.
    const stats = plan.rotation === "auto" ? deps.stats.get(plan.smartlinkId) : undefined;
    const decision = selectOffer(plan, visitor, stats, deps.random);

    // 4. Build the destination from the campaign's template, or take the fallback chain.
    const clickId = uuidv7();
    const subs = {
      pub_sub: sub(query.pub_sub),
      sub1: sub(query.sub1),
      sub2: sub(query.sub2),
      sub3: sub(query.sub3),
      sub4: sub(query.sub4),
      sub5: sub(query.sub5),
    };
    const destination =
      decision.kind === "offer"
        ? buildDestination(decision.entry.urlTemplate, {
            click_id: clickId,
            publisher_id: String(plan.publisherId),
            smartlink_id: String(plan.smartlinkId),
            campaign_id: String(decision.entry.campaignId),
            ...subs,
            country: visitor.country,
            device: visitor.device,
          })
        : (decision.url ?? deps.config.defaultFallbackUrl);

    // 5. Record the click (queued, batched) and answer.
    deps.clicks.record({
      id: clickId,
      createdAt: new Date(),
      smartlinkId: plan.smartlinkId,
      publisherId: plan.publisherId,
      campaignId: decision.kind === "offer" ? decision.entry.campaignId : null,
      reason: decision.reason,
      destination: destination ?? "",
      country: visitor.country,
      device: visitor.device,
      os: visitor.os,
      browser: visitor.browser,
      ip: visitor.ip,
      isBot: visitor.isBot,
      isHead: request.method === "HEAD",
      pubSub: subs.pub_sub,
      sub1: subs.sub1,
      sub2: subs.sub2,
      sub3: subs.sub3,
      sub4: subs.sub4,
      sub5: subs.sub5,
    });
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

/** A sub-ID from the query string: first value if repeated, null when absent or empty. */
function sub(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value === "") return null;
  return value.length > MAX_SUB_LENGTH ? value.slice(0, MAX_SUB_LENGTH) : value;
}
