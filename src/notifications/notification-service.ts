/**
 * In-app notifications: what the bell counts and the notifications page lists.
 * Kinds in use: `application`, `publisher_signup` and `publisher_invite_accepted` (to admins),
 * `application_approved` / `application_declined` (to the publisher's users).
 */
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, users, type Notification } from "../db/schema";

export interface NewNotification {
  kind: string;
  /** Plain text; views escape it. */
  message: string;
  /** Portal path to open, e.g. `/admin/approvals`. */
  link?: string;
}

/** Notify every admin user. */
export async function notifyAdmins(db: Db, note: NewNotification): Promise<void> {
  const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
  if (admins.length > 0) await db.insert(notifications).values(admins.map((a) => ({ userId: a.id, ...note })));
}

/** Notify every user account of a publisher. */
export async function notifyPublisher(db: Db, publisherId: number, note: NewNotification): Promise<void> {
  const members = await db.select({ id: users.id }).from(users).where(eq(users.publisherId, publisherId));
  if (members.length > 0) await db.insert(notifications).values(members.map((m) => ({ userId: m.id, ...note })));
}

/** Unread notifications of a user (the bell's number). */
export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row!.n;
}

/** A user's notifications, newest first (at most `limit`). */
export function listNotifications(db: Db, userId: number, limit = 100): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/**
 * Mark one notification (or, with `id` null, all of them) read. Only the owner's rows change.
 */
export async function markRead(db: Db, userId: number, id: number | null): Promise<void> {
  const mine = eq(notifications.userId, userId);
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(id === null ? and(mine, isNull(notifications.readAt)) : and(mine, eq(notifications.id, id)));
}
