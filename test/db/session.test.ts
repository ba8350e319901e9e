/**
 * Sessions after the Lucia guide, on PGlite: only the token's SHA-256 is stored; sessions
 * expire after 30 days and slide when used in their last 15, never past 90 days from creation.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { sessions, users } from "../../src/db/schema";
import {
  SESSION_ABSOLUTE_MS,
  SESSION_LIFETIME_MS,
  createSession,
  generateSessionToken,
  invalidateSession,
  sessionIdOf,
  validateSessionToken,
} from "../../src/auth/session";
import { openTestDatabase } from "../helpers/databases";

const DAY = 24 * 60 * 60 * 1000;
let database: Database;
let dispose: () => Promise<void>;
let userId: number;
beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase("pglite"));
  const [user] = await database.db.insert(users).values({ email: "a@example.com", name: "A", role: "admin" }).returning();
  userId = user!.id;
});
afterAll(() => dispose());

describe("sessions", () => {
  test("the database holds the token's SHA-256, never the token", async () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const session = await createSession(database.db, token, userId);
    expect(session.id).toBe(sessionIdOf(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const stored = await database.db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(stored.some((row) => row.id === token || row.csrfToken === token)).toBe(false);
  });

  test("a fresh session validates without renewal; unknown tokens do not", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const token = generateSessionToken();
    await createSession(database.db, token, userId, now);
    const valid = await validateSessionToken(database.db, token, new Date(now.getTime() + DAY));
    expect([valid?.user.id, valid?.renewed]).toEqual([userId, false]);
    expect(await validateSessionToken(database.db, generateSessionToken(), now)).toBeNull();
  });

  test("used in its last 15 days, a session is extended to 30 days from then", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const token = generateSessionToken();
    await createSession(database.db, token, userId, now);
    const later = new Date(now.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(database.db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, sessionIdOf(token)));
    expect(row!.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
  });

  test("an expired session is refused and deleted; sign-out deletes it too", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const expired = generateSessionToken();
    await createSession(database.db, expired, userId, now);
    expect(await validateSessionToken(database.db, expired, new Date(now.getTime() + 31 * DAY))).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.id, sessionIdOf(expired)))).toEqual([]);

    const token = generateSessionToken();
    const session = await createSession(database.db, token, userId, now);
    await invalidateSession(database.db, session.id);
    expect(await validateSessionToken(database.db, token, now)).toBeNull();
  });

  test("sliding stops at the absolute lifetime: 90 days after creation the session ends, however used", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const token = generateSessionToken();
    await createSession(database.db, token, userId, now);
    const day = (n: number) => new Date(now.getTime() + n * DAY);
    const expiries: number[] = [];
    for (const n of [20, 45, 70, 85]) {
      const seen = await validateSessionToken(database.db, token, day(n));
      expiries.push((seen!.session.expiresAt.getTime() - now.getTime()) / DAY);
    }
    // 20 -> 50, 45 -> 75, 70 -> 90 (not 100), 85: already at the cap.
    expect(expiries).toEqual([50, 75, 90, 90]);
    expect(SESSION_ABSOLUTE_MS).toBe(90 * DAY);
    expect(await validateSessionToken(database.db, token, new Date(day(90).getTime() - 1))).not.toBeNull();
    expect(await validateSessionToken(database.db, token, day(90))).toBeNull();
  });
});
