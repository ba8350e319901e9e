/**
 * Collect the codes asked for during one turn of the event loop (or a short window) and load
 * them with one call (`loadMany`, one `where code = any($1)` query), so a cold start or a burst
 * of misses costs a query per turn instead of a query per code.
 */

interface Waiter<V> {
  resolve: (value: V | null) => void;
  reject: (err: unknown) => void;
}

export interface BatchLoaderOptions {
  /** Most keys per call (larger batches are split). Default 500. */
  maxBatch?: number;
  /** Collect keys for this many milliseconds before loading; 0 = until the end of this turn. Default 0. */
  windowMs?: number;
  /** At most one call in flight: keys asked for meanwhile wait for it, then go together. Default false. */
  serial?: boolean;
}

export class BatchLoader<V> {
  private waiting = new Map<string, Waiter<V>[]>();
  private scheduled = false;
  private running = false;

  /**
   * @param loadMany loads many keys at once; keys absent from its map resolve to null; a rejection
   *   rejects every key of that batch
   */
  constructor(
    private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly opts: BatchLoaderOptions = {},
  ) {}

  /** The value for `key` (null when unknown), loaded together with the other keys of its batch. */
  load(key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.waiting.size === 0) return;
    this.scheduled = true;
    const windowMs = this.opts.windowMs ?? 0;
    if (windowMs > 0) setTimeout(() => this.dispatch(), windowMs);
    else setImmediate(() => this.dispatch());
  }

  private dispatch(): void {
    this.scheduled = false;
    const maxBatch = this.opts.maxBatch ?? 500;
    const entries = [...this.waiting];
    this.waiting = new Map();
    const batches: Promise<unknown>[] = [];
    for (let i = 0; i < entries.length; i += maxBatch) batches.push(this.run(entries.slice(i, i + maxBatch)));
    if (!this.opts.serial) return;
    this.running = true;
    void Promise.all(batches).finally(() => {
      this.running = false;
      this.schedule();
    });
  }

  private run(batch: [string, Waiter<V>[]][]): Promise<unknown> {
    let loading: Promise<Map<string, V>>;
    try {
      loading = this.loadMany(batch.map(([key]) => key));
    } catch (err) {
      loading = Promise.reject(err);
    }
    return loading.then(
      (values) => {
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(values.get(key) ?? null);
      },
      (err) => {
        for (const [, waiters] of batch) for (const w of waiters) w.reject(err);
      },
    );
  }
}
