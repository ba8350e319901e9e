/**
 * Publisher access to smartlinks: applying, and the admin's decision.
 *
 * Visibility rules (product docs: "Publishing a smartlink"):
 * - public: any active publisher is approved at once;
 * - ask: the application waits (pending) in the admins' approvals queue; admins are notified;
 * - private: hidden from publishers; only an admin adds a publisher (`grantAccess`).
 * Approving creates the permanent link code (kept forever, even across decline/re-apply),
 * records access to every campaign in the pool (`campaign_access`), and notifies the publisher;
 * declining notifies too. A declined publisher may apply again.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  campaignAccess,
  poolEntries,
  publishers,
  smartlinkPublishers,
  smartlinks,
  type SmartlinkPublisher,
} from "../db/schema";
import { ConflictError, NotFoundError, pgErrorCode } from "../errors";
import { newLinkCode } from "../links/link-code";
import { notifyAdmins, notifyPublisher } from "../notifications/notification-service";
import { grantAccess } from "./smartlink-service";

/**
 * A publisher applies for a smartlink.
 * @returns the access row: approved at once for public smartlinks, pending for ask ones
 * @throws NotFoundError when the smartlink does not exist or is private (publishers must not
 *   learn that a private smartlink exists)
 * @throws ConflictError when the publisher account is not active
 */
export async function applyForSmartlink(db: Db, smartlinkId: number, publisherId: number): Promise<SmartlinkPublisher> {
  const [link] = await db.select().from(smartlinks).where(eq(smartlinks.id, smartlinkId));
  if (!link || link.visibility === "private") throw new NotFoundError("smartlink", smartlinkId);
  const [publisher] = await db.select().from(publishers).where(eq(publishers.id, publisherId));
  if (!publisher) throw new NotFoundError("publisher", publisherId);
  if (publisher.status !== "active") throw new ConflictError("Your publisher account is not active yet.");

  if (link.visibility === "public") {
    return (await approveAccess(db, smartlinkId, publisherId)).access;
  }
  const existing = await findAccess(db, smartlinkId, publisherId);
  if (existing?.status === "approved" || existing?.status === "pending") return existing;
  const row = await upsertPending(db, smartlinkId, publisherId);
  await notifyAdmins(db, {
    kind: "application",
    message: `${publisher.name} applied for the smartlink ${link.name}.`,
    link: "/admin/approvals",
  });
  return row;
}

/**
 * The admin's decision on an application (or an admin adding a publisher directly, with
 * `approved`).
 * @throws NotFoundError for an unknown smartlink or publisher
 */
export async function decideAccess(
  db: Db,
  smartlinkId: number,
  publisherId: number,
  decision: "approved" | "declined",
): Promise<SmartlinkPublisher> {
  const [link] = await db.select({ name: smartlinks.name }).from(smartlinks).where(eq(smartlinks.id, smartlinkId));
  if (!link) throw new NotFoundError("smartlink", smartlinkId);
  if (decision === "approved") {
    const { access: row } = await approveAccess(db, smartlinkId, publisherId);
    await notifyPublisher(db, publisherId, {
      kind: "application_approved",
      message: `Your application for ${link.name} was approved. Your tracking link is ready.`,
      link: `/publisher/smartlinks/${smartlinkId}`,
    });
    return row;
  }
  const [row] = await db
    .update(smartlinkPublishers)
    .set({ status: "declined", decidedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(smartlinkPublishers.smartlinkId, smartlinkId), eq(smartlinkPublishers.publisherId, publisherId)))
    .returning();
  if (!row) throw new NotFoundError("application", `${smartlinkId}/${publisherId}`);
  await notifyPublisher(db, publisherId, {
    kind: "application_declined",
    message: `Your application for ${link.name} was declined. You can apply again later.`,
    link: `/publisher/smartlinks/${smartlinkId}`,
  });
  return row;
}

/** The access row of a publisher on a smartlink, or null. */
export async function findAccess(db: Db, smartlinkId: number, publisherId: number): Promise<SmartlinkPublisher | null> {
  const [row] = await db
    .select()
    .from(smartlinkPublishers)
    .where(and(eq(smartlinkPublishers.smartlinkId, smartlinkId), eq(smartlinkPublishers.publisherId, publisherId)));
  return row ?? null;
}

/**
 * Approve (keeping any existing code) and record access to every campaign in the pool; no
 * notification (the API's direct add uses this as is).
 * @returns as `grantAccess`
 * @throws as `grantAccess`
 */
export async function approveAccess(db: Db, smartlinkId: number, publisherId: number) {
  const granted = await grantAccess(db, smartlinkId, publisherId);
  await db
    .insert(campaignAccess)
    .select(
      db
        .select({
          campaignId: poolEntries.campaignId,
          publisherId: sql<number>`${publisherId}::int`.as("publisher_id"),
          viaSmartlinkId: sql<number>`${smartlinkId}::int`.as("via_smartlink_id"),
          createdAt: sql<Date>`now()`.as("created_at"),
        })
        .from(poolEntries)
        .where(eq(poolEntries.smartlinkId, smartlinkId)),
    )
    .onConflictDoNothing();
  return granted;
}

/** Insert a pending application, or turn a declined one back to pending (same code). */
async function upsertPending(db: Db, smartlinkId: number, publisherId: number): Promise<SmartlinkPublisher> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db
        .insert(smartlinkPublishers)
        .values({ smartlinkId, publisherId, status: "pending", code: newLinkCode() })
        .onConflictDoUpdate({
          target: [smartlinkPublishers.smartlinkId, smartlinkPublishers.publisherId],
          set: { status: "pending", decidedAt: null, updatedAt: sql`now()`, createdAt: sql`now()` },
        })
        .returning();
      return row!;
    } catch (err) {
      if (pgErrorCode(err) === "23505" && attempt < 5) continue; // code collision: draw again
      throw err;
    }
  }
}
