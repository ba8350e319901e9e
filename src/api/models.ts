/**
 * Request models of the JSON API v1 (Elysia `t`, snake_case). They check types and bounds early
 * with the same limits and messages as the services (`src/validation.ts`); the services still
 * check everything (URLs, country codes, money format, references), since the portals call them
 * without these models. Unknown properties are dropped by Elysia.
 */
import { t } from "elysia";
import { campaignStatus, optimizeFor, publisherStatus, rotationMode, smartlinkStatus, smartlinkVisibility } from "../db/schema";
import { CLICKS_LIMIT_MAX } from "../clicks/list-clicks";
import { DEVICES } from "../routing/types";
import { LIMITS, MESSAGES, MONEY_PATTERN } from "../validation";

const MAX_ID = 2_147_483_647;

const name = () => t.String({ minLength: 1, maxLength: LIMITS.nameMax, error: MESSAGES.text(1, LIMITS.nameMax) });
const url = () => t.String({ minLength: 1, maxLength: LIMITS.urlMax, error: MESSAGES.url });
const nullableUrl = () => t.Union([t.String({ maxLength: LIMITS.urlMax }), t.Null()], { error: MESSAGES.url });
// Not t.UnionEnum: it sets `default` to the first value, which Elysia fills into absent fields,
// so every PATCH would reset the status to the first enum value.
const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  t.Union(
    values.map((v) => t.Literal(v as T[number])),
    { error: MESSAGES.oneOf(values) },
  );
const int = (min: number, max: number) => t.Integer({ minimum: min, maximum: max, error: MESSAGES.int(min, max) });

/**
 * Money: a decimal string ("1.50", "1.5", "12") or a JSON number (1.5), never negative, at most
 * 2 decimals; numbers are read through their shortest string form (so 0.1 + 0.2 is refused).
 * Answers always carry 2-decimal strings.
 */
const money = () =>
  t.Union([t.String({ pattern: MONEY_PATTERN.source }), t.Number({ minimum: 0 })], { error: MESSAGES.money });

export const campaignCreate = t.Object({
  name: name(),
  destination_url: url(),
  payout: t.Optional(money()),
  revenue: t.Optional(money()),
  status: t.Optional(enumOf(campaignStatus.enumValues)),
});

export const campaignPatch = t.Partial(campaignCreate);

export const publisherCreate = t.Object({
  name: name(),
  email: t.String({ minLength: 3, maxLength: LIMITS.emailMax, error: MESSAGES.email }),
  status: t.Optional(enumOf(publisherStatus.enumValues)),
});

export const publisherPatch = t.Partial(publisherCreate);

export const poolEntry = t.Object({
  campaign_id: int(1, MAX_ID),
  weight: t.Optional(int(0, LIMITS.weightMax)),
  priority: t.Optional(int(1, LIMITS.priorityMax)),
  countries: t.Optional(
    t.Array(t.String({ minLength: 2, maxLength: 2, error: MESSAGES.country }), {
      maxItems: LIMITS.countriesMax,
      error: MESSAGES.items(LIMITS.countriesMax),
    }),
  ),
  devices: t.Optional(t.Array(enumOf(DEVICES), { maxItems: DEVICES.length * 2, error: MESSAGES.oneOf(DEVICES) })),
});

export const smartlinkCreate = t.Object({
  name: name(),
  description: t.Optional(
    t.String({ maxLength: LIMITS.descriptionMax, error: MESSAGES.text(0, LIMITS.descriptionMax) }),
  ),
  tags: t.Optional(
    t.Array(t.String({ minLength: 1, maxLength: LIMITS.tagMax, error: MESSAGES.text(1, LIMITS.tagMax) }), {
      maxItems: LIMITS.tagsMax,
      error: MESSAGES.items(LIMITS.tagsMax),
    }),
  ),
  visibility: t.Optional(enumOf(smartlinkVisibility.enumValues)),
  /** Bare host, e.g. `track.example.com`; null = PUBLIC_URL. */
  tracking_domain: t.Optional(t.Union([t.String({ maxLength: 260 }), t.Null()], { error: MESSAGES.host })),
  fallback_url: t.Optional(nullableUrl()),
  status: t.Optional(enumOf(smartlinkStatus.enumValues)),
  rotation: t.Optional(enumOf(rotationMode.enumValues)),
  optimize_for: t.Optional(enumOf(optimizeFor.enumValues)),
  exploration_clicks: t.Optional(int(0, LIMITS.explorationClicksMax)),
  pool: t.Optional(t.Array(poolEntry, { maxItems: LIMITS.poolMax, error: MESSAGES.items(LIMITS.poolMax) })),
});

export const smartlinkPatch = t.Partial(smartlinkCreate);

export const grantBody = t.Object({
  publisher_id: int(1, MAX_ID),
});

// Query numbers stay digit strings here: Elysia's numeric coercion of query values reports
// errors without the parameter's name. `listClicks` checks the ranges.
const digits = (min: number, max: number) => t.String({ pattern: "^[0-9]{1,10}$", error: MESSAGES.int(min, max) });

export const clicksQuery = t.Object({
  smartlink_id: t.Optional(digits(1, MAX_ID)),
  publisher_id: t.Optional(digits(1, MAX_ID)),
  limit: t.Optional(digits(1, CLICKS_LIMIT_MAX)),
  /** Click id (UUID) of the last click of the previous page; checked by `listClicks`. */
  cursor: t.Optional(t.String({ maxLength: 64 })),
});
