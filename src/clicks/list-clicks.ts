/**
 * Read clicks newest first with keyset pagination. Click ids are UUIDv7 (time-ordered), so
 * `order by id desc` is time order and the last id of a page is the cursor of the next one; the
 * `(smartlink_id, id desc)` and `(publisher_id, id desc)` indexes serve the filtered forms.
 */
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { clicks } from "../db/schema";
import { checkInt, FieldErrors } from "../validation";

export type Click = typeof clicks.$inferSelect;

export const CLICKS_LIMIT_MAX = 1000;
export const CLICKS_LIMIT_DEFAULT = 50;

const MAX_ID = 2_147_483_647;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ListClicksQuery {
  smartlinkId?: number;
  publisherId?: number;
  /** Page size, 1..1000. */
  limit: number;
  /** Id of the last click of the previous page; omitted for the first page. */
  cursor?: string;
}

/**
 * One page of clicks, newest first, optionally filtered by smartlink and/or publisher.
 * @returns the page and `nextCursor` (the last click id when more clicks may follow, else null)
 * @throws ValidationError `{cursor}` for a cursor that is not a UUID; `{limit}`, `{smartlink_id}`,
 *   `{publisher_id}` out of range
 */
export async function listClicks(db: Db, query: ListClicksQuery): Promise<{ clicks: Click[]; nextCursor: string | null }> {
  const errors = new FieldErrors();
  checkInt(errors, "limit", query.limit, 1, CLICKS_LIMIT_MAX);
  if (query.smartlinkId !== undefined) checkInt(errors, "smartlink_id", query.smartlinkId, 1, MAX_ID);
  if (query.publisherId !== undefined) checkInt(errors, "publisher_id", query.publisherId, 1, MAX_ID);
  if (query.cursor !== undefined && !UUID_PATTERN.test(query.cursor)) errors.add("cursor", "must be a click id (UUID)");
  errors.throwIfAny();
  const where: SQL[] = [];
  if (query.smartlinkId !== undefined) where.push(eq(clicks.smartlinkId, query.smartlinkId));
  if (query.publisherId !== undefined) where.push(eq(clicks.publisherId, query.publisherId));
  if (query.cursor !== undefined) where.push(lt(clicks.id, query.cursor.toLowerCase()));
  const rows = await db
    .select()
    .from(clicks)
    .where(and(...where))
    .orderBy(desc(clicks.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { clicks: page, nextCursor: more ? page[page.length - 1]!.id : null };
}
