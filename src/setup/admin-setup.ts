/**
 * First-admin set-up link: a fresh instance with no admin (no demo seeded, no
 * INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD) prints `${PUBLIC_URL}/setup?token=<token>` once
 * at start, and whoever holds the link creates the first admin there.
 *
 * - The token is a session-style random token (160 bits, base32); only its SHA-256 hex is
 *   stored, as the key of a `settings` row `admin_setup:<hash>` whose JSON value holds the
 *   expiry (`{"expiresAt": "<ISO 8601>"}`), so the database never holds a usable link.
 * - A link works for `SETUP_LIFETIME_MS` (24 h) and only while no admin exists.
 * - Completing the set-up claims every pending link at once (`DELETE ... RETURNING` in the
 *   transaction that inserts the admin): concurrent attempts, with the same or with another
 *   instance's link, serialise on those rows and at most one admin is created. A failed attempt
 *   rolls back, so the links stay usable.
 */
import { eq, like } from "drizzle-orm";
import { generateSessionToken, sessionIdOf } from "../auth/session";
import { hashPassword } from "../auth/sign-in";
import type { Db } from "../db/client";
import { settings, users, type User } from "../db/schema";
import { NotFoundError, pgErrorCode, ValidationError } from "../errors";
import { checkSignUpName, checkSignUpPassword } from "../publishers/sign-up-publisher";
import { checkEmail, FieldErrors } from "../validation";

/** How long a set-up link works, in milliseconds (24 hours). */
export const SETUP_LIFETIME_MS = 24 * 60 * 60 * 1000;

const KEY_PREFIX = "admin_setup:";

/** What the set-up form sends. */
export interface AdminSetupInput {
  /** 1..200 characters after trimming. */
  name: string;
  /** The admin's sign-in e-mail (trimmed, lower-cased). */
  email: string;
  /** `PASSWORD_MIN..PASSWORD_MAX` characters, as typed. */
  password: string;
}

/** True when at least one admin user exists. */
export async function hasAdmin(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  return row !== undefined;
}

/**
 * Create a set-up link token (and drop expired ones). Earlier unexpired links keep working.
 * @param now the clock (the token expires `SETUP_LIFETIME_MS` later)
 * @returns the plain token (print it once, never store it) and its expiry
 */
export async function createSetupToken(db: Db, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SETUP_LIFETIME_MS);
  await db.transaction(async (tx) => {
    const pending = await tx.select().from(settings).where(like(settings.key, `${KEY_PREFIX}%`));
    for (const row of pending) {
      if (!isUnexpired(row.value, now)) await tx.delete(settings).where(eq(settings.key, row.key));
    }
    await tx.insert(settings).values({ key: keyOf(token), value: JSON.stringify({ expiresAt: expiresAt.toISOString() }) });
  });
  return { token, expiresAt };
}

/** True when `token` is a known, unexpired set-up token and no admin exists yet. */
export async function isUsableSetupToken(db: Db, token: string, now = new Date()): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, keyOf(token)));
  return row !== undefined && isUnexpired(row.value, now) && !(await hasAdmin(db));
}

/**
 * Create the first admin with a set-up token, using every pending set-up link up.
 * @returns the new admin user
 * @throws ValidationError naming `name`, `email` (also when another account signs in with it)
 *   or `password` (sign-up's rules and messages)
 * @throws NotFoundError ("setup link") when the token is unknown, expired or already used, or
 *   an admin exists
 */
export async function completeAdminSetup(db: Db, token: string, input: AdminSetupInput, now = new Date()): Promise<User> {
  if (!(await isUsableSetupToken(db, token, now))) throw new NotFoundError("setup link", "(token)");
  const errors = new FieldErrors();
  const name = checkSignUpName(errors, input.name);
  const email = checkEmail(errors, "email", input.email);
  checkSignUpPassword(errors, input.password);
  errors.throwIfAny();

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx.delete(settings).where(like(settings.key, `${KEY_PREFIX}%`)).returning();
      const mine = claimed.find((row) => row.key === keyOf(token));
      if (!mine || !isUnexpired(mine.value, now)) throw new NotFoundError("setup link", "(token)");
      if (await hasAdmin(tx as unknown as Db)) throw new NotFoundError("setup link", "(token)");
      const [user] = await tx.insert(users).values({ name: name!, email: email!, role: "admin", passwordHash }).returning();
      return user!;
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw new ValidationError({ email: "is already used by another account" });
    throw err;
  }
}

function keyOf(token: string): string {
  return KEY_PREFIX + sessionIdOf(token);
}

function isUnexpired(value: string, now: Date): boolean {
  try {
    const expiresAt = Date.parse((JSON.parse(value) as { expiresAt?: string }).expiresAt ?? "");
    return expiresAt > now.getTime();
  } catch {
    return false;
  }
}
