/**
 * Publisher invites: a one-time sign-up link for a publisher an admin created (admin portal or
 * `POST /api/v1/publishers`), which has a record but no portal account.
 *
 * - The link is `${PUBLIC_URL}/signup?invite=<token>`; the token is a session-style random token
 *   (160 bits, base32) and only its SHA-256 hex is stored (`publisher_invites.token_hash`), so the
 *   admin sees the link once and a database leak holds no usable invite.
 * - An invite lasts `INVITE_LIFETIME_MS` (7 days) and works once. Creating a new invite for a
 *   publisher deletes its earlier unused ones, so at most one link per publisher works.
 * - Accepting creates the publisher's first user (role `publisher`, the publisher's e-mail, the
 *   name and password typed on the form, checked by the same rules as self sign-up).
 */
import { and, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import { generateSessionToken, sessionIdOf } from "../auth/session";
import { hashPassword } from "../auth/sign-in";
import type { Db } from "../db/client";
import { publisherInvites, publishers, users, type Publisher, type PublisherInvite, type User } from "../db/schema";
import { ConflictError, NotFoundError, pgErrorCode } from "../errors";
import { notifyAdmins } from "../notifications/notification-service";
import { FieldErrors } from "../validation";
import { getPublisher } from "./publisher-service";
import { checkSignUpName, checkSignUpPassword } from "./sign-up-publisher";

/** How long an invite link works, in milliseconds (7 days). */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A new invite: the plain token (goes into the link, never stored) and its expiry. */
export interface CreatedInvite {
  token: string;
  expiresAt: Date;
}

/** A usable invite and the publisher it signs up. */
export interface FoundInvite {
  invite: PublisherInvite;
  publisher: Publisher;
}

/** What the invite sign-up form sends. */
export interface AcceptInviteInput {
  /** The user's own name, 1..200 characters after trimming (as sign-up's `name`). */
  name: string;
  /** `PASSWORD_MIN..PASSWORD_MAX` characters (as sign-up's `password`). */
  password: string;
}

/** The ids of every publisher that has at least one portal user, for the admin list. */
export async function publisherIdsWithSignIn(db: Db): Promise<Set<number>> {
  const rows = await db.selectDistinct({ id: users.publisherId }).from(users).where(isNotNull(users.publisherId));
  return new Set(rows.map((row) => row.id!));
}

/** True when publisher `publisherId` has at least one portal user. */
export async function hasSignIn(db: Db, publisherId: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.publisherId, publisherId)).limit(1);
  return row !== undefined;
}

/**
 * Create an invite for publisher `publisherId`, replacing its earlier unused invites.
 * @param now the clock (the invite expires `INVITE_LIFETIME_MS` later)
 * @returns the plain token (show it once) and the expiry
 * @throws NotFoundError when the publisher does not exist
 * @throws ConflictError when the publisher already has a portal user, or a portal user (say an
 *   admin) already signs in with the publisher's e-mail, so the invite could not work
 */
export async function createInvite(db: Db, publisherId: number, now = new Date()): Promise<CreatedInvite> {
  const publisher = await getPublisher(db, publisherId);
  const [account] = await db
    .select({ publisherId: users.publisherId })
    .from(users)
    .where(or(eq(users.publisherId, publisherId), eq(users.email, publisher.email)))
    .limit(1);
  if (account) {
    throw new ConflictError(
      account.publisherId === publisherId
        ? "This publisher already has a portal sign-in."
        : "Another portal account already signs in with this publisher's e-mail.",
    );
  }
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  await db.transaction(async (tx) => {
    await tx
      .delete(publisherInvites)
      .where(and(eq(publisherInvites.publisherId, publisherId), isNull(publisherInvites.usedAt)));
    await tx.insert(publisherInvites).values({ publisherId, tokenHash: sessionIdOf(token), expiresAt });
  });
  return { token, expiresAt };
}

/**
 * Look an invite token up.
 * @returns the invite and its publisher, or null when the token is unknown, used or expired
 *   (`expires_at <= now`)
 */
export async function findInvite(db: Db, token: string, now = new Date()): Promise<FoundInvite | null> {
  const [row] = await db
    .select({ invite: publisherInvites, publisher: publishers })
    .from(publisherInvites)
    .innerJoin(publishers, eq(publishers.id, publisherInvites.publisherId))
    .where(eq(publisherInvites.tokenHash, sessionIdOf(token)));
  if (!row || row.invite.usedAt !== null || row.invite.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/**
 * Create the invited publisher's portal user and use the invite up, in one transaction that
 * claims the invite first (so two concurrent accepts cannot both succeed). Admins are notified.
 * @returns the new user (role `publisher`, the publisher's e-mail, the typed name)
 * @throws NotFoundError ("invite") when the token is unknown, used or expired
 * @throws ValidationError naming `name` and/or `password` (sign-up's rules and messages)
 * @throws ConflictError when the publisher got a portal user meanwhile, or its e-mail is taken
 *   by another portal account
 */
export async function acceptInvite(db: Db, token: string, input: AcceptInviteInput, now = new Date()): Promise<User> {
  const found = await findInvite(db, token, now);
  if (!found) throw new NotFoundError("invite", "(token)");
  const errors = new FieldErrors();
  const name = checkSignUpName(errors, input.name);
  checkSignUpPassword(errors, input.password);
  errors.throwIfAny();

  const passwordHash = await hashPassword(input.password);
  let created: { user: User; publisher: Publisher };
  try {
    created = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(publisherInvites)
        .set({ usedAt: now })
        .where(
          and(
            eq(publisherInvites.id, found.invite.id),
            isNull(publisherInvites.usedAt),
            gt(publisherInvites.expiresAt, now),
          ),
        )
        .returning();
      if (!claimed) throw new NotFoundError("invite", "(token)");
      const [publisher] = await tx.select().from(publishers).where(eq(publishers.id, claimed.publisherId));
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.publisherId, claimed.publisherId)).limit(1);
      if (existing) throw new ConflictError("This publisher already has a portal sign-in.");
      const [user] = await tx
        .insert(users)
        .values({ name: name!, email: publisher!.email, role: "publisher", publisherId: publisher!.id, passwordHash })
        .returning();
      return { user: user!, publisher: publisher! };
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw new ConflictError("Another portal account already signs in with this e-mail.");
    throw err;
  }
  await notifyAdmins(db, {
    kind: "publisher_invite_accepted",
    message: `${created.publisher.name} accepted the invite and can now sign in.`,
    link: "/admin/publishers",
  });
  return created.user;
}
