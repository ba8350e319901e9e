/**
 * Password sign-in with rate limiting, and the first admin from the environment.
 *
 * Passwords are hashed with `Bun.password` (argon2id). Failed attempts are stored in
 * `login_attempts` (shared by every instance): at most `MAX_FAILURES_PER_ACCOUNT` failures per
 * e-mail and `MAX_FAILURES_PER_IP` per client address within `WINDOW_MS`; past that, sign-in
 * is refused without checking the password until the window moves on.
 */
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginAttempts, users, type User } from "../db/schema";

export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Rate-limit window in milliseconds (15 minutes). */
export const WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Check an e-mail and password.
 * @param ip client address, for the per-IP limit
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = (where: ReturnType<typeof and>) =>
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.createdAt, since)))
      .then((rows) => rows[0]!.n);
  const [byAccount, byIp] = await Promise.all([
    failures(eq(loginAttempts.email, email)),
    failures(eq(loginAttempts.ip, input.ip)),
  ]);
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP) {
    return { ok: false, reason: "rate_limited" };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = user?.passwordHash ? await Bun.password.verify(input.password, user.passwordHash) : false;
  await db.insert(loginAttempts).values({ email, ip: input.ip, success: valid });
  if (!valid || !user) return { ok: false, reason: "invalid" };
  return { ok: true, user };
}

/** Hash a password for storage (argon2id). */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
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
