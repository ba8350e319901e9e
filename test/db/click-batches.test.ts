/**
 * Click batches are idempotent and have a deadline: a batch sent twice stores each click once,
 * and a batch that timed out while it was committing (the worst case: the client cannot know)
 * is stored once when sent again, through a fresh connection.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { encodeClickLine } from "../../src/clicks/click-record";
import { openPostgres, type Database } from "../../src/db/client";
import { migrate } from "../../src/db/migrate";
import { clicks } from "../../src/db/schema";
import { makeClick } from "../factories/click";
import { createPostgresDatabase, openTestDatabase, postgresAvailable, type TestPostgres } from "../helpers/databases";
import { eventually } from "../helpers/test-server";

const payload = (n: number, sub1: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => encodeClickLine(makeClick({ sub1: sub1(i) }))).join("");

test("pglite: a batch sent twice stores each click once", async () => {
  const { database, dispose } = await openTestDatabase("pglite");
  const batch = payload(5, (i) => `p${i}`);
  expect(await database.insertClickLines(batch)).toBe(5);
  expect(await database.insertClickLines(batch)).toBe(0);
  expect(await database.db.$count(clicks)).toBe(5);
  await dispose();
});

describe.skipIf(!(await postgresAvailable()))("postgres click batches", () => {
  let pg: TestPostgres;
  let database: Database;
  let sql: postgres.Sql;
  beforeAll(async () => {
    pg = await createPostgresDatabase();
    database = await openPostgres(pg.url, 500);
    await migrate(database);
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    // A commit that takes 1.5 s for clicks marked `slow-commit`: longer than the batch deadline.
    await sql.unsafe(`
      create function slow_commit() returns trigger language plpgsql as $$
      begin
        if new.sub1 = 'slow-commit' then perform pg_sleep(1.5); end if;
        return null;
      end $$;
      create constraint trigger slow_commit after insert on clicks
        deferrable initially deferred for each row execute function slow_commit();`);
  });
  afterAll(async () => {
    await sql?.end();
    await database?.close();
    await pg?.drop();
  });
  const count = async (like: string) =>
    (await sql<{ n: number }[]>`select count(*)::int as n from clicks where sub1 like ${like}`)[0]!.n;

  test("a batch sent twice stores each click once", async () => {
    const batch = payload(50, (i) => `twice-${i}`);
    expect(await database.insertClickLines(batch)).toBe(50);
    expect(await database.insertClickLines(batch)).toBe(0);
    expect(await count("twice-%")).toBe(50);
  });

  test("a batch that timed out but committed is not counted twice when sent again", async () => {
    const batch = payload(20, (i) => (i === 0 ? "slow-commit" : `late-${i}`));
    await expect(database.insertClickLines(batch)).rejects.toThrow("timed out after 500 ms");
    // The server finishes that commit after the client gave up.
    await eventually(async () => ((await count("late-%")) === 19 ? true : undefined), 5000);
    // Sent again through a fresh worker and connection: nothing is stored twice.
    expect(await database.insertClickLines(batch)).toBe(0);
    expect(await count("late-%")).toBe(19);
    expect(await count("slow-commit")).toBe(1);
    // And the writer keeps working.
    expect(await database.insertClickLines(payload(3, (i) => `after-${i}`))).toBe(3);
  });
});
