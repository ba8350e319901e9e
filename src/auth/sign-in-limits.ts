/**
 * Sign-in limits that an attacker cannot turn against the account's owner (OWASP authentication
 * cheat sheet, "protect against automated attacks"), stored in `sign_in_limits` and therefore
 * shared by every instance:
 *
 * - per (account, address) pair: `PAIR_RULE`, 5 attempts per 15 minutes;
 * - per address: `ADDRESS_RULE`, 20 attempts per 15 minutes (any accounts);
 * - per account, from anywhere: `ACCOUNT_RULE`, 10 attempts per 15 minutes, then one attempt per
 *   growing delay (1 s, 2 s, 4 s ... at most 60 s). It slows a distributed guesser down without
 *   ever locking the owner out for long; and an address that signed in to the account before
 *   (within `KNOWN_ADDRESS_MS`, 90 days) skips it entirely.
 *
 * Each limit is reserved BEFORE the password is hashed, with one `INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE <allowed> RETURNING` per limit: the row comes back only when the attempt
 * was allowed, and Postgres serialises concurrent upserts of one row, so parallel requests
 * cannot pass a limit. The limits are checked in the order pair, address, account; an attempt
 * refused by a later one stays counted by the earlier ones. A refused attempt is not counted.
 * A successful sign-in clears the pair and gives its reservation back to the address and the
 * account, so only failures add up there.
 *
 * Accounts are keyed by the normalised e-mail whether or not it exists (no enumeration). IPv6
 * addresses count by their /64 network (`limitAddress`): one subscriber usually holds a whole
 * /64, so counting single addresses would give an attacker 2^64 tries.
 * Times come from the caller's clock (`now`), so tests can move it.
 */
import { isIP } from "node:net";
import { and, eq, gt, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { signInLimits } from "../db/schema";

const MINUTE_MS = 60_000;

/** One limit: `free` attempts per window, then the next waits `delay(n)` after attempt n. */
export interface LimitRule {
  kind: "pair" | "address" | "account";
  /** Attempts allowed without delay per window. */
  free: number;
  /** Window length in ms, from its first attempt; counts start again after it. */
  windowMs: number;
  /** Delay after the `free`-th attempt in ms, doubled after each further one... */
  baseDelayMs: number;
  /** ...up to this many ms. */
  maxDelayMs: number;
}

/** 5 attempts per (account, address) per 15 minutes, then none until the window ends. */
export const PAIR_RULE: LimitRule = { kind: "pair", free: 5, windowMs: 15 * MINUTE_MS, baseDelayMs: 15 * MINUTE_MS, maxDelayMs: 15 * MINUTE_MS };
/** 20 attempts per address per 15 minutes, then none until the window ends. */
export const ADDRESS_RULE: LimitRule = { kind: "address", free: 20, windowMs: 15 * MINUTE_MS, baseDelayMs: 15 * MINUTE_MS, maxDelayMs: 15 * MINUTE_MS };
/** 10 attempts per account per 15 minutes from anywhere, then 1 s, 2 s, 4 s ... 60 s apart. */
export const ACCOUNT_RULE: LimitRule = { kind: "account", free: 10, windowMs: 15 * MINUTE_MS, baseDelayMs: 1000, maxDelayMs: 60_000 };
/** How long a successful sign-in from an address exempts it from the account back-off (90 days). */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * MINUTE_MS;

/** The outcome of a reservation: allowed, or refused with the wait in ms until the next try. */
export type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number; limit: LimitRule["kind"] };

/** Who is signing in: the normalised e-mail and the client address. */
export interface SignInParty {
  email: string;
  address: string;
}

/**
 * The address as the limits count it: IPv4 (and anything that is not IPv6) as is, IPv6 as its
 * /64 network, e.g. `2001:db8:0:1:2:3:4:5` -> `2001:db8:0:1::/64`.
 */
export function limitAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const front = head ? head.split(":") : [];
  let groups = front;
  if (address.includes("::")) {
    const back = tail ? tail.split(":") : [];
    // A trailing dotted IPv4 part stands for two groups.
    const backLength = back.length + (back.at(-1)?.includes(".") ? 1 : 0);
    groups = [...front, ...Array<string>(8 - front.length - backLength).fill("0"), ...back];
  }
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}

const pairKey = (party: SignInParty) => `${party.email} ${limitAddress(party.address)}`;
const keyOf = (rule: LimitRule, party: SignInParty) =>
  rule.kind === "pair" ? pairKey(party) : rule.kind === "address" ? limitAddress(party.address) : party.email;

/** Delay in ms required after attempt number `n` of a window (0 below `free`). */
export function delayAfter(rule: LimitRule, n: number): number {
  if (n < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(n - rule.free, 30));
}

const col = {
  count: sql.raw(`"sign_in_limits"."count"`),
  windowStart: sql.raw(`"sign_in_limits"."window_start"`),
  nextAllowedAt: sql.raw(`"sign_in_limits"."next_allowed_at"`),
};

/**
 * Reserve one attempt under `rule` for `key` (one statement; see the module comment).
 * @returns true when the attempt was allowed (and counted)
 */
async function reserve(db: Db, rule: LimitRule, key: string, now: Date): Promise<boolean> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const windowEnded = sql`${col.windowStart} <= ${new Date(now.getTime() - rule.windowMs).toISOString()}::timestamptz`;
  const n = sql`(case when ${windowEnded} then 1 else ${col.count} + 1 end)`;
  const delayMs = sql`(case when ${n} < ${rule.free}::int then 0::float8
    else least(${rule.maxDelayMs}::float8, ${rule.baseDelayMs}::float8 * power(2, least(${n} - ${rule.free}::int, 30))) end)`;
  const rows = await db
    .insert(signInLimits)
    .values({
      kind: rule.kind,
      key,
      count: 1,
      windowStart: now,
      nextAllowedAt: new Date(now.getTime() + delayAfter(rule, 1)),
    })
    .onConflictDoUpdate({
      target: [signInLimits.kind, signInLimits.key],
      set: {
        count: n,
        windowStart: sql`case when ${windowEnded} then ${nowSql} else ${col.windowStart} end`,
        nextAllowedAt: sql`${nowSql} + ${delayMs} * interval '1 millisecond'`,
      },
      // Allowed: under the free quota (whatever the clocks of concurrent callers), past the
      // delay, or in a new window.
      setWhere: sql`${col.count} < ${rule.free}::int or ${col.nextAllowedAt} <= ${nowSql} or ${windowEnded}`,
    })
    .returning({ count: signInLimits.count });
  return rows.length > 0;
}

/** Milliseconds until `rule` allows `key` again (for `Retry-After`; at least 1 s). */
async function retryAfterMs(db: Db, rule: LimitRule, key: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ windowStart: signInLimits.windowStart, nextAllowedAt: signInLimits.nextAllowedAt })
    .from(signInLimits)
    .where(and(eq(signInLimits.kind, rule.kind), eq(signInLimits.key, key)));
  if (!row) return 1000;
  const at = Math.min(row.nextAllowedAt.getTime(), row.windowStart.getTime() + rule.windowMs);
  return Math.max(1000, at - now.getTime());
}

/** True when `party.address` signed in to `party.email` within `KNOWN_ADDRESS_MS`. */
async function isKnownAddress(db: Db, party: SignInParty, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ key: signInLimits.key })
    .from(signInLimits)
    .where(
      and(
        eq(signInLimits.kind, "known"),
        eq(signInLimits.key, pairKey(party)),
        gt(signInLimits.windowStart, new Date(now.getTime() - KNOWN_ADDRESS_MS)),
      ),
    );
  return row !== undefined;
}

let reservationsSinceSweep = 0;
/** Reservations between two sweeps of finished rows, per process. */
const SWEEP_EVERY = 200;

/**
 * Reserve one sign-in attempt for `party` under the pair, address and account limits, before
 * any password is checked. Call `recordSignInSuccess` when the password was right.
 */
export async function reserveSignInAttempt(db: Db, party: SignInParty, now = new Date()): Promise<Reservation> {
  if (++reservationsSinceSweep >= SWEEP_EVERY) {
    reservationsSinceSweep = 0;
    await sweepSignInLimits(db, now);
  }
  const rules = (await isKnownAddress(db, party, now)) ? [PAIR_RULE, ADDRESS_RULE] : [PAIR_RULE, ADDRESS_RULE, ACCOUNT_RULE];
  for (const rule of rules) {
    const key = keyOf(rule, party);
    if (!(await reserve(db, rule, key, now))) {
      return { allowed: false, retryAfterMs: await retryAfterMs(db, rule, key, now), limit: rule.kind };
    }
  }
  return { allowed: true };
}

/**
 * After a right password: clear the pair, give the attempt back to the address and the account
 * (so only failures add up there), and remember the address as known to the account.
 */
export async function recordSignInSuccess(db: Db, party: SignInParty, now = new Date()): Promise<void> {
  await db.delete(signInLimits).where(and(eq(signInLimits.kind, "pair"), eq(signInLimits.key, pairKey(party))));
  for (const rule of [ADDRESS_RULE, ACCOUNT_RULE]) {
    // Back below `free`, the next reservation passes whatever `next_allowed_at` says.
    await db
      .update(signInLimits)
      .set({ count: sql`greatest(${col.count} - 1, 0)` })
      .where(and(eq(signInLimits.kind, rule.kind), eq(signInLimits.key, keyOf(rule, party))));
  }
  await db
    .insert(signInLimits)
    .values({ kind: "known", key: pairKey(party), count: 1, windowStart: now, nextAllowedAt: now })
    .onConflictDoUpdate({ target: [signInLimits.kind, signInLimits.key], set: { windowStart: now, nextAllowedAt: now } });
}

/**
 * Delete rows that no longer limit anything: counters whose window ended and whose delay passed,
 * known addresses older than `KNOWN_ADDRESS_MS`. Runs every `SWEEP_EVERY` reservations.
 */
export async function sweepSignInLimits(db: Db, now = new Date()): Promise<void> {
  const longestWindow = Math.max(PAIR_RULE.windowMs, ADDRESS_RULE.windowMs, ACCOUNT_RULE.windowMs);
  await db
    .delete(signInLimits)
    .where(
      or(
        and(
          ne(signInLimits.kind, "known"),
          lte(signInLimits.windowStart, new Date(now.getTime() - longestWindow)),
          lte(signInLimits.nextAllowedAt, now),
        ),
        and(eq(signInLimits.kind, "known"), lte(signInLimits.windowStart, new Date(now.getTime() - KNOWN_ADDRESS_MS))),
      ),
    );
}
