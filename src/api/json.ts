/**
 * Answers of the JSON API v1: domain rows (camelCase) to wire objects (snake_case), timestamps
 * as ISO 8601 strings, money as the database's 2-decimal strings.
 */
import type { Campaign, Publisher, Smartlink, SmartlinkPublisher } from "../db/schema";
import type { Click } from "../clicks/list-clicks";
import type { SmartlinkDetail, SmartlinkPublisherView } from "../smartlinks/smartlink-service";
import { trackingUrl } from "../links/tracking-url";

/** A campaign: `{id, name, destination_url, payout, revenue, status, created_at, updated_at}`. */
export function campaignJson(c: Campaign) {
  return {
    id: c.id,
    name: c.name,
    destination_url: c.destinationUrl,
    payout: c.payout,
    revenue: c.revenue,
    status: c.status,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

/** A publisher: `{id, name, email, status, created_at}`. */
export function publisherJson(p: Publisher) {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    status: p.status,
    created_at: p.createdAt.toISOString(),
  };
}

/** A smartlink without pool and publishers (list items). */
export function smartlinkJson(s: Smartlink) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    tags: s.tags,
    visibility: s.visibility,
    tracking_domain: s.trackingDomain,
    fallback_url: s.fallbackUrl,
    status: s.status,
    rotation: s.rotation,
    optimize_for: s.optimizeFor,
    exploration_clicks: s.explorationClicks,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

/** A smartlink with `pool` and `publishers` (each with its `tracking_url` under `publicUrl`). */
export function smartlinkDetailJson(s: SmartlinkDetail, publicUrl: string) {
  return {
    ...smartlinkJson(s),
    pool: s.pool.map((e) => ({
      campaign_id: e.campaignId,
      campaign_name: e.campaignName,
      weight: e.weight,
      priority: e.priority,
      countries: e.countries,
      devices: e.devices,
    })),
    publishers: s.publishers.map((p: SmartlinkPublisherView) => ({
      publisher_id: p.publisherId,
      name: p.name,
      status: p.status,
      code: p.code,
      tracking_url: trackingUrl(publicUrl, s.trackingDomain, p.code),
      created_at: p.createdAt.toISOString(),
    })),
  };
}

/** The answer to an admin granting access: the publisher's link on this smartlink. */
export function accessJson(a: SmartlinkPublisher, trackingDomain: string | null, publicUrl: string) {
  return {
    publisher_id: a.publisherId,
    status: a.status,
    code: a.code,
    tracking_url: trackingUrl(publicUrl, trackingDomain, a.code),
  };
}

/** A click: `click_id` (UUIDv7), `created_at` (ISO), ids, decision, visitor, flags and sub ids. */
export function clickJson(c: Click) {
  return {
    click_id: c.id,
    created_at: c.createdAt.toISOString(),
    smartlink_id: c.smartlinkId,
    publisher_id: c.publisherId,
    campaign_id: c.campaignId,
    reason: c.reason,
    country: c.country,
    device: c.device,
    os: c.os,
    browser: c.browser,
    ip: c.ip,
    is_bot: c.isBot,
    is_head: c.isHead,
    is_test: c.isTest,
    pub_sub: c.pubSub,
    sub1: c.sub1,
    sub2: c.sub2,
    sub3: c.sub3,
    sub4: c.sub4,
    sub5: c.sub5,
  };
}
