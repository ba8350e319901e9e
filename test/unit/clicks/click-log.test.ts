/**
 * The click log on a real folder: segments, reading back, deleting what is committed, torn and
 * corrupt lines, and adopting what an ended instance left (never what a live one holds).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClickLog } from "../../../src/clicks/click-log";
import { encodeClickLine } from "../../../src/clicks/click-record";
import { makeClick } from "../../factories/click";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "switchboard-click-log-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (n: number, tag = "c") => Array.from({ length: n }, (_, i) => encodeClickLine(makeClick({ sub1: `${tag}${i}` })));
const append = (log: ClickLog, batch: string[]) => log.append(Buffer.from(batch.join("")), batch.length);
const logFiles = () => readdirSync(dir).filter((f) => f.endsWith(".log")).sort();

/** Read and commit everything; returns the sub1 values shipped. */
function drain(log: ClickLog, batchSize = 1000): string[] {
  const shipped: string[] = [];
  for (let batch = log.read(batchSize); batch && (batch.lines > 0 || batch.corrupt > 0 || batch.torn); batch = log.read(batchSize)) {
    for (const line of Buffer.from(batch.payload).toString().split("\n").filter(Boolean)) shipped.push(line.split("\t")[15]!);
    log.commit(batch);
  }
  return shipped;
}

describe("ClickLog", () => {
  test("reads back what was appended in batches, and counts the backlog", () => {
    const log = new ClickLog({ dir, segmentBytes: 1 << 20 });
    expect(append(log, lines(5))).toEqual({ written: expect.any(Number), error: null });
    expect(log.backlog()).toBe(5);
    const first = log.read(3)!;
    expect(first.lines).toBe(3);
    log.commit(first);
    expect(log.backlog()).toBe(2);
    expect(drain(log)).toEqual(["c3", "c4"]);
    expect(log.backlog()).toBe(0);
    log.close();
  });

  test("a sealed segment is deleted once every click in it is committed; a clean close leaves nothing", () => {
    const log = new ClickLog({ dir, segmentBytes: 500 }); // 10 lines are more than 500 bytes
    for (let i = 0; i < 5; i++) append(log, lines(10, `s${i}-`));
    expect(logFiles().length).toBe(5);
    expect(drain(log).length).toBe(50);
    expect(logFiles().length).toBeLessThanOrEqual(1); // only the active segment may remain
    log.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("what is not committed at close is adopted by the next instance, which skips torn and corrupt lines", () => {
    const first = new ClickLog({ dir, segmentBytes: 1 << 20 });
    append(first, lines(4, "a"));
    const shipped = first.read(2)!;
    first.commit(shipped);
    first.close();
    // A crash mid-write leaves a torn last line; a bad disk block a garbage line.
    const [file] = logFiles();
    appendFileSync(join(dir, file!), "not a click\n" + lines(1, "torn")[0]!.slice(0, 40));

    const second = new ClickLog({ dir, segmentBytes: 1 << 20 });
    expect(second.adopted).toEqual({ segments: 1, lines: 5 });
    expect(drain(second)).toEqual(["a0", "a1", "a2", "a3"]); // replayed from the start: the database skips a0, a1
    expect(second.corruptLines).toBe(2);
    expect(second.backlog()).toBe(0);
    expect(logFiles()).toEqual([]);
    second.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("the segments of a live instance are never adopted", () => {
    const live = new ClickLog({ dir, segmentBytes: 1 << 20 });
    append(live, lines(3, "live"));
    const other = new ClickLog({ dir, segmentBytes: 1 << 20 });
    expect(other.adopted).toEqual({ segments: 0, lines: 0 });
    expect(other.read(10)).toBeNull();
    live.close();
    other.close();
    // Once the live one has ended, the next instance takes its segments.
    const next = new ClickLog({ dir, segmentBytes: 1 << 20 });
    expect(next.adopted.lines).toBe(3);
    expect(drain(next)).toEqual(["live0", "live1", "live2"]);
    next.close();
  });

  test("a running instance takes over the segments of a sibling that ended, and keeps appending to its own", () => {
    const mine = new ClickLog({ dir, segmentBytes: 1 << 20 });
    append(mine, lines(2, "mine"));
    const sibling = new ClickLog({ dir, segmentBytes: 1 << 20 });
    append(sibling, lines(3, "sibling"));
    expect(mine.adoptLeftovers()).toBe(0); // alive
    sibling.close(); // ended with a backlog (as a crash would leave it)
    expect(mine.adoptLeftovers()).toBe(3);
    expect(mine.adoptLeftovers()).toBe(0); // never twice
    append(mine, lines(1, "more"));
    expect(drain(mine).sort()).toEqual(["mine0", "mine1", "more0", "sibling0", "sibling1", "sibling2"]);
    expect(logFiles().length).toBe(1); // the sibling's segment is gone, my active one stays
    mine.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a partly written line is completed by the next append", () => {
    const log = new ClickLog({ dir, segmentBytes: 1 << 20 });
    const bytes = Buffer.from(lines(2).join(""));
    const cut = bytes.length - 10;
    append(log, []); // opens the segment
    log.append(bytes.subarray(0, cut), 0);
    expect(log.read(10)!.lines).toBe(1);
    log.append(bytes.subarray(cut), 1);
    expect(drain(log)).toEqual(["c0", "c1"]);
    log.close();
  });
});
