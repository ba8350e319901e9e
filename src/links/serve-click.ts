/**
 * Steps 3 to 5 of serving a click, shared by the /s/:code redirect and the portal's test click:
 * decide, build the destination, record the click. No I/O but queueing the click.
 */
import type { AppDeps } from "../app";
import { buildDestination, usableUrl } from "../routing/build-destination";
import { selectOffer } from "../routing/select-offer";
import type { Decision, RoutingPlan, Visitor } from "../routing/types";
import type { SubIds } from "./sub-ids";

export interface ClickToServe {
  plan: RoutingPlan;
  visitor: Visitor;
  subs: SubIds;
  /** A HEAD request: recorded, never counted. */
  isHead: boolean;
  /** A publisher's test click from the portal: recorded, never counted. */
  isTest: boolean;
}

export interface ServedClick {
  clickId: string;
  decision: Decision;
  /** Where the visitor goes; null when nothing fits and no fallback URL is set anywhere. */
  destination: string | null;
  /** False when the click buffer was full and dropped the click. */
  queued: boolean;
}

/**
 * Decide where one click goes (a pure function of plan, visitor, stats and randomness), build
 * the destination from the campaign's URL template or take the fallback chain (smartlink, then
 * network default), and queue the click record. The destination is always visible ASCII (safe
 * for a `Location` header) or null. Never throws but for the click buffer.
 */
export function serveClick(
  deps: Pick<AppDeps, "config" | "stats" | "random" | "clicks">,
  { plan, visitor, subs, isHead, isTest }: ClickToServe,
): ServedClick {
  // 3. Decide.
  const stats = plan.rotation === "auto" ? deps.stats.get(plan.smartlinkId) : undefined;
  let decision: Decision = selectOffer(plan, visitor, stats, deps.random);

  // 4. Build the destination from the campaign's template; a template no usable URL can be
  //    built from (stored before URLs were checked) sends the click down the fallback chain
  //    as `bad_destination`. The chain (smartlink, then network default) skips unusable URLs.
  const clickId = Bun.randomUUIDv7();
  let destination: string | null = null;
  if (decision.kind === "offer") {
    destination = buildDestination(decision.entry.urlTemplate, {
      click_id: clickId,
      publisher_id: String(plan.publisherId),
      smartlink_id: String(plan.smartlinkId),
      campaign_id: String(decision.entry.campaignId),
      ...subs,
      country: visitor.country,
      device: visitor.device,
    });
    if (destination === null) decision = { kind: "fallback", reason: "bad_destination", url: plan.fallbackUrl };
  }
  if (decision.kind === "fallback") {
    destination = usableUrl(decision.url) ?? usableUrl(deps.config.defaultFallbackUrl);
  }

  // 5. Record the click (queued, batched).
  const queued = deps.clicks.record({
    id: clickId,
    createdAt: new Date(),
    smartlinkId: plan.smartlinkId,
    publisherId: plan.publisherId,
    campaignId: decision.kind === "offer" ? decision.entry.campaignId : null,
    reason: decision.reason,
    country: visitor.country,
    device: visitor.device,
    os: visitor.os,
    browser: visitor.browser,
    ip: visitor.ip,
    isBot: visitor.isBot,
    isHead,
    isTest,
    pubSub: subs.pub_sub,
    sub1: subs.sub1,
    sub2: subs.sub2,
    sub3: subs.sub3,
    sub4: subs.sub4,
    sub5: subs.sub5,
  });
  return { clickId, decision, destination, queued };
}
