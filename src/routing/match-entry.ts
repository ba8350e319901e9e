import type { PlanEntry, Visitor } from "./types";

/**
 * Whether a pool entry may receive this visitor's click.
 *
 * True when all hold:
 * - the entry's campaign is active (`campaignActive`);
 * - its weight is above 0 (a weight of 0 parks the offer without removing it from the pool);
 * - `countries` is empty (any country), or contains the visitor's country. A visitor whose
 *   country is unknown (`null`) therefore matches only entries without a country list:
 *   geo-targeted offers never get traffic we cannot place;
 * - `devices` is empty (any device), or contains the visitor's device.
 *
 * Pure and total: never throws. Country codes are compared as given (upper-case ISO 3166-1
 * alpha-2 on both sides, see `types.ts`).
 */
export function isEligible(entry: PlanEntry, visitor: Visitor): boolean {
  if (!entry.campaignActive || !(entry.weight > 0)) return false;
  if (entry.countries.size > 0 && (visitor.country === null || !entry.countries.has(visitor.country))) {
    return false;
  }
  return entry.devices.size === 0 || entry.devices.has(visitor.device);
}
