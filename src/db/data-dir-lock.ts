/**
 * Exclusive lock on an embedded-database folder.
 *
 * PGlite has no cross-process locking: two processes on one folder silently lose writes. The lock
 * is an OS-level `flock` on `switchboard.lock` (src/db/file-lock.ts), held while the database is
 * open; the kernel drops it when the process ends in any way, so a crashed holder never blocks a
 * start, and a live one always does (a pid in a file could not tell: pids are reused). The file
 * holds the holder's pid, for the error message only.
 */
import { ftruncateSync, mkdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { tryLockFile } from "./file-lock";

/**
 * Take the lock on `dataDir` (creating the folder).
 * @returns a function that releases the lock
 * @throws Error naming the pid that holds the folder
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "switchboard.lock");
  const lock = tryLockFile(file);
  if (lock === null) {
    const holder = readFileSync(file, "utf8").trim() || "unknown";
    throw new Error(
      `The data folder ${dataDir} is in use by another Switchboard process (pid ${holder}). ` +
        `The embedded database allows one process; stop it, use another DATA_DIR, or set DATABASE_URL.`,
    );
  }
  ftruncateSync(lock.fd, 0);
  writeSync(lock.fd, String(process.pid));
  return () => lock.release();
}
