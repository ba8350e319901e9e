/**
 * The local append-only click log (docs/decisions/002-click-buffering.md): what makes a served
 * click survive a crash and a database outage until it is committed.
 *
 * Layout, in one folder per database (`<CLICK_LOG_DIR>/<database name>/`):
 * - `<instance>.lock`: held with `flock` for the life of the instance that writes
 *   `<instance>.<seq>.log`; the instance id is a UUIDv7, so names sort by start time.
 * - `<instance>.<seq>.log`: segments of COPY text lines (`encodeClickLine`), one click per
 *   line. The newest segment of a live instance is appended to; at `segmentBytes` it is sealed
 *   and a new one starts. A sealed segment whose every line is committed is deleted.
 *
 * On open, segments of instances whose lock can be taken (the instance ended: clean stop with a
 * backlog, crash, SIGKILL, power loss) are adopted: their lock stays held by this instance until
 * they are shipped, so two live instances never ship one file. A segment is read back from the
 * start when adopted; lines already committed are skipped by the database (`on conflict`).
 *
 * A crash can leave a torn last line (no newline); it is dropped on reading, as is any line that
 * is not a well-formed click (counted in `corruptLines`).
 *
 * Single-threaded by design: `append` is a synchronous write (page cache), `sync` an fdatasync
 * on the thread pool; reading for shipping is a synchronous positional read of what was written.
 */
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { tryLockFile, type FileLock } from "../db/file-lock";

const fdatasyncAsync = promisify(fdatasync);

const SEGMENT_NAME = /^([0-9a-f-]{36})\.(\d{6})\.log$/;
const LOCK_NAME = /^([0-9a-f-]{36})\.lock$/;
/** One stored click: a UUID, then 19 tab-separated fields (CLICK_COPY_COLUMNS). */
const CLICK_LINE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\t(?:[^\t\n]*\t){18}[^\t\n]*$/;
const NEWLINE = 0x0a;
/** Bytes read per batch at most (a click line is well under 4 KB). */
const READ_CHUNK = 4 * 1024 * 1024;

interface Segment {
  path: string;
  fd: number;
  /** Bytes in the file (appended, or found on adoption). */
  size: number;
  /** Bytes fdatasync'd (equal to `size` for adopted segments). */
  synced: number;
  /** Bytes whose lines are committed (or skipped as corrupt). */
  shipped: number;
  /** Clicks in the file, and how many of them are committed. */
  lines: number;
  shippedLines: number;
  /** No more appends: a sealed segment is deleted once fully shipped. */
  sealed: boolean;
  /** Lock of the instance the segment belongs to. */
  owner: FileLock;
}

/** One batch read from the log: COPY text lines of one segment. */
export interface LogBatch {
  /** The lines (UTF-8), each ending in a newline; empty when only corrupt lines were read. */
  payload: Uint8Array;
  lines: number;
  /** Lines in the batch that are not well-formed clicks (skipped, counted). */
  readonly corrupt: number;
  /** The batch is the torn last line of a sealed segment (skipped, counted). */
  readonly torn: boolean;
  readonly segment: Segment;
  /** Byte offset in the segment after the batch. */
  readonly end: number;
}

export interface ClickLogOptions {
  /** The folder of this database's segments (created when missing). */
  dir: string;
  /** Seal the active segment once it holds this many bytes. */
  segmentBytes: number;
}

export class ClickLog {
  readonly instanceId = Bun.randomUUIDv7();
  /** Every open segment: this instance's and adopted ones. */
  private segments: Segment[] = [];
  /** The segment appends go to; null until the first append or after sealing. */
  private active: Segment | null = null;
  private readonly ownLock: FileLock;
  private nextSeq = 0;
  /** An fdatasync is running: no segment is closed meanwhile. */
  private syncing = false;
  /** Lines dropped as torn or corrupt while reading. */
  corruptLines = 0;
  /** Segments adopted from instances that ended, and their clicks. */
  readonly adopted = { segments: 0, lines: 0 };

  /**
   * Open the log in `opts.dir`: lock this instance, adopt what ended instances left.
   * @throws Error when the folder cannot be created or written
   */
  constructor(private readonly opts: ClickLogOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.ownLock = tryLockFile(join(opts.dir, `${this.instanceId}.lock`))!;
    this.adoptLeftovers();
  }

  /**
   * Take over the segments of instances that ended since (a sibling on the same folder that
   * crashed). Called at open and from time to time.
   * @returns the clicks adopted
   */
  adoptLeftovers(): number {
    const before = this.adopted.lines;
    try {
      this.adoptEnded();
    } catch {
      // an unreadable folder now: the next round tries again
    }
    return this.adopted.lines - before;
  }

  /**
   * Append COPY text lines (`count` of them, each ending in a newline) to the active segment.
   * @returns the bytes written and, when the write failed (disk full, I/O error), the error; a
   *   partly written line is completed by appending the rest of `bytes` later
   */
  append(bytes: Uint8Array, count: number): { written: number; error: unknown } {
    let written = 0;
    let error: unknown = null;
    let active: Segment | null = null;
    try {
      active = this.activeSegment();
      while (written < bytes.length) written += writeSync(active.fd, bytes, written);
    } catch (err) {
      error = err;
    }
    if (active === null || written === 0) return { written, error };
    active.size += written;
    active.lines += written === bytes.length ? count : countNewlinesIn(bytes, written);
    if (written === bytes.length && active.size >= this.opts.segmentBytes) {
      active.sealed = true;
      this.active = null;
    }
    return { written, error };
  }

  /** fdatasync every segment with unsynced bytes (on the thread pool). */
  async sync(): Promise<void> {
    this.syncing = true;
    try {
      for (const segment of this.segments) {
        if (segment.synced === segment.size) continue;
        const size = segment.size;
        await fdatasyncAsync(segment.fd);
        segment.synced = size;
      }
    } finally {
      this.syncing = false;
    }
    this.deleteShipped();
  }

  /** Bytes written and not yet fdatasync'd (what a power failure could take). */
  unsynced(): number {
    let n = 0;
    for (const s of this.segments) n += s.size - s.synced;
    return n;
  }

  /**
   * The next lines to ship, up to `maxLines`, from the oldest segment with unshipped lines;
   * null when everything written is shipped. Lines in the batch stay in the log until `commit`.
   */
  read(maxLines: number): LogBatch | null {
    const segment = this.segments.find((s) => s.shipped < s.size);
    if (segment === undefined) return null;
    const remaining = segment.size - segment.shipped;
    // About 256 bytes a click; a chunk without one whole line is read again at the largest size.
    let length = Math.min(remaining, Math.max(64 * 1024, maxLines * 256));
    let buffer = Buffer.allocUnsafe(length);
    let got = readSync(segment.fd, buffer, 0, length, segment.shipped);
    if (length < remaining && buffer.subarray(0, got).indexOf(NEWLINE) === -1) {
      length = Math.min(remaining, READ_CHUNK);
      buffer = Buffer.allocUnsafe(length);
      got = readSync(segment.fd, buffer, 0, length, segment.shipped);
    }
    // Whole lines, at most `maxLines` of them.
    let end = 0;
    let count = 0;
    for (let newline = buffer.indexOf(NEWLINE); newline !== -1 && newline < got && count < maxLines; count++) {
      end = newline + 1;
      newline = buffer.indexOf(NEWLINE, end);
    }
    // This instance's own lines come from `encodeClickLine` and are sent as they are; lines of
    // an instance that ended may be torn or damaged and are checked one by one.
    let payload: Uint8Array = buffer.subarray(0, end);
    let corrupt = 0;
    if (segment.owner !== this.ownLock) {
      const split = buffer.toString("utf8", 0, end).split("\n");
      split.pop(); // after the last newline
      const valid = split.filter((line) => CLICK_LINE.test(line));
      corrupt = split.length - valid.length;
      if (corrupt > 0) payload = Buffer.from(valid.length > 0 ? `${valid.join("\n")}\n` : "");
    }
    const lines = count - corrupt;
    const start = end;
    // A sealed segment whose rest has no newline ends in a torn line: drop it.
    if (start === 0 && segment.sealed && got === remaining) {
      return { payload: new Uint8Array(0), lines: 0, corrupt: 0, torn: true, segment, end: segment.size };
    }
    return { payload, lines, corrupt, torn: false, segment, end: segment.shipped + start };
  }

  /** Mark `batch` committed; a sealed segment shipped to its end is deleted once synced. */
  commit(batch: LogBatch): void {
    const segment = batch.segment;
    if (batch.end <= segment.shipped) return; // committed already (sent twice)
    segment.shipped = batch.end;
    segment.shippedLines += batch.lines;
    segment.lines -= batch.corrupt;
    this.corruptLines += batch.corrupt + (batch.torn ? 1 : 0);
    this.deleteShipped();
  }

  /** Clicks written to the log and not committed yet. */
  backlog(): number {
    let n = 0;
    for (const s of this.segments) n += s.lines - s.shippedLines;
    return n;
  }

  /** Bytes of all segments on disk. */
  bytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /**
   * Close every file and release the locks. Segments fully shipped are deleted (with this
   * instance's lock file when nothing of it is left); the rest stay for the next start.
   */
  close(): void {
    for (const segment of this.segments) segment.sealed = true;
    this.active = null;
    this.syncing = false;
    this.deleteShipped();
    for (const segment of this.segments) closeSync(segment.fd);
    const owners = new Set(this.segments.map((s) => s.owner));
    for (const owner of owners) owner.release();
    if (!owners.has(this.ownLock)) {
      rmSync(join(this.opts.dir, `${this.instanceId}.lock`), { force: true });
      this.ownLock.release();
    }
    this.segments = [];
  }

  private activeSegment(): Segment {
    if (this.active) return this.active;
    const seq = String(this.nextSeq++).padStart(6, "0");
    const path = join(this.opts.dir, `${this.instanceId}.${seq}.log`);
    const fd = openSync(path, "a+", 0o600);
    const segment: Segment = {
      path,
      fd,
      size: 0,
      synced: 0,
      shipped: 0,
      lines: 0,
      shippedLines: 0,
      sealed: false,
      owner: this.ownLock,
    };
    this.segments.push(segment);
    this.active = segment;
    return segment;
  }

  /** Delete sealed, fully shipped segments (not during an fdatasync); drop locks left empty. */
  private deleteShipped(): void {
    const done = (s: Segment) => s.sealed && s.shipped === s.size;
    if (this.syncing || !this.segments.some(done)) return;
    const keep: Segment[] = [];
    for (const segment of this.segments) {
      if (!done(segment)) {
        keep.push(segment);
        continue;
      }
      closeSync(segment.fd);
      rmSync(segment.path, { force: true });
    }
    const released = new Set(this.segments.map((s) => s.owner));
    for (const s of keep) released.delete(s.owner);
    released.delete(this.ownLock);
    for (const owner of released) {
      const lockPath = this.segments.find((s) => s.owner === owner)!.path.replace(/\.\d{6}\.log$/, ".lock");
      rmSync(lockPath, { force: true });
      owner.release();
    }
    this.segments = keep;
  }

  /** Take over the segments of every instance whose lock is free (it ended). */
  private adoptEnded(): void {
    const names = readdirSync(this.opts.dir).sort();
    const held = new Set(this.segments.map((s) => s.path));
    const instances = new Set<string>();
    for (const name of names) {
      const match = SEGMENT_NAME.exec(name) ?? LOCK_NAME.exec(name);
      if (match && match[1] !== this.instanceId && !held.has(join(this.opts.dir, name))) instances.add(match[1]!);
    }
    for (const instance of instances) {
      const lockPath = join(this.opts.dir, `${instance}.lock`);
      const lock = tryLockFile(lockPath);
      if (lock === null) continue; // alive: it ships its own segments
      // Listed again under the lock: another instance may have shipped them meanwhile.
      const files = readdirSync(this.opts.dir)
        .filter((name) => SEGMENT_NAME.exec(name)?.[1] === instance)
        .sort();
      if (files.length === 0) {
        rmSync(lockPath, { force: true });
        lock.release();
        continue;
      }
      for (const name of files) this.adoptSegment(join(this.opts.dir, name), lock);
    }
  }

  private adoptSegment(path: string, owner: FileLock): void {
    const fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    const lines = countNewlines(fd, size);
    this.segments.push({ path, fd, size, synced: size, shipped: 0, lines, shippedLines: 0, sealed: true, owner });
    this.adopted.segments++;
    this.adopted.lines += lines;
  }
}

function countNewlinesIn(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1 && i < end; i = bytes.indexOf(NEWLINE, i + 1)) count++;
  return count;
}

function countNewlines(fd: number, size: number): number {
  const buffer = Buffer.allocUnsafe(Math.min(size, READ_CHUNK));
  let count = 0;
  for (let position = 0; position < size; ) {
    const got = readSync(fd, buffer, 0, buffer.length, position);
    if (got === 0) break;
    for (let i = buffer.indexOf(NEWLINE); i !== -1 && i < got; i = buffer.indexOf(NEWLINE, i + 1)) count++;
    position += got;
  }
  return count;
}
