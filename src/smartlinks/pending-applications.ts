/** The admins' approvals queue: publisher applications waiting for a decision. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { publishers, smartlinkPublishers, smartlinks } from "../db/schema";

/** One pending application, with the names the queue shows. */
export interface PendingApplication {
  smartlinkId: number;
  smartlinkName: string;
  publisherId: number;
  publisherName: string;
  appliedAt: Date;
}

/** Every pending application, oldest first (the order to work through them). */
export function listPendingApplications(db: Db): Promise<PendingApplication[]> {
  return db
    .select({
      smartlinkId: smartlinks.id,
      smartlinkName: smartlinks.name,
      publisherId: publishers.id,
      publisherName: publishers.name,
      appliedAt: smartlinkPublishers.createdAt,
    })
    .from(smartlinkPublishers)
    .innerJoin(smartlinks, eq(smartlinks.id, smartlinkPublishers.smartlinkId))
    .innerJoin(publishers, eq(publishers.id, smartlinkPublishers.publisherId))
    .where(eq(smartlinkPublishers.status, "pending"))
    .orderBy(asc(smartlinkPublishers.createdAt), asc(smartlinkPublishers.id));
}
