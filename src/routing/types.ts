/**
 * Plain data the routing decision works on. No I/O, no clocks: the plan is compiled from the
 * database by `links/load-plan.ts`, the visitor read from the request by `visitor/`.
 */

export const DEVICES = ["mobile", "tablet", "desktop"] as const;
/** Device class read from the User-Agent. Desktop is the default when the UA names no device. */
export type Device = (typeof DEVICES)[number];

/** One pool row, ready to match. Empty `countries` / `devices` sets mean "any". */
export interface PlanEntry {
  campaignId: number;
  /** Relative weight inside its priority tier (0 = never picked by weight). */
  weight: number;
  /** Lower number = tried first. */
  priority: number;
  /** ISO 3166-1 alpha-2, upper case. */
  countries: ReadonlySet<string>;
  devices: ReadonlySet<Device>;
  /** The campaign's status is `active`. */
  campaignActive: boolean;
  /** Destination URL template with `{click_id}`-style macros. */
  urlTemplate: string;
}

/** Everything the hot path needs for one tracking-link code, compiled once and cached. */
export interface RoutingPlan {
  code: string;
  smartlinkId: number;
  publisherId: number;
  /** Smartlink status is `active`. */
  smartlinkActive: boolean;
  /** The publisher's access is approved and the publisher account is active. */
  accessApproved: boolean;
  /** The smartlink's own fallback URL, or null. */
  fallbackUrl: string | null;
  rotation: "weighted" | "auto";
  optimizeFor: "epc" | "profit" | "revenue";
  /** Auto rotation: clicks each offer gets before it is judged on its metric. */
  explorationClicks: number;
  /** Pool entries grouped by priority, best (lowest number) tier first. */
  tiers: PlanEntry[][];
}

/** What the app knows about the person clicking. */
export interface Visitor {
  /** Client address (IPv4 dotted or IPv6, public or not); null when it cannot be parsed. */
  ip: string | null;
  /** ISO 3166-1 alpha-2 upper case, or null when unknown. */
  country: string | null;
  device: Device;
  os: string | null;
  browser: string | null;
  isBot: boolean;
}

/**
 * Recent performance of one campaign inside one smartlink, for auto rotation.
 * Money in integer cents.
 */
export interface OfferStats {
  clicks: number;
  /** What the network earned from the advertiser (revenue), cents. */
  revenueCents: number;
  /** What the network paid the publisher (payout), cents. */
  payoutCents: number;
}

/** Why a click went where it went; stored with every click. */
export type DecisionReason =
  | "offer"
  | "no_eligible_offer"
  | "paused"
  | "not_approved"
  /** The chosen offer's URL template gave no usable URL (see `buildDestination`). */
  | "bad_destination";

export type Decision =
  | { kind: "offer"; reason: "offer"; entry: PlanEntry }
  | { kind: "fallback"; reason: Exclude<DecisionReason, "offer">; url: string | null };

/** A source of uniform random numbers in [0, 1); `Math.random` in production, seeded in tests. */
export type RandomSource = () => number;
