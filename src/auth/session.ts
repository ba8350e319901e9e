/**
 * Portal sessions, following the Lucia session guide (docs/decisions/004-sessions.md):
 *
 * - the cookie carries a random token (20 bytes from the CSPRNG, base32 lower case);
 * - the database stores only `id = hex(SHA-256(token))`, so a leaked table holds no usable token;
 * - sessions last 30 days and slide: a session used in its last 15 days is extended to 30;
 * - the cookie is HttpOnly, SameSite=Lax, Path=/ and Secure (browsers accept Secure cookies
 *   on http://localhost; behind another plain-http host set PUBLIC_URL to https).
 *
 * The /s/:code hot path never calls anything here.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions, users, type Session, type User } from "../db/schema";

export const SESSION_COOKIE = "sb_session";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Lifetime of a session in milliseconds (30 days). */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used with less than this left is extended (15 days). */
const RENEW_WITHIN_MS = 15 * DAY_MS;

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
    })
    .returning();
  return session!;
}

/**
 * Look a token up. Expired sessions are deleted; sessions in their last 15 days are extended.
 * @returns the session, its user and whether it was extended; null when unknown or expired
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionWithUser | null> {
  const id = sessionIdOf(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user } = row;
  if (now.getTime() >= session.expiresAt.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const renewed = now.getTime() >= session.expiresAt.getTime() - RENEW_WITHIN_MS;
  if (renewed) {
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
  }
  return { session, user, renewed };
}

/** End one session (sign-out). */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
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
