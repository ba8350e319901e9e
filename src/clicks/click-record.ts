/**
 * One click as the redirect records it, and its encoding as one line of PostgreSQL's COPY text
 * format (tab-separated, `\N` for NULL; PostgreSQL docs, COPY, "Text Format").
 *
 * The line is built once, when the click is recorded, with one template literal: the click
 * buffer then holds plain strings and a flush is a single `join`, which keeps the per-click cost
 * on the hot path small and predictable (docs/decisions/002-click-buffering.md).
 *
 * The destination URL is not stored: it follows from the campaign's template and the click's
 * own values, and leaving it out cut the redirect benchmark's cost per click by about a fifth.
 */
import type { Device } from "../routing/types";

export interface ClickRecord {
  /** UUIDv7, made at redirect time (time-ordered). */
  id: string;
  createdAt: Date;
  smartlinkId: number;
  publisherId: number;
  /** Null when the click went to a fallback. */
  campaignId: number | null;
  /** Decision reason code: offer | no_eligible_offer | paused | not_approved | bad_destination. */
  reason: string;
  country: string | null;
  device: Device;
  os: string | null;
  browser: string | null;
  ip: string | null;
  isBot: boolean;
  isHead: boolean;
  isTest: boolean;
  pubSub: string | null;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
}

/** The clicks columns, in the order `encodeClickLine` writes them (used in the COPY statement). */
export const CLICK_COPY_COLUMNS = [
  "id",
  "created_at",
  "smartlink_id",
  "publisher_id",
  "campaign_id",
  "reason",
  "country",
  "device",
  "os",
  "browser",
  "ip",
  "is_bot",
  "is_head",
  "is_test",
  "pub_sub",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
] as const;

/** Escape free text: backslash, tab, newline, carriage return; NUL characters are dropped. */
export function escapeCopyText(value: string): string {
  if (!needsEscape(value)) return value;
  return value
    .replaceAll("\0", "")
    .replaceAll("\\", "\\\\")
    .replaceAll("\t", "\\t")
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r");
}

/** A scan for the few characters that need escaping (control characters below 14, backslash). */
function needsEscape(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 14 || c === 92) return true;
  }
  return false;
}

const text = (value: string | null) => (value === null ? "\\N" : escapeCopyText(value));
const flag = (value: boolean) => (value ? "t" : "f");

/** One COPY text line for `click`, ending in a newline, columns as `CLICK_COPY_COLUMNS`. */
export function encodeClickLine(c: ClickRecord): string {
  return `${c.id}\t${c.createdAt.toISOString()}\t${c.smartlinkId}\t${c.publisherId}\t${c.campaignId ?? "\\N"}\t${text(c.reason)}\t${text(c.country)}\t${c.device}\t${text(c.os)}\t${text(c.browser)}\t${c.ip ?? "\\N"}\t${flag(c.isBot)}\t${flag(c.isHead)}\t${flag(c.isTest)}\t${text(c.pubSub)}\t${text(c.sub1)}\t${text(c.sub2)}\t${text(c.sub3)}\t${text(c.sub4)}\t${text(c.sub5)}\n`;
}
