/**
 * Password hashing (argon2id through `Bun.password`, which runs on Bun's thread pool) behind a
 * per-process cap: at most `HASHING_CONCURRENCY` hashes run at once and `HASHING_QUEUE` more
 * wait; past that a call fails at once with `PasswordHashingBusyError`, which the routes answer
 * with 503 and `Retry-After` (a flood of sign-ins cannot saturate the CPU or queue for seconds).
 *
 * Unknown accounts are verified against a dummy hash with the same parameters, so a wrong
 * password costs the same time whether or not the e-mail exists (OWASP authentication cheat
 * sheet, "authentication responses").
 */
import pLimit from "p-limit";

/** Hashes running at once, per process (argon2id with Bun's defaults: 64 MiB, ~100-200 ms each). */
export const HASHING_CONCURRENCY = 2;
/** Hashes allowed to wait for a slot; one more is refused with `PasswordHashingBusyError`. */
export const HASHING_QUEUE = 16;
/** What a refused caller is told to wait, in seconds (`Retry-After`). */
export const HASHING_RETRY_AFTER_SECONDS = 2;

/** Thrown when `HASHING_CONCURRENCY + HASHING_QUEUE` hashes are already running or waiting. */
export class PasswordHashingBusyError extends Error {
  constructor() {
    super("password hashing is busy");
    this.name = "PasswordHashingBusyError";
  }
}

const limit = pLimit(HASHING_CONCURRENCY);

/** Run `work` in the capped pool, or reject at once when the queue is full. */
function capped<T>(work: () => Promise<T>): Promise<T> {
  if (limit.activeCount + limit.pendingCount >= HASHING_CONCURRENCY + HASHING_QUEUE) {
    return Promise.reject(new PasswordHashingBusyError());
  }
  return limit(work);
}

/**
 * Hash a password for storage (argon2id, Bun's default cost).
 * @throws PasswordHashingBusyError when the hashing queue is full
 */
export function hashPassword(password: string): Promise<string> {
  return capped(() => Bun.password.hash(password, { algorithm: "argon2id" }));
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random secret with the same parameters as real ones; computed once, uncapped. */
function dummy(): Promise<string> {
  dummyHash ??= Bun.password.hash(crypto.randomUUID(), { algorithm: "argon2id" });
  return dummyHash;
}

/**
 * Check `password` against a stored hash. With `hash === null` (no such account, or an account
 * without a password) it verifies against the dummy hash and returns false, taking as long.
 * @throws PasswordHashingBusyError when the hashing queue is full
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const against = hash ?? (await dummy());
  const ok = await capped(() => Bun.password.verify(password, against));
  return hash !== null && ok;
}
