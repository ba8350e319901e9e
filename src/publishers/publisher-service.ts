/**
 * Publishers (affiliates): create, list, read, update. Shared by the JSON API and the portals.
 * E-mail addresses are stored trimmed and lower-cased, unique across publishers.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { publishers, publisherStatus, type Publisher } from "../db/schema";
import { invalidatePublisherSessions } from "../auth/session";
import { NotFoundError, pgErrorCode, ValidationError } from "../errors";
import { checkEmail, checkEnum, checkText, FieldErrors, LIMITS, MESSAGES } from "../validation";

export type PublisherStatus = (typeof publisherStatus.enumValues)[number];
export const PUBLISHER_STATUSES = publisherStatus.enumValues;

/** Fields of a new publisher. */
export interface PublisherInput {
  /** 1..200 characters, trimmed. */
  name: string;
  /** Unique (case-insensitive). */
  email: string;
  /** Default `active`. */
  status?: PublisherStatus;
}

export type PublisherPatch = Partial<PublisherInput>;

function checkPublisher(input: PublisherPatch, partial: boolean) {
  const errors = new FieldErrors();
  const out: Partial<typeof publishers.$inferInsert> = {};
  if (input.name !== undefined) out.name = checkText(errors, "name", input.name, 1, LIMITS.nameMax);
  else if (!partial) errors.add("name", MESSAGES.required);
  if (input.email !== undefined) out.email = checkEmail(errors, "email", input.email);
  else if (!partial) errors.add("email", MESSAGES.required);
  if (input.status !== undefined) out.status = checkEnum(errors, "status", input.status, PUBLISHER_STATUSES);
  errors.throwIfAny();
  return out;
}

const emailTaken = () => new ValidationError({ email: "already exists" });

/**
 * Create a publisher.
 * @throws ValidationError on bad fields, or `{email: "already exists"}`
 */
export async function createPublisher(db: Db, input: PublisherInput): Promise<Publisher> {
  const values = checkPublisher(input, false) as typeof publishers.$inferInsert;
  try {
    const [row] = await db.insert(publishers).values(values).returning();
    return row!;
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw emailTaken();
    throw err;
  }
}

/** Every publisher, oldest first. */
export async function listPublishers(db: Db): Promise<Publisher[]> {
  return db.select().from(publishers).orderBy(asc(publishers.id));
}

/**
 * One publisher.
 * @throws NotFoundError when `id` does not exist
 */
export async function getPublisher(db: Db, id: number): Promise<Publisher> {
  const [row] = await db.select().from(publishers).where(eq(publishers.id, id));
  if (!row) throw new NotFoundError("publisher", id);
  return row;
}

/**
 * Change the given fields of publisher `id` (and `updated_at`). Setting `status: "suspended"`
 * also ends the sessions of the publisher's users, in the same transaction (session validation
 * refuses suspended publishers as well, see `src/auth/session.ts`). Note: the routing NOTIFY
 * triggers do not watch `publishers`, so a status change reaches cached routing plans only when
 * they expire (ROUTE_CACHE_TTL_MS).
 * @throws NotFoundError, ValidationError (including `{email: "already exists"}`)
 */
export async function updatePublisher(db: Db, id: number, patch: PublisherPatch): Promise<Publisher> {
  const values = checkPublisher(patch, true);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(publishers)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(publishers.id, id))
        .returning();
      if (!row) throw new NotFoundError("publisher", id);
      if (row.status === "suspended") await invalidatePublisherSessions(tx, id);
      return row;
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw emailTaken();
    throw err;
  }
}
