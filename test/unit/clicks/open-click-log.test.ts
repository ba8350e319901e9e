/**
 * Where the click log goes: CLICK_LOG_DIR/<database name>, or the system temporary folder with
 * a warning when that cannot be written.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { openClickLog } from "../../../src/clicks/open-click-log";

let dir: string;
const name = `test-${crypto.randomUUID()}`;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "switchboard-open-log-"))));
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), `switchboard-clicks-${userInfo().uid}`, name), { recursive: true, force: true });
});

test("the log lives in a folder per database under CLICK_LOG_DIR", () => {
  const events: Record<string, unknown>[] = [];
  const log = openClickLog(dir, name, (e) => events.push(e));
  expect(existsSync(join(dir, name, `${log.instanceId}.lock`))).toBe(true);
  expect(events).toEqual([]);
  log.close();
});

test("a CLICK_LOG_DIR that cannot be created falls back to the temporary folder, with a warning", () => {
  const notAFolder = join(dir, "file");
  writeFileSync(notAFolder, "");
  const events: Record<string, unknown>[] = [];
  const log = openClickLog(notAFolder, name, (e) => events.push(e));
  const fallback = join(tmpdir(), `switchboard-clicks-${userInfo().uid}`);
  expect(events).toEqual([expect.objectContaining({ event: "clicks.log_dir_fallback", wanted: notAFolder, using: fallback })]);
  expect(existsSync(join(fallback, name, `${log.instanceId}.lock`))).toBe(true);
  log.close();
});
