/**
 * Exclusive lock on an embedded-database folder.
 *
 * PGlite has no cross-process locking: two processes on one folder silently lose writes. The lock
 * is a `switchboard.lock` file holding the owner's PID, created with O_EXCL. A lock whose PID is
 * no longer alive is stale and taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Take the lock on `dataDir` (creating the folder).
 * @returns a function that releases the lock
 * @throws Error naming the PID that holds the folder
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "switchboard.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8"));
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The data folder ${dataDir} is in use by another Switchboard process (pid ${pid}). ` +
            `The embedded database allows one process; stop it, use another DATA_DIR, or set DATABASE_URL.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
