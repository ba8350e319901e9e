/**
 * The click buffer against a real PGlite database: batching, retry after a failed write,
 * the bound, and the final flush.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { ClickBuffer } from "../../../src/clicks/click-buffer";
import type { Database } from "../../../src/db/client";
import { makeClick } from "../../factories/click";
import { clicks } from "../../../src/db/schema";
import { openTestDatabase } from "../../helpers/databases";
import { eventually } from "../../helpers/test-server";

const row = (sub1: string) => makeClick({ sub1 });

let database: Database;
let dispose: () => Promise<void>;
beforeEach(async () => ({ database, dispose } = await openTestDatabase("pglite")));
afterEach(() => dispose());

const stored = async () => ((await database.db.select({ n: count() }).from(clicks))[0]!.n as number);

describe("ClickBuffer", () => {
  test("writes in batches of batchSize and counts what it wrote", async () => {
    const batches: number[] = [];
    const buffer = new ClickBuffer({
      write: async (rows) => {
        batches.push(rows.length);
        await database.insertClicks(rows);
      },
      flushMs: 60_000,
      batchSize: 4,
      maxRows: 100,
    });
    for (let i = 0; i < 10; i++) buffer.record(row(String(i)));
    await buffer.stop();
    expect(await stored()).toBe(10);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    expect(buffer.stats()).toMatchObject({ buffered: 0, written: 10, dropped: 0, failedFlushes: 0 });
  });

  test("a failed batch is kept and written by the next flush", async () => {
    let failNext = true;
    const errors: unknown[] = [];
    const buffer = new ClickBuffer({
      write: async (rows) => {
        if (failNext) {
          failNext = false;
          throw new Error("connection lost");
        }
        await database.insertClicks(rows);
      },
      flushMs: 60_000,
      batchSize: 100,
      maxRows: 100,
      onError: (err) => errors.push(err),
    });
    buffer.record(row("a"));
    buffer.record(row("b"));
    await buffer.flush();
    expect(buffer.stats()).toMatchObject({ buffered: 2, written: 0, failedFlushes: 1 });
    await buffer.flush();
    expect(await stored()).toBe(2);
    expect(errors.length).toBe(1);
    await buffer.stop();
  });

  test("beyond maxRows new clicks are dropped and counted", async () => {
    const buffer = new ClickBuffer({
      write: () => Promise.reject(new Error("down")),
      flushMs: 60_000,
      batchSize: 1000,
      maxRows: 3,
      onError: () => {},
    });
    const accepted = [1, 2, 3, 4, 5].map((i) => buffer.record(row(String(i))));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(buffer.stats()).toMatchObject({ buffered: 3, dropped: 2 });
    expect(await buffer.stop(2)).toBe(3);
  });

  test("the interval flushes without anyone asking", async () => {
    const buffer = new ClickBuffer({
      write: (rows) => database.insertClicks(rows),
      flushMs: 20,
      batchSize: 1000,
      maxRows: 1000,
    });
    buffer.record(row("timer"));
    expect(await eventually(async () => ((await stored()) > 0 ? stored() : undefined))).toBe(1);
    await buffer.stop();
  });
});
