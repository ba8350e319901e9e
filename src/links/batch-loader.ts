/**
 * Collect the codes asked for during one turn of the event loop and load them with one call
 * (`loadMany`, one `where code = any($1)` query), so a cold start or a burst of misses costs a
 * query per turn instead of a query per code.
 */

interface Waiter<V> {
  resolve: (value: V | null) => void;
  reject: (err: unknown) => void;
}

export class BatchLoader<V> {
  private waiting = new Map<string, Waiter<V>[]>();
  private scheduled = false;

  /**
   * @param loadMany loads many keys at once; keys absent from its map resolve to null; a rejection
   *   rejects every key of that batch
   * @param maxBatch most keys per call (larger turns are split)
   */
  constructor(
    private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly maxBatch = 500,
  ) {}

  /** The value for `key` (null when unknown), loaded with the other keys asked for this turn. */
  load(key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  private dispatch(): void {
    this.scheduled = false;
    const entries = [...this.waiting];
    this.waiting = new Map();
    for (let i = 0; i < entries.length; i += this.maxBatch) {
      const batch = entries.slice(i, i + this.maxBatch);
      let loading: Promise<Map<string, V>>;
      try {
        loading = this.loadMany(batch.map(([key]) => key));
      } catch (err) {
        loading = Promise.reject(err);
      }
      loading.then(
        (values) => {
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(values.get(key) ?? null);
        },
        (err) => {
          for (const [, waiters] of batch) for (const w of waiters) w.reject(err);
        },
      );
    }
  }
}
