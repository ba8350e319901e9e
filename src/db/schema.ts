/**
 * Database schema (drizzle-orm, PostgreSQL dialect; the same tables run on PGlite).
 *
 * Conventions:
 * - Entity ids are `integer generated always as identity`; click ids are UUIDv7 (time-ordered),
 *   so the clicks primary key doubles as the time index and as the API's pagination cursor.
 * - Money is `numeric(12,2)`, read and written as decimal strings ("1.50"); never floats.
 * - Country codes are ISO 3166-1 alpha-2 upper case; device classes are `mobile|tablet|desktop`.
 * - Cache invalidation triggers on smartlinks, pool entries, campaigns and smartlink publishers
 *   live in the custom migration `drizzle/0001_routing_notify.sql`.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  inet,
  check,
  primaryKey,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "publisher"]);
export const campaignStatus = pgEnum("campaign_status", ["active", "paused"]);
export const publisherStatus = pgEnum("publisher_status", ["active", "pending", "suspended"]);
export const smartlinkVisibility = pgEnum("smartlink_visibility", ["ask", "public", "private"]);
export const smartlinkStatus = pgEnum("smartlink_status", ["active", "paused"]);
export const rotationMode = pgEnum("rotation_mode", ["weighted", "auto"]);
export const optimizeFor = pgEnum("optimize_for", ["epc", "profit", "revenue"]);
export const accessStatus = pgEnum("access_status", ["pending", "approved", "declined"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Publishers (affiliates): the partners who send traffic. */
export const publishers = pgTable("publishers", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  status: publisherStatus("status").notNull().default("active"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Portal accounts. A publisher user belongs to exactly one publisher. */
export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: userRole("role").notNull(),
  passwordHash: text("password_hash"),
  publisherId: integer("publisher_id").references(() => publishers.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

/** Campaigns (offers). `destinationUrl` is a template with `{click_id}`-style macros. */
export const campaigns = pgTable("campaigns", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  destinationUrl: text("destination_url").notNull(),
  /** What the network pays the publisher per conversion, decimal string. */
  payout: numeric("payout", { precision: 12, scale: 2 }).notNull().default("0"),
  /** What the advertiser pays the network per conversion, decimal string. */
  revenue: numeric("revenue", { precision: 12, scale: 2 }).notNull().default("0"),
  status: campaignStatus("status").notNull().default("active"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Smartlinks: one link in front of a pool of campaigns. */
export const smartlinks = pgTable("smartlinks", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  visibility: smartlinkVisibility("visibility").notNull().default("ask"),
  /** Host for this smartlink's tracking links (e.g. `track.example.com`); null = PUBLIC_URL. */
  trackingDomain: text("tracking_domain"),
  fallbackUrl: text("fallback_url"),
  status: smartlinkStatus("status").notNull().default("active"),
  rotation: rotationMode("rotation").notNull().default("weighted"),
  optimizeFor: optimizeFor("optimize_for").notNull().default("epc"),
  /** Auto rotation: clicks each offer gets before the optimiser judges it. */
  explorationClicks: integer("exploration_clicks").notNull().default(50),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Pool entries: one row per campaign in a smartlink's rotation. */
export const poolEntries = pgTable(
  "pool_entries",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    smartlinkId: integer("smartlink_id")
      .notNull()
      .references(() => smartlinks.id, { onDelete: "cascade" }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "restrict" }),
    weight: integer("weight").notNull().default(100),
    /** Lower number = tried first (priority 1 beats priority 2). */
    priority: integer("priority").notNull().default(1),
    countries: text("countries").array().notNull().default(sql`'{}'::text[]`),
    devices: text("devices").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index("pool_entries_smartlink_idx").on(t.smartlinkId),
    index("pool_entries_campaign_idx").on(t.campaignId),
    check("pool_entries_weight_check", sql`${t.weight} >= 0`),
  ],
);

/** A publisher's access to a smartlink, and its permanent tracking link code. */
export const smartlinkPublishers = pgTable(
  "smartlink_publishers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    smartlinkId: integer("smartlink_id")
      .notNull()
      .references(() => smartlinks.id, { onDelete: "cascade" }),
    publisherId: integer("publisher_id")
      .notNull()
      .references(() => publishers.id, { onDelete: "cascade" }),
    status: accessStatus("status").notNull().default("pending"),
    code: text("code").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("smartlink_publishers_pair_idx").on(t.smartlinkId, t.publisherId)],
);

/** Admin API keys; only the SHA-256 hex of the key is stored. */
export const apiKeys = pgTable("api_keys", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  /** First characters of the key, shown in lists so admins can tell keys apart. */
  prefix: text("prefix").notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * Clicks: one row per redirect served (fallbacks, bots and HEAD requests included and flagged).
 * Written in batches by the click writer; never updated on the hot path.
 */
export const clicks = pgTable(
  "clicks",
  {
    id: uuid("id").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    smartlinkId: integer("smartlink_id").notNull(),
    publisherId: integer("publisher_id").notNull(),
    /** Null when the click went to a fallback. */
    campaignId: integer("campaign_id"),
    /** Decision reason code: offer | no_eligible_offer | paused | ... */
    reason: text("reason").notNull(),
    country: text("country"),
    device: text("device").notNull(),
    os: text("os"),
    browser: text("browser"),
    ip: inet("ip"),
    isBot: boolean("is_bot").notNull().default(false),
    /** HEAD requests are recorded but never count as clicks in reports. */
    isHead: boolean("is_head").notNull().default(false),
    /** Publisher test clicks: recorded, excluded from stats. */
    isTest: boolean("is_test").notNull().default(false),
    pubSub: text("pub_sub"),
    sub1: text("sub1"),
    sub2: text("sub2"),
    sub3: text("sub3"),
    sub4: text("sub4"),
    sub5: text("sub5"),
  },
  (t) => [
    index("clicks_smartlink_id_idx").on(t.smartlinkId, t.id.desc()),
    index("clicks_publisher_id_idx").on(t.publisherId, t.id.desc()),
    index("clicks_created_at_brin").using("brin", t.createdAt),
  ],
);

export type Campaign = typeof campaigns.$inferSelect;
export type Smartlink = typeof smartlinks.$inferSelect;
export type PoolEntry = typeof poolEntries.$inferSelect;
export type Publisher = typeof publishers.$inferSelect;
export type SmartlinkPublisher = typeof smartlinkPublishers.$inferSelect;
export type ClickRow = typeof clicks.$inferInsert;

/**
 * Portal sessions (the Lucia guide's design): the id is the SHA-256 hex of the random token the
 * cookie carries, so a database leak does not leak usable sessions.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Per-session CSRF token, sent back by forms and htmx in a header. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Invite links for publishers an admin created (they have no portal account yet). Like sessions,
 * only `token_hash = hex(SHA-256(token))` is stored; the token itself is in the link
 * `/signup?invite=<token>`, shown to the admin once. An invite works until `expires_at` (7 days
 * after creation) and only once (`used_at` is set when the account is created).
 */
export const publisherInvites = pgTable(
  "publisher_invites",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    publisherId: integer("publisher_id")
      .notNull()
      .references(() => publishers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** When the invite created the publisher's account; null while unused. */
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("publisher_invites_publisher_idx").on(t.publisherId)],
);

/**
 * Sign-in limits shared by every instance (`src/auth/sign-in-limits.ts`): one counter per
 * (kind, key), e.g. ("pair", "<email> <address>"), ("address", "<address>"), ("account",
 * "<email>"), and ("known", "<email> <address>") for addresses that signed in to an account
 * before. `count` attempts were reserved since `window_start`; the next one is allowed from
 * `next_allowed_at`. Each attempt is reserved by one `INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE ... RETURNING` before any password is hashed, so parallel requests cannot pass a limit.
 */
export const signInLimits = pgTable(
  "sign_in_limits",
  {
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    count: integer("count").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    nextAllowedAt: timestamp("next_allowed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index("sign_in_limits_window_idx").on(t.windowStart)],
);

/**
 * One-time password reset links an admin hands out (no e-mail yet): `/reset-password?token=...`.
 * Only `token_hash = hex(SHA-256(token))` is stored (as sessions and invites); a link works
 * until `expires_at` (24 hours) and once (`used_at`).
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** In-app notifications for one user (admins: applications; publishers: decisions). */
export const notifications = pgTable(
  "notifications",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    /** Portal path the notification points to, e.g. `/admin/approvals`. */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** Branded tracking hosts a smartlink can use instead of PUBLIC_URL. */
export const trackingDomains = pgTable("tracking_domains", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  host: text("host").notNull().unique(),
  createdAt: createdAt(),
});

/** A publisher's access to a campaign, granted when a smartlink application is approved. */
export const campaignAccess = pgTable(
  "campaign_access",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    publisherId: integer("publisher_id")
      .notNull()
      .references(() => publishers.id, { onDelete: "cascade" }),
    /** The smartlink whose approval granted it. */
    viaSmartlinkId: integer("via_smartlink_id").references(() => smartlinks.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("campaign_access_pair_idx").on(t.campaignId, t.publisherId)],
);

/** Network-wide settings, one row per key (JSON values). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type PublisherInvite = typeof publisherInvites.$inferSelect;
export type PasswordReset = typeof passwordResets.$inferSelect;
