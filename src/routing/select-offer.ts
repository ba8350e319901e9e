import { isEligible } from "./match-entry";
import { pickWeighted } from "./pick-weighted";
import type { Decision, OfferStats, PlanEntry, RandomSource, RoutingPlan, Visitor } from "./types";

/** Auto rotation: share of fully explored clicks still spread by weight, so rankings can change. */
export const EXPLORE_RATE = 0.1;

/**
 * Decide where one click goes. Pure: the plan, visitor and stats are plain data, and every
 * random choice comes from `random` (values in [0, 1)), so a seeded source replays a decision.
 *
 * Steps, first match wins:
 * 1. publisher access not approved (or account inactive) -> fallback `not_approved`;
 * 2. smartlink paused -> fallback `paused`;
 * 3. walk `plan.tiers` best first; the first tier with an entry that `isEligible` for the
 *    visitor picks among its eligible entries (see the rotations below) -> `offer`;
 * 4. no eligible entry in any tier -> fallback `no_eligible_offer`.
 * A fallback carries `plan.fallbackUrl`, which may be null: the HTTP layer then applies the
 * network default.
 *
 * Rotations inside the winning tier:
 * - `weighted`: `pickWeighted` by `entry.weight` (one draw).
 * - `auto` (explore, then exploit), with `stats` keyed by campaign id (missing = 0 clicks):
 *   a. entries with fewer than `plan.explorationClicks` clicks exist -> weighted pick among
 *      them (one draw);
 *   b. else one draw below `EXPLORE_RATE` -> weighted pick among all eligible (second draw);
 *   c. else the entry with the best value per click for `plan.optimizeFor`, ties picked by
 *      weight (second draw). See `valuePerClick`.
 *
 * Never throws.
 */
export function selectOffer(
  plan: RoutingPlan,
  visitor: Visitor,
  stats: ReadonlyMap<number, OfferStats> | undefined,
  random: RandomSource,
): Decision {
  if (!plan.accessApproved) return { kind: "fallback", reason: "not_approved", url: plan.fallbackUrl };
  if (!plan.smartlinkActive) return { kind: "fallback", reason: "paused", url: plan.fallbackUrl };

  for (const tier of plan.tiers) {
    const eligible = tier.filter((entry) => isEligible(entry, visitor));
    if (eligible.length === 0) continue;
    const entry =
      plan.rotation === "auto" ? pickAuto(eligible, plan, stats, random) : pickWeighted(eligible, weightOf, random);
    // Always defined: eligible entries weigh more than 0.
    if (entry) return { kind: "offer", reason: "offer", entry };
  }
  return { kind: "fallback", reason: "no_eligible_offer", url: plan.fallbackUrl };
}

function weightOf(entry: PlanEntry): number {
  return entry.weight;
}

function pickAuto(
  eligible: readonly PlanEntry[],
  plan: RoutingPlan,
  stats: ReadonlyMap<number, OfferStats> | undefined,
  random: RandomSource,
): PlanEntry | undefined {
  const clicksOf = (entry: PlanEntry) => stats?.get(entry.campaignId)?.clicks ?? 0;
  const underExplored = pickWeighted(
    eligible,
    (entry) => (clicksOf(entry) < plan.explorationClicks ? entry.weight : 0),
    random,
  );
  if (underExplored) return underExplored;
  if (random() < EXPLORE_RATE) return pickWeighted(eligible, weightOf, random);

  const valueOf = (entry: PlanEntry) => valuePerClick(stats?.get(entry.campaignId), plan.optimizeFor);
  let best = -Infinity;
  for (const entry of eligible) best = Math.max(best, valueOf(entry));
  return pickWeighted(eligible, (entry) => (valueOf(entry) === best ? entry.weight : 0), random);
}

/**
 * Cents per click for the metric the smartlink optimises: `epc` = payout (what the publisher
 * earns), `revenue` = revenue (what the network earns), `profit` = revenue - payout. An entry
 * without clicks (possible only when `explorationClicks` is 0) counts as 0.
 *
 * Compared by plain division, not cross multiplication: cents x clicks can pass 2^53 on a busy
 * link, while IEEE division is correctly rounded, so equal ratios (10/3 and 20/6) give the same
 * number and tie exactly. Ratios closer than about 1e-16 of their size would also tie, which is
 * harmless.
 */
function valuePerClick(stats: OfferStats | undefined, metric: RoutingPlan["optimizeFor"]): number {
  if (!stats || stats.clicks === 0) return 0;
  const cents =
    metric === "epc"
      ? stats.payoutCents
      : metric === "revenue"
        ? stats.revenueCents
        : stats.revenueCents - stats.payoutCents;
  return cents / stats.clicks;
}
