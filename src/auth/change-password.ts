/**
 * Changing a signed-in user's password: the current password is checked like a sign-in (same
 * limits, same hashing cap, see `sign-in.ts`), the new one by the sign-up rules
 * (`checkSignUpPassword`), then the hash is replaced and every other session of the user ends.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users, type User } from "../db/schema";
import { checkSignUpPassword } from "../publishers/sign-up-publisher";
import { FieldErrors } from "../validation";
import { hashPassword, PasswordHashingBusyError } from "./password-hashing";
import { invalidateUserSessions } from "./session";
import { signIn } from "./sign-in";

export type ChangePasswordResult =
  | { ok: true }
  /** Messages by form field (`current_password`, `new_password`). */
  | { ok: false; reason: "invalid"; errors: Record<string, string> }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  | { ok: false; reason: "busy" };

/**
 * Store a new password hash for `userId` and end its sessions, all of them or all but
 * `keepSessionId`, in one transaction.
 */
export async function replacePasswordHash(db: Db, userId: number, passwordHash: string, keepSessionId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId, keepSessionId);
  });
}

/**
 * Change `user`'s password from `current` to `next`, keeping session `keepSessionId` (the one
 * making the change) and ending the others.
 * @param ip client address, for the sign-in limits that guard the current password
 */
export async function changePassword(
  db: Db,
  user: User,
  input: { current: string; next: string; ip: string; keepSessionId: string },
): Promise<ChangePasswordResult> {
  const errors = new FieldErrors();
  checkSignUpPassword(errors, input.next);
  if (!errors.empty) return { ok: false, reason: "invalid", errors: { new_password: errors.errors.password! } };
  const checked = await signIn(db, { email: user.email, password: input.current, ip: input.ip });
  if (!checked.ok) {
    if (checked.reason === "rate_limited" || checked.reason === "busy") return checked;
    return { ok: false, reason: "invalid", errors: { current_password: "is not your current password" } };
  }
  try {
    await replacePasswordHash(db, user.id, await hashPassword(input.next), input.keepSessionId);
  } catch (err) {
    if (err instanceof PasswordHashingBusyError) return { ok: false, reason: "busy" };
    throw err;
  }
  return { ok: true };
}
