/**
 * The sign-in limits on a real database with a moved clock: the account back-off grows from 1 s
 * to at most 60 s, ends with its window, and skips addresses known to the account; the pair
 * allows exactly its quota per window.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import {
  ACCOUNT_RULE,
  PAIR_RULE,
  limitAddress,
  recordSignInSuccess,
  reserveSignInAttempt,
  sweepSignInLimits,
} from "../../src/auth/sign-in-limits";
import { signInLimits } from "../../src/db/schema";
import { openTestDatabase, postgresAvailable, type Backend } from "../helpers/databases";

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];
const T0 = new Date("2026-03-01T12:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);

test("limitAddress counts IPv6 by /64 network and IPv4 by address", () => {
  expect(
    ["192.0.2.1", "2001:db8:0:1:2:3:4:5", "2001:db8::1", "2001:0db8:0000:0001::9", "::1", "64:ff9b::1.2.3.4", "fe80:1:2:3:4:5:6:7"].map(limitAddress),
  ).toEqual(["192.0.2.1", "2001:db8:0:1::/64", "2001:db8:0:0::/64", "2001:db8:0:1::/64", "0:0:0:0::/64", "64:ff9b:0:0::/64", "fe80:1:2:3::/64"]);
});

describe.each(backends)("sign-in limits on %s", (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase(backend));
  });
  afterAll(() => dispose());

  test("the account back-off: free attempts, then 1 s, 2 s, 4 s ... capped at 60 s, reset by the window", async () => {
    const email = "backoff@example.com";
    const from = (i: number) => ({ email, address: `192.0.2.${i}` });
    for (let i = 0; i < ACCOUNT_RULE.free; i++) expect(await reserveSignInAttempt(database.db, from(i), at(0))).toEqual({ allowed: true });
    expect(await reserveSignInAttempt(database.db, from(50), at(0))).toEqual({ allowed: false, retryAfterMs: 1000, limit: "account" });

    let t = 0;
    const waits: number[] = [];
    for (let k = 0; k < 8; k++) {
      const refused = await reserveSignInAttempt(database.db, from(60 + k), at(t));
      const wait = refused.allowed ? 0 : refused.retryAfterMs;
      waits.push(wait);
      t += wait;
      expect(await reserveSignInAttempt(database.db, from(80 + k), at(t))).toEqual({ allowed: true });
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);

    // A new window starts fresh.
    expect(await reserveSignInAttempt(database.db, from(99), at(ACCOUNT_RULE.windowMs + 1))).toEqual({ allowed: true });
  });

  test("an address that signed in before skips the account back-off, not its pair limit", async () => {
    const email = "known@example.com";
    const home = { email, address: "198.51.100.7" };
    expect(await reserveSignInAttempt(database.db, home, at(0))).toEqual({ allowed: true });
    await recordSignInSuccess(database.db, home, at(0));
    for (let i = 0; i < ACCOUNT_RULE.free + 3; i++) await reserveSignInAttempt(database.db, { email, address: `203.0.113.${i}` }, at(1));
    expect((await reserveSignInAttempt(database.db, { email, address: "203.0.113.200" }, at(1))).allowed).toBe(false);
    for (let i = 0; i < PAIR_RULE.free; i++) expect(await reserveSignInAttempt(database.db, home, at(2))).toEqual({ allowed: true });
    expect(await reserveSignInAttempt(database.db, home, at(2))).toMatchObject({ allowed: false, limit: "pair" });
  });

  test("the pair allows its quota per window, and 40 parallel reservations get exactly that", async () => {
    const party = { email: "race@example.com", address: "198.51.100.40" };
    const results = await Promise.all(Array.from({ length: 40 }, () => reserveSignInAttempt(database.db, party, at(0))));
    expect(results.filter((r) => r.allowed).length).toBe(PAIR_RULE.free);
    expect(await reserveSignInAttempt(database.db, party, at(PAIR_RULE.windowMs - 1))).toMatchObject({ allowed: false, limit: "pair" });
    expect(await reserveSignInAttempt(database.db, party, at(PAIR_RULE.windowMs))).toEqual({ allowed: true });
  });

  test("under the free quota, concurrent callers' clocks do not matter (a later call may carry an earlier time)", async () => {
    const party = { email: "skew@example.com", address: "198.51.100.41" };
    for (let i = PAIR_RULE.free; i > 0; i--) expect(await reserveSignInAttempt(database.db, party, at(i))).toEqual({ allowed: true });
    expect(await reserveSignInAttempt(database.db, party, at(PAIR_RULE.free + 1))).toMatchObject({ allowed: false, limit: "pair" });
  });

  test("addresses of one IPv6 /64 share the pair and address limits", async () => {
    const email = "v6@example.com";
    for (let i = 0; i < PAIR_RULE.free; i++) {
      expect(await reserveSignInAttempt(database.db, { email, address: `2001:db8:aa:bb::${i + 1}` }, at(0))).toEqual({ allowed: true });
    }
    expect(await reserveSignInAttempt(database.db, { email, address: "2001:db8:aa:bb:ffff::1" }, at(0))).toMatchObject({ allowed: false, limit: "pair" });
    expect(await reserveSignInAttempt(database.db, { email, address: "2001:db8:aa:bc::1" }, at(0))).toEqual({ allowed: true });
  });

  test("the sweep deletes finished counters only", async () => {
    const party = { email: "sweep@example.com", address: "198.51.100.90" };
    await reserveSignInAttempt(database.db, party, at(0));
    await sweepSignInLimits(database.db, at(1000));
    const before = await database.db.select().from(signInLimits);
    expect(before.some((row) => row.key === party.email)).toBe(true);
    await sweepSignInLimits(database.db, at(24 * 60 * 60 * 1000));
    const after = await database.db.select().from(signInLimits);
    expect(after.filter((row) => row.kind !== "known")).toEqual([]);
    expect(after.some((row) => row.kind === "known")).toBe(true);
  });
});
