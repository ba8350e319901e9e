/**
 * Durable click capture (docs/decisions/002-click-buffering.md): every recorded click goes to
 * the local click log (`click-log.ts`) and from there to the database, and leaves the log only
 * once a batch holding it has committed.
 *
 * - `record` (the redirect's hot path) encodes the click as a COPY text line and pushes it onto
 *   an array; nothing else. Lines recorded in one event-loop turn are appended to the log with
 *   one write at the end of the turn (`setImmediate`): from then on a crash of the process
 *   (SIGKILL included) loses nothing.
 * - Every `syncMs` the log is fdatasync'd on the thread pool (group commit): from then on a
 *   power failure loses nothing either.
 * - Every `shipMs` the log is shipped in batches of `batchSize` (`write`, idempotent and with a
 *   deadline); a failed batch stays in the log and is sent again, with a back-off up to 1 s.
 * - Only when the log cannot be written (disk full, I/O error) do clicks wait in memory, up to
 *   `maxUnlogged`; past that new clicks are dropped and counted.
 * - Every 30 s the log folder is scanned for segments of instances that ended (a sibling that
 *   crashed), which are then shipped as well.
 * - `stop(deadlineMs)` writes and syncs what is in memory, ships until the deadline, and leaves
 *   the rest in the log for the next start (or for another instance on the same folder).
 *
 * Failures are logged once when they start and once, as a summary, when they end.
 */
import { ClickLog } from "./click-log";
import { encodeClickLine, type ClickRecord } from "./click-record";

export interface ClickCaptureOptions {
  log: ClickLog;
  /**
   * Store a batch of COPY text lines in one transaction, skipping ids already stored; resolves
   * with the rows inserted, throws when the batch is not known to be committed.
   */
  write: (payload: Uint8Array) => Promise<number>;
  /** Group-commit window: milliseconds between fdatasyncs of the log. */
  syncMs: number;
  /** Milliseconds between shipping rounds. */
  shipMs: number;
  /** Clicks per batch sent to the database. */
  batchSize: number;
  /** Clicks held in memory while the log cannot be written; beyond, new clicks are dropped. */
  maxUnlogged: number;
  /** Structured log line (`event` names it); called on starts and ends of failures. */
  logEvent?: (event: Record<string, unknown>) => void;
}

/** The capture state, for health and readiness checks. Counts are clicks; times epoch ms. */
export interface ClickCaptureStatus {
  /** Recorded and not yet committed to the database (in the log or in memory). */
  backlog: number;
  /** Recorded but not in the log yet (only grows while the log cannot be written). */
  unlogged: number;
  /** Dropped because the log could not be written and `maxUnlogged` were waiting. */
  dropped: number;
  /** Inserted into the database by this instance (ids already stored are not counted). */
  written: number;
  /** Batches that failed or timed out (they stay in the log and are sent again). */
  failedFlushes: number;
  /** When a batch last committed; null before the first. */
  lastFlushAt: number | null;
  /** Why the last attempt to write the log or ship failed; null while both succeed. */
  lastError: string | null;
  /** Size of the log's segments on disk. */
  logBytes: number;
  /** Lines found torn or corrupt in the log and skipped. */
  corruptLines: number;
}

/** The original click-buffer figures (GET /healthz and the benchmark read these). */
export interface ClickBufferStats {
  buffered: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  lastFlushAt: string | null;
}

const MAX_BACKOFF_MS = 1000;
/** How often the log folder is scanned for segments of instances that ended (crashed siblings). */
const ADOPT_EVERY_MS = 30_000;

/** Logs a failure once when it starts and once, with a summary, when it ends. */
class Incident {
  private since: number | null = null;
  private count = 0;
  constructor(
    private readonly name: string,
    private readonly logEvent: (event: Record<string, unknown>) => void,
  ) {}
  get active(): boolean {
    return this.since !== null;
  }
  fail(detail: Record<string, unknown>): void {
    this.count++;
    if (this.since !== null) return;
    this.since = Date.now();
    this.logEvent({ event: `${this.name}.started`, ...detail });
  }
  ok(detail: () => Record<string, unknown>): void {
    if (this.since === null) return;
    this.logEvent({ event: `${this.name}.ended`, lasted_ms: Date.now() - this.since, times: this.count, ...detail() });
    this.since = null;
    this.count = 0;
  }
}

export class ClickCapture {
  private unlogged: string[] = [];
  /** The unwritten end of a log write that failed part-way (bytes, and the lines it ends). */
  private remainder: { bytes: Uint8Array; lines: number } | null = null;
  private writeScheduled = false;
  private readonly syncTimer: ReturnType<typeof setInterval>;
  private readonly shipTimer: ReturnType<typeof setInterval>;
  private readonly adoptTimer: ReturnType<typeof setInterval>;
  private syncing: Promise<void> | null = null;
  private shipping: Promise<void> | null = null;
  private stopped = false;
  private nextShipAt = 0;
  private backoffMs = 0;
  private dropped = 0;
  private written = 0;
  private failedFlushes = 0;
  private lastFlushAt: number | null = null;
  private lastLogError: string | null = null;
  private lastShipError: string | null = null;
  private readonly logFailing: Incident;
  private readonly shipFailing: Incident;
  private readonly dropping: Incident;

  constructor(private readonly opts: ClickCaptureOptions) {
    const logEvent = opts.logEvent ?? (() => {});
    this.logFailing = new Incident("clicks.log_write_failing", logEvent);
    this.shipFailing = new Incident("clicks.flush_failing", logEvent);
    this.dropping = new Incident("clicks.dropping", logEvent);
    this.syncTimer = setInterval(() => void this.sync(), opts.syncMs);
    this.shipTimer = setInterval(() => void this.ship(), opts.shipMs);
    this.adoptTimer = setInterval(() => {
      const clicks = opts.log.adoptLeftovers();
      if (clicks > 0) logEvent({ event: "clicks.log_replay", clicks, note: "segments of an instance that ended" });
    }, ADOPT_EVERY_MS);
  }

  /** Record one click. Never throws, never waits. Returns false when the click was dropped. */
  record(row: ClickRecord): boolean {
    if (this.unlogged.length >= this.opts.maxUnlogged || this.stopped) {
      this.dropped++;
      this.dropping.fail({ reason: this.stopped ? "stopped" : "click log not writable", unlogged: this.unlogged.length });
      return false;
    }
    this.unlogged.push(encodeClickLine(row));
    if (!this.writeScheduled && !this.logFailing.active) {
      this.writeScheduled = true;
      setImmediate(this.writeLog);
    }
    return true;
  }

  /**
   * Write what is recorded to the log, then ship until the log is empty or a batch fails.
   * Resolves either way (failures are counted in `status()`).
   */
  async flush(): Promise<void> {
    this.writeLog();
    await this.shipping;
    this.nextShipAt = 0;
    await this.ship();
  }

  status(): ClickCaptureStatus {
    const log = this.opts.log;
    return {
      backlog: log.backlog() + this.unlogged.length + (this.remainder?.lines ?? 0),
      unlogged: this.unlogged.length + (this.remainder?.lines ?? 0),
      dropped: this.dropped,
      written: this.written,
      failedFlushes: this.failedFlushes,
      lastFlushAt: this.lastFlushAt,
      lastError: this.lastLogError ?? this.lastShipError,
      logBytes: log.bytes(),
      corruptLines: log.corruptLines,
    };
  }

  /** The original click-buffer figures, for GET /healthz and the benchmark. */
  stats(): ClickBufferStats {
    const s = this.status();
    return {
      buffered: s.backlog,
      written: s.written,
      dropped: s.dropped,
      failedFlushes: s.failedFlushes,
      lastFlushAt: s.lastFlushAt === null ? null : new Date(s.lastFlushAt).toISOString(),
    };
  }

  /**
   * Stop: write and sync what is in memory, ship until `deadlineMs` has passed, close the log
   * (what is not committed stays in it for the next start). Clicks recorded afterwards are
   * dropped.
   * @returns clicks not committed: left in the log, or lost when the log could not be written
   */
  async stop(deadlineMs: number): Promise<number> {
    if (this.stopped) return this.status().backlog;
    clearInterval(this.syncTimer);
    clearInterval(this.shipTimer);
    clearInterval(this.adoptTimer);
    this.writeLog();
    this.stopped = true;
    await this.syncing;
    await this.opts.log.sync().catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    const shipRest = async () => {
      await this.shipping;
      await this.shipAll();
    };
    await Promise.race([shipRest(), deadline]);
    clearTimeout(timer);
    const left = this.status().backlog;
    this.opts.log.close();
    return left;
  }

  /** Append the clicks recorded so far to the log (one write), keeping them on failure. */
  private readonly writeLog = (): void => {
    this.writeScheduled = false;
    if (this.remainder !== null && !this.appendBytes(this.remainder.bytes, this.remainder.lines)) return;
    if (this.unlogged.length === 0) return;
    const lines = this.unlogged;
    this.unlogged = [];
    this.appendBytes(Buffer.from(lines.join("")), lines.length);
  };

  /** Append; on failure keep the unwritten end as `remainder`. Returns true when all was written. */
  private appendBytes(bytes: Uint8Array, lines: number): boolean {
    const { written, error } = this.opts.log.append(bytes, lines);
    if (error === null) {
      this.remainder = null;
      this.lastLogError = null;
      this.logFailing.ok(() => ({ backlog: this.status().backlog }));
      return true;
    }
    const rest = bytes.subarray(written);
    let restLines = 0;
    for (const byte of rest) if (byte === 0x0a) restLines++;
    this.remainder = { bytes: rest, lines: restLines };
    this.lastLogError = `click log: ${message(error)}`;
    this.logFailing.fail({ error: this.lastLogError });
    return false;
  }

  /** Retry a failing log write, and fdatasync the log (one at a time). */
  private sync(): Promise<void> {
    if (this.logFailing.active) this.writeLog();
    if (this.unlogged.length === 0) this.dropping.ok(() => ({ dropped: this.dropped }));
    this.syncing ??= this.opts.log
      .sync()
      .catch((err) => {
        this.lastLogError = `click log sync: ${message(err)}`;
        this.logFailing.fail({ error: this.lastLogError });
      })
      .finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** One shipping round, unless one is running or the back-off says wait. */
  private ship(): Promise<void> {
    if (this.shipping || Date.now() < this.nextShipAt) return this.shipping ?? Promise.resolve();
    this.shipping = this.shipAll().finally(() => (this.shipping = null));
    return this.shipping;
  }

  /** Ship batches until the log is caught up, a batch fails, or the capture stops. */
  private async shipAll(): Promise<void> {
    const log = this.opts.log;
    for (;;) {
      const batch = log.read(this.opts.batchSize);
      if (batch === null || (batch.lines === 0 && batch.corrupt === 0 && !batch.torn)) return;
      try {
        if (batch.lines > 0) this.written += await this.opts.write(batch.payload);
      } catch (err) {
        this.failedFlushes++;
        this.lastShipError = `click flush: ${message(err)}`;
        this.shipFailing.fail({ error: this.lastShipError, backlog: this.status().backlog });
        this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(this.opts.shipMs, this.backoffMs * 2));
        this.nextShipAt = Date.now() + this.backoffMs;
        return;
      }
      log.commit(batch);
      this.lastFlushAt = Date.now();
      this.lastShipError = null;
      this.backoffMs = 0;
      this.shipFailing.ok(() => ({ backlog: this.status().backlog }));
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
