/**
 * Password sign-in, and the first admin from the environment.
 *
 * One attempt: (1) reserve it under the shared sign-in limits (`sign-in-limits.ts`) before any
 * hashing, (2) verify the password in the capped hashing pool (`password-hashing.ts`; unknown
 * e-mails are checked against a dummy hash, so the answer takes as long), (3) on a right
 * password record the success, then refuse suspended publishers.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { publishers, users, type User } from "../db/schema";
import { hashPassword, PasswordHashingBusyError, verifyPassword } from "./password-hashing";
import { recordSignInSuccess, reserveSignInAttempt } from "./sign-in-limits";

export { hashPassword } from "./password-hashing";

export type SignInResult =
  | { ok: true; user: User }
  /** `invalid`: wrong e-mail or password (never says which); `suspended`: right password, suspended publisher. */
  | { ok: false; reason: "invalid" | "suspended" }
  /** A limit refused the attempt before the password was checked; try again after `retryAfterMs`. */
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  /** The hashing queue is full (`PasswordHashingBusyError`); nothing was checked. */
  | { ok: false; reason: "busy" };

/** Control characters never occur in a stored e-mail (and Postgres refuses NUL in text). */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The form of an e-mail used for lookups and limits: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Check an e-mail and password (see the module comment for the steps).
 * @param input.ip client address, for the pair and address limits
 * @param now the clock of the limits
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  if (CONTROL.test(email) || CONTROL.test(input.ip)) return { ok: false, reason: "invalid" };
  const party = { email, address: input.ip };
  const reservation = await reserveSignInAttempt(db, party, now);
  if (!reservation.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: reservation.retryAfterMs };

  const [row] = await db
    .select({ user: users, publisherStatus: publishers.status })
    .from(users)
    .leftJoin(publishers, eq(publishers.id, users.publisherId))
    .where(eq(users.email, email));
  let valid: boolean;
  try {
    valid = await verifyPassword(input.password, row?.user.passwordHash ?? null);
  } catch (err) {
    if (err instanceof PasswordHashingBusyError) return { ok: false, reason: "busy" };
    throw err;
  }
  if (!valid || !row) return { ok: false, reason: "invalid" };
  await recordSignInSuccess(db, party, now);
  if (row.publisherStatus === "suspended") return { ok: false, reason: "suspended" };
  return { ok: true, user: row.user };
}

/**
 * Create the first admin from INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD when no admin exists.
 * @returns true when it created one
 */
export async function ensureInitialAdmin(db: Db, email: string, password: string): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (existing) return false;
  await db.insert(users).values({
    email: email.trim().toLowerCase(),
    name: "Admin",
    role: "admin",
    passwordHash: await hashPassword(password),
  });
  return true;
}
