/**
 * One-time password reset links an admin hands to a user (there is no e-mail yet):
 * `${PUBLIC_URL}/reset-password?token=<token>`.
 *
 * - The token is a session-style random token (160 bits, base32); only `sessionIdOf(token)`
 *   (hex SHA-256) is stored in `password_resets.token_hash`, so the admin sees the link once and
 *   a database leak holds no usable link.
 * - A link works for `RESET_LIFETIME_MS` (24 hours) and once. Creating a link for a user deletes
 *   the user's earlier unused links, so at most one works.
 * - Using it claims the row with one conditional `UPDATE ... RETURNING` (unused and unexpired),
 *   in the transaction that stores the new password hash and ends every session of the user;
 *   two concurrent uses cannot both succeed.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { passwordResets, users, type PasswordReset, type User } from "../db/schema";
import { NotFoundError } from "../errors";
import { checkSignUpPassword } from "../publishers/sign-up-publisher";
import { FieldErrors } from "../validation";
import { hashPassword } from "./password-hashing";
import { generateSessionToken, invalidateUserSessions, sessionIdOf } from "./session";

/** How long a reset link works, in milliseconds (24 hours). */
export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A usable reset link and the user it belongs to. */
export interface FoundReset {
  reset: PasswordReset;
  user: User;
}

/**
 * Create a reset link for user `userId`, replacing the user's earlier unused ones.
 * @returns the plain token (goes into the link; show it once) and its expiry
 * @throws NotFoundError when the user does not exist
 */
export async function createPasswordReset(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MS);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError("user", userId);
    await tx.delete(passwordResets).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).values({ userId, tokenHash: sessionIdOf(token), expiresAt, createdAt: now });
  });
  return { token, expiresAt };
}

/**
 * Look a reset token up.
 * @returns the link and its user, or null when the token is unknown, used or expired
 */
export async function findPasswordReset(db: Db, token: string, now = new Date()): Promise<FoundReset | null> {
  const [row] = await db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, sessionIdOf(token)));
  if (!row || row.reset.usedAt !== null || row.reset.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/**
 * Set a new password through reset link `token`: the password is checked and hashed first (a
 * refused password or a busy hashing queue leaves the link usable), then the link is claimed,
 * the hash stored and every session of the user ended, in one transaction.
 * @returns the user whose password changed
 * @throws ValidationError naming `password` (the sign-up rules)
 * @throws NotFoundError ("password reset") when the link is unknown, used or expired
 * @throws PasswordHashingBusyError when the hashing queue is full
 */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<User> {
  const errors = new FieldErrors();
  checkSignUpPassword(errors, password);
  errors.throwIfAny();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sessionIdOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning();
    if (!claimed) throw new NotFoundError("password reset", "(token)");
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId)).returning();
    await invalidateUserSessions(tx, claimed.userId);
    return user!;
  });
}
