/**
 * Click capture against a real PGlite database and a real log folder: clicks reach the
 * database through the log, survive a failing or hanging database, are logged as incidents
 * once when failures start and once when they end, and what a stop could not ship is shipped
 * by the next capture on the folder.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClickCapture } from "../../../src/clicks/click-capture";
import { ClickLog } from "../../../src/clicks/click-log";
import type { Database } from "../../../src/db/client";
import { clicks } from "../../../src/db/schema";
import { makeClick } from "../../factories/click";
import { openTestDatabase } from "../../helpers/databases";

let database: Database;
let dispose: () => Promise<void>;
let dir: string;
beforeEach(async () => {
  ({ database, dispose } = await openTestDatabase("pglite"));
  dir = mkdtempSync(join(tmpdir(), "switchboard-capture-"));
});
afterEach(async () => {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
});

const stored = () => database.db.$count(clicks);

function capture(write: (payload: Uint8Array) => Promise<number>, events: Record<string, unknown>[] = []) {
  return new ClickCapture({
    log: new ClickLog({ dir, segmentBytes: 1 << 20 }),
    write,
    syncMs: 5,
    shipMs: 60_000, // shipped by flush() only
    batchSize: 4,
    maxUnlogged: 1000,
    logEvent: (event) => events.push(event),
  });
}

describe("ClickCapture", () => {
  test("recorded clicks reach the database in batches and leave the backlog", async () => {
    const c = capture((payload) => database.insertClickLines(payload));
    for (let i = 0; i < 10; i++) c.record(makeClick({ sub1: String(i) }));
    expect(c.status().backlog).toBe(10);
    await c.flush();
    expect(await stored()).toBe(10);
    expect(c.status()).toMatchObject({ backlog: 0, written: 10, dropped: 0, failedFlushes: 0, lastError: null });
    expect(c.status().lastFlushAt).toBeNumber();
    expect(c.stats()).toMatchObject({ buffered: 0, written: 10, dropped: 0 });
    expect(await c.stop(1000)).toBe(0);
  });

  test("while the database fails clicks wait in the log; one line when failures start, one when they end", async () => {
    let failures = 3;
    const events: Record<string, unknown>[] = [];
    const c = capture(async (payload) => {
      if (failures-- > 0) throw new Error("connection refused");
      return database.insertClickLines(payload);
    }, events);
    c.record(makeClick({ sub1: "a" }));
    c.record(makeClick({ sub1: "b" }));
    for (let i = 0; i < 3; i++) {
      await c.flush();
      expect(c.status()).toMatchObject({ backlog: 2, lastError: "click flush: connection refused" });
    }
    await c.flush();
    expect(await stored()).toBe(2);
    expect(c.status()).toMatchObject({ backlog: 0, failedFlushes: 3, lastError: null });
    expect(events.map((e) => e.event)).toEqual(["clicks.flush_failing.started", "clicks.flush_failing.ended"]);
    expect(events[1]).toMatchObject({ times: 3, backlog: 0 });
    await c.stop(1000);
  });

  test("a stop with the database hanging returns by its deadline; the next capture ships the rest", async () => {
    const hung = capture(() => new Promise<number>(() => {}));
    for (let i = 0; i < 5; i++) hung.record(makeClick({ sub1: `left-${i}` }));
    const started = performance.now();
    expect(await hung.stop(300)).toBe(5);
    expect(performance.now() - started).toBeLessThan(1000);

    const next = capture((payload) => database.insertClickLines(payload));
    expect(next.status().backlog).toBe(5);
    await next.flush();
    expect(await stored()).toBe(5);
    expect(await next.stop(1000)).toBe(0);
  });
});
