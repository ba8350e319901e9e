import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import type { ClickRecord } from "../../src/clicks/click-record";
import { makeClick } from "../factories/click";
import { listClicks } from "../../src/clicks/list-clicks";
import { ValidationError } from "../../src/errors";
import { openTestDatabase, resetDatabase } from "./fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => resetDatabase(database));

/** Clicks in time order (uuidv7 ids increase), alternating smartlinks 1/2, publishers 1/1/2. */
async function seed(n: number): Promise<ClickRecord[]> {
  const rows: ClickRecord[] = Array.from({ length: n }, (_, i) => makeClick({
    id: Bun.randomUUIDv7(),
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    smartlinkId: (i % 2) + 1,
    publisherId: (i % 3) + 1 === 3 ? 2 : 1,
    campaignId: i,
    reason: "offer",
    device: "desktop",
  }));
  await database.insertClicks(rows);
  return rows;
}

test("pages newest first until next_cursor is null", async () => {
  const rows = await seed(7);
  const newestFirst = rows.map((r) => r.id).reverse();
  const seen: string[] = [];
  let cursor: string | undefined;
  const cursors: (string | null)[] = [];
  do {
    const page = await listClicks(database.db, { limit: 3, cursor });
    seen.push(...page.clicks.map((c) => c.id));
    cursors.push(page.nextCursor);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toEqual(newestFirst);
  expect(cursors).toEqual([newestFirst[2]!, newestFirst[5]!, null]);
});

test("an exactly full last page has no next cursor", async () => {
  await seed(3);
  expect((await listClicks(database.db, { limit: 3 })).nextCursor).toBeNull();
});

test("filters by smartlink and publisher", async () => {
  const rows = await seed(12);
  const expected = rows.filter((r) => r.smartlinkId === 2 && r.publisherId === 2).map((r) => r.id).reverse();
  const page = await listClicks(database.db, { smartlinkId: 2, publisherId: 2, limit: 50 });
  expect(page.clicks.map((c) => c.id)).toEqual(expected);
  expect(expected.length).toBe(2);
});

test("returns whole rows", async () => {
  const [row] = await seed(1);
  expect((await listClicks(database.db, { limit: 1 })).clicks).toEqual([row as never]);
});

test("refuses a malformed cursor and an out-of-range limit", async () => {
  const err = await listClicks(database.db, { limit: 5, cursor: "nope" }).catch((e) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(err.errors).toEqual({ cursor: "must be a click id (UUID)" });
  const err2 = await listClicks(database.db, { limit: 1001 }).catch((e) => e);
  expect(err2.errors).toEqual({ limit: "must be a whole number from 1 to 1000" });
});
