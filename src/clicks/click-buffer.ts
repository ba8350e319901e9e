/**
 * Bounded in-memory click buffer with batched writes (docs/decisions/002-click-buffering.md).
 *
 * The redirect answers first; `record` only pushes onto an array. A timer flushes every
 * `flushMs`, and a flush also starts as soon as `batchSize` rows wait. One flush runs at a time;
 * a failed batch goes back to the front of the queue and is retried on the next tick. When
 * `maxRows` are waiting (database down for long), new clicks are dropped and counted in
 * `dropped`, which /healthz shows. `stop()` flushes everything left (SIGTERM/SIGINT).
 */
import type { ClickRecord } from "./click-record";

export interface ClickBufferOptions {
  /** Writes one batch; throws on failure. */
  write: (rows: ClickRecord[]) => Promise<void>;
  flushMs: number;
  batchSize: number;
  maxRows: number;
  /** Called with the error of a failed flush (logging). */
  onError?: (err: unknown) => void;
}

export interface ClickBufferStats {
  buffered: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  lastFlushAt: string | null;
}

export class ClickBuffer {
  private queue: ClickRecord[] = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private written = 0;
  private dropped = 0;
  private failedFlushes = 0;
  private lastFlushAt: Date | null = null;

  constructor(private readonly opts: ClickBufferOptions) {
    this.timer = setInterval(() => void this.flush(), opts.flushMs);
  }

  /** Queue one click. Never throws, never waits. Returns false when the click was dropped. */
  record(row: ClickRecord): boolean {
    if (this.queue.length >= this.opts.maxRows) {
      this.dropped++;
      return false;
    }
    this.queue.push(row);
    if (this.queue.length >= this.opts.batchSize && !this.flushing) void this.flush();
    return true;
  }

  /** Write everything queued now, in batches. Resolves when this flush ends (errors are counted). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return Promise.resolve();
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.batchSize);
      try {
        await this.opts.write(batch);
        this.written += batch.length;
        this.lastFlushAt = new Date();
      } catch (err) {
        this.queue.unshift(...batch);
        this.failedFlushes++;
        this.opts.onError?.(err);
        return;
      }
    }
  }

  stats(): ClickBufferStats {
    return {
      buffered: this.queue.length,
      written: this.written,
      dropped: this.dropped,
      failedFlushes: this.failedFlushes,
      lastFlushAt: this.lastFlushAt?.toISOString() ?? null,
    };
  }

  /**
   * Stop the timer and write what is left, trying up to `attempts` times.
   * @returns the number of clicks that could not be written (0 on a clean stop)
   */
  async stop(attempts = 3): Promise<number> {
    clearInterval(this.timer);
    for (let i = 0; i < attempts && this.queue.length > 0; i++) {
      await this.flush();
      await this.flushing;
    }
    return this.queue.length;
  }
}
