/**
 * The embedded-database folder lock is an OS-level flock: a lock file left by an ended process
 * never blocks a start, whatever pid it names, and a held lock always refuses a second holder.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockDataDir } from "../../../src/db/data-dir-lock";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "switchboard-lock-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a lock file left behind naming a pid that is alive now (pid reuse) does not block a start", () => {
  writeFileSync(join(dir, "switchboard.lock"), "1"); // pid 1 is always alive
  const unlock = lockDataDir(dir);
  unlock();
});

test("a held lock refuses a second holder, also in the same process, until released", () => {
  const unlock = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(`is in use by another Switchboard process (pid ${process.pid})`);
  unlock();
  lockDataDir(dir)();
});
