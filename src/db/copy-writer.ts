/**
 * Main-thread side of the COPY worker (`copy-worker.ts`): hands a batch to the worker and
 * resolves when the worker reports it committed.
 *
 * Every batch has a deadline. On a timeout, a database error or a worker crash the worker is
 * terminated (with its connection) and the next batch starts a fresh one: postgres.js can leave
 * a COPY, or the next query of a `max: 1` client, pending forever after the server dropped the
 * connection, so no connection outlives a failure. A batch that timed out may still have
 * committed; the worker's `on conflict (id) do nothing` makes sending it again harmless.
 */
import type { CopyStatements } from "./copy-worker";

export interface CopyWriter {
  /**
   * Store `payload` (COPY text lines, a string or UTF-8 bytes) in one transaction.
   * @returns the number of rows inserted (rows whose id was already stored are skipped)
   * @throws Error "COPY failed: ..." with the database's message, or "COPY timed out after N ms",
   *   when the batch is not known to be committed
   */
  copy(payload: string | Uint8Array): Promise<number>;
  /** Stop the worker; a pending `copy` is rejected. */
  close(): Promise<void>;
}

/**
 * @param url Postgres connection string
 * @param timeoutMs deadline of one batch, connecting included (milliseconds)
 */
export function startCopyWriter(url: string, statements: CopyStatements, timeoutMs: number): CopyWriter {
  let worker: Worker | null = null;
  const pending = new Map<number, { resolve: (inserted: number) => void; reject: (err: Error) => void }>();
  let nextId = 1;

  const discard = (reason: Error) => {
    worker?.terminate();
    worker = null;
    for (const waiter of pending.values()) waiter.reject(reason);
    pending.clear();
  };

  const start = (): Worker => {
    const fresh = new Worker(new URL("./copy-worker.ts", import.meta.url).href);
    fresh.onmessage = (event: MessageEvent) => {
      const { id, error, inserted } = event.data as { id: number; error: string | null; inserted?: number };
      if (error === null) {
        pending.get(id)?.resolve(inserted ?? 0);
        pending.delete(id);
      } else if (worker === fresh) {
        discard(new Error(`COPY failed: ${error}`)); // rejects this batch too
      }
    };
    fresh.onerror = (event) => {
      if (worker === fresh) discard(new Error(`COPY worker failed: ${event.message}`));
    };
    fresh.postMessage({ url, statements });
    return fresh;
  };

  return {
    copy(payload) {
      worker ??= start();
      const current = worker;
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (worker === current) discard(new Error(`COPY timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = <T>(fn: (value: T) => void) => (value: T) => {
          clearTimeout(timer);
          fn(value);
        };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
        current.postMessage({ id, payload });
      });
    },
    async close() {
      discard(new Error("COPY worker stopped"));
    },
  };
}
