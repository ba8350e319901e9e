/**
 * Portal sessions, following the Lucia session guide (docs/decisions/004-sessions.md):
 *
 * - the cookie carries a random token (20 bytes from the CSPRNG, base32 lower case);
 * - the database stores only `id = hex(SHA-256(token))`, so a leaked table holds no usable token;
 * - sessions last 30 days and slide: a session used in its last 15 days is extended to 30, but
 *   never past `SESSION_ABSOLUTE_MS` (90 days) after it was created (sign in again then);
 * - a session of a suspended publisher's user is refused and deleted (so every publisher route
 *   refuses it), and suspending a publisher deletes its users' sessions at once;
 * - the cookie is HttpOnly, SameSite=Lax, Path=/ and Secure (browsers accept Secure cookies
 *   on http://localhost; behind another plain-http host set PUBLIC_URL to https).
 *
 * The /s/:code hot path never calls anything here.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { publishers, sessions, users, type Session, type User } from "../db/schema";

export const SESSION_COOKIE = "sb_session";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Lifetime of a session in milliseconds (30 days). */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used with less than this left is extended (15 days). */
const RENEW_WITHIN_MS = 15 * DAY_MS;
/** Absolute lifetime in milliseconds from creation (90 days): sliding never goes past it. */
export const SESSION_ABSOLUTE_MS = 90 * DAY_MS;

export interface SessionWithUser {
  session: Session;
  user: User;
  /** True when this validation extended the session (the cookie's expiry must follow). */
  renewed: boolean;
}

/** A new random session token (32 base32 characters, 160 bits). */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database id of a token: lower-case hex SHA-256. */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Start a session for `userId`.
 * @returns the stored session (its `csrfToken` goes into every form and htmx request)
 */
export async function createSession(db: Db, token: string, userId: number, now = new Date()): Promise<Session> {
  const [session] = await db
    .insert(sessions)
    .values({
      id: sessionIdOf(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      csrfToken: generateSessionToken(),
      createdAt: now,
    })
    .returning();
  return session!;
}

/**
 * Look a token up. Expired sessions and sessions of suspended publishers are deleted; sessions in
 * their last 15 days are extended by up to 30 days, never past `SESSION_ABSOLUTE_MS` after
 * creation.
 * @returns the session, its user and whether it was extended; null when unknown, expired or
 *   belonging to a suspended publisher
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionWithUser | null> {
  const id = sessionIdOf(token);
  const [row] = await db
    .select({ session: sessions, user: users, publisherStatus: publishers.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(publishers, eq(publishers.id, users.publisherId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user } = row;
  if (row.publisherStatus === "suspended") {
    await db.delete(sessions).where(eq(sessions.userId, user.id));
    return null;
  }
  if (now.getTime() >= session.expiresAt.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  const extended = Math.min(now.getTime() + SESSION_LIFETIME_MS, absoluteEnd);
  const renewed = now.getTime() >= session.expiresAt.getTime() - RENEW_WITHIN_MS && extended > session.expiresAt.getTime();
  if (renewed) {
    session.expiresAt = new Date(extended);
    await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
  }
  return { session, user, renewed };
}

/** End one session (sign-out). */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * End every session of user `userId` except `keepSessionId` (after a password change), or all of
 * them ("sign out everywhere", a password reset).
 */
export async function invalidateUserSessions(db: Db, userId: number, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(keepSessionId === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

/** End every session of every user of publisher `publisherId` (on suspension). */
export async function invalidatePublisherSessions(db: Db, publisherId: number): Promise<void> {
  await db
    .delete(sessions)
    .where(inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.publisherId, publisherId))));
}

/** Cookie attributes for a session cookie that expires with the session. */
export function sessionCookie(token: string, expiresAt: Date) {
  return {
    value: token,
    httpOnly: true,
    secure: true,
    sameSite: "lax" as const,
    path: "/",
    expires: expiresAt,
  };
}
