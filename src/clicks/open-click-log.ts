/**
 * Open the click log for one database, in `CLICK_LOG_DIR` (default `<DATA_DIR>/clicks`), falling
 * back to the system temporary folder with a warning when that folder cannot be written (a
 * read-only container image, for one). A temporary folder survives process crashes and
 * restarts but maybe not a reboot; the warning says so.
 */
import { readdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { ClickLog } from "./click-log";

/** Seal a segment at this size: about 20,000 clicks, replayed in about a second at start. */
export const SEGMENT_BYTES = 4 * 1024 * 1024;

/**
 * @param dir CLICK_LOG_DIR
 * @param databaseName `Database.name`: each database has a folder of its own
 * @param logEvent structured log line
 * @throws Error when neither `dir` nor the temporary folder can hold the log
 */
export function openClickLog(
  dir: string,
  databaseName: string,
  logEvent: (event: Record<string, unknown>) => void,
): ClickLog {
  let log: ClickLog;
  try {
    log = new ClickLog({ dir: join(dir, databaseName), segmentBytes: SEGMENT_BYTES });
  } catch (err) {
    const fallback = join(tmpdir(), `switchboard-clicks-${userInfo().uid}`);
    logEvent({
      event: "clicks.log_dir_fallback",
      wanted: dir,
      using: fallback,
      error: err instanceof Error ? err.message : String(err),
      note: "set CLICK_LOG_DIR to a writable, persistent folder: a temporary folder may not survive a reboot",
    });
    try {
      log = new ClickLog({ dir: join(fallback, databaseName), segmentBytes: SEGMENT_BYTES });
      dir = fallback;
    } catch (again) {
      throw new Error(
        `No writable folder for the click log: ${dir} and ${fallback} failed ` +
          `(${again instanceof Error ? again.message : String(again)}). Set CLICK_LOG_DIR.`,
      );
    }
  }
  if (log.adopted.segments > 0) {
    logEvent({ event: "clicks.log_replay", segments: log.adopted.segments, clicks: log.adopted.lines });
  }
  const others = otherDatabases(dir, databaseName);
  if (others.length > 0) {
    logEvent({
      event: "clicks.log_other_databases",
      dir,
      folders: others,
      note: "clicks logged for another database (an earlier DATABASE_URL?) are not shipped here",
    });
  }
  return log;
}

/** Sibling folders that hold segments (clicks logged for another database). */
function otherDatabases(dir: string, databaseName: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== databaseName)
      .filter((e) => readdirSync(join(dir, e.name)).some((f) => f.endsWith(".log")))
      .map((e) => e.name);
  } catch {
    return [];
  }
}
