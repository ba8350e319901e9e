/**
 * Advisory OS-level file locks: `flock(2)` with LOCK_EX | LOCK_NB, called through `bun:ffi`.
 *
 * The kernel drops the lock when its holder closes the file or dies (crash, SIGKILL, power
 * loss), so a lock is never stale, unlike a pid in a file (a dead holder's pid may belong to any
 * live process later). `flock` locks belong to the open file description: two opens of one file
 * exclude each other also within one process. Linux and macOS (LOCK_EX = 2, LOCK_NB = 4 on
 * both). No npm package wraps flock without a V8/NAN native addon, which Bun cannot load; the
 * libc call is three lines (docs/decisions/002-click-buffering.md).
 */
import { dlopen, FFIType } from "bun:ffi";
import { closeSync, openSync } from "node:fs";

const LOCK_EX = 2;
const LOCK_NB = 4;

let flock: ((fd: number, operation: number) => number) | null = null;

function libcFlock(): (fd: number, operation: number) => number {
  if (flock) return flock;
  const libc = process.platform === "darwin" ? "libc.dylib" : "libc.so.6";
  const lib = dlopen(libc, { flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 } });
  flock = (fd, operation) => lib.symbols.flock(fd, operation);
  return flock;
}

export interface FileLock {
  /** File descriptor of the locked file (open for reading and appending). */
  fd: number;
  /** Release the lock and close the file. Idempotent. */
  release(): void;
}

/**
 * Try to lock `path` exclusively without waiting; the file is created when missing.
 * @returns the held lock, or null when another open file (this or another process) holds it
 * @throws Error when the file cannot be opened (permissions, missing folder)
 */
export function tryLockFile(path: string): FileLock | null {
  const fd = openSync(path, "a+", 0o600);
  if (libcFlock()(fd, LOCK_EX | LOCK_NB) !== 0) {
    closeSync(fd);
    return null;
  }
  let open = true;
  return {
    fd,
    release() {
      if (!open) return;
      open = false;
      closeSync(fd); // closing the last descriptor of the open file drops the flock
    },
  };
}
