/**
 * Main-thread side of the COPY worker (`copy-worker.ts`): hands a COPY payload to the worker
 * and resolves when the worker reports it stored.
 */

export interface CopyWriter {
  /**
   * Run `statement` (a `COPY ... FROM STDIN`) with `payload` as its data.
   * @throws Error with the database's message when the batch was not stored
   */
  copy(statement: string, payload: string): Promise<void>;
  /** Stop the worker (after the last `copy` settled). */
  close(): Promise<void>;
}

/** Start a worker connected to `url`. */
export function startCopyWriter(url: string): CopyWriter {
  const worker = new Worker(new URL("./copy-worker.ts", import.meta.url).href);
  const pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent) => {
    const { id, error } = event.data as { id: number; error: string | null };
    const waiter = pending.get(id);
    pending.delete(id);
    if (error === null) waiter?.resolve();
    else waiter?.reject(new Error(`COPY failed: ${error}`));
  };
  worker.postMessage({ url });
  return {
    copy(statement, payload) {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, statement, payload });
      });
    },
    async close() {
      worker.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error("COPY worker stopped"));
      pending.clear();
    },
  };
}
