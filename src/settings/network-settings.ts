/**
 * Network-wide settings kept in the `settings` table (one row per key, JSON text values).
 * A missing row means the default.
 *
 * - `publisher_auto_activate` (boolean, default true): publishers who sign up are active at
 *   once; when false they start `pending` until an admin activates them.
 *
 * Keys starting `admin_setup:` are not settings: they hold pending first-admin set-up links
 * (see `src/setup/admin-setup.ts`).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { settings } from "../db/schema";

const AUTO_ACTIVATE = "publisher_auto_activate";

/** Whether new publishers are active at once (true, the default) or wait for an admin. */
export async function publisherAutoActivate(db: Db): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, AUTO_ACTIVATE));
  return row ? JSON.parse(row.value) !== false : true;
}

/** Set `publisher_auto_activate`. */
export async function setPublisherAutoActivate(db: Db, value: boolean): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insert(settings)
    .values({ key: AUTO_ACTIVATE, value: json })
    .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: sql`now()` } });
}
