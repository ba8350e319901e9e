/**
 * Tracking domains: branded hosts (`track.example.com`) a smartlink can use for its links
 * instead of PUBLIC_URL. Hosts are stored lower-cased, unique, without scheme or path.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { trackingDomains } from "../db/schema";
import { NotFoundError, pgErrorCode, ValidationError } from "../errors";
import { checkHost, FieldErrors, MESSAGES } from "../validation";

export type TrackingDomain = typeof trackingDomains.$inferSelect;

/** Every tracking domain, by host name. */
export function listTrackingDomains(db: Db): Promise<TrackingDomain[]> {
  return db.select().from(trackingDomains).orderBy(asc(trackingDomains.host));
}

/**
 * Add `host` (a bare host with optional port, see `checkHost`; trimmed and lower-cased).
 * @returns the stored row
 * @throws ValidationError `{host}` when blank, malformed, or already added
 */
export async function addTrackingDomain(db: Db, host: string): Promise<TrackingDomain> {
  const errors = new FieldErrors();
  const checked = checkHost(errors, "host", host);
  if (checked === null) errors.add("host", MESSAGES.required);
  errors.throwIfAny();
  try {
    const [row] = await db.insert(trackingDomains).values({ host: checked! }).returning();
    return row!;
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw new ValidationError({ host: "already exists" });
    throw err;
  }
}

/**
 * Remove tracking domain `id`. Smartlinks that name its host keep it (they store the host, not
 * the id), so their links keep working as long as DNS points here.
 * @throws NotFoundError when it does not exist
 */
export async function removeTrackingDomain(db: Db, id: number): Promise<void> {
  const rows = await db.delete(trackingDomains).where(eq(trackingDomains.id, id)).returning({ id: trackingDomains.id });
  if (rows.length === 0) throw new NotFoundError("tracking domain", id);
}
