/**
 * Worker thread that stores click batches on a Postgres connection of its own, so the protocol
 * work and socket writes stay off the thread that serves redirects
 * (docs/decisions/002-click-buffering.md). Started (and, after any failure, replaced) by
 * `copy-writer.ts`.
 *
 * One batch is one transaction: `statements.prepare` (a temporary staging table), COPY of the
 * payload into it, then `statements.insert` (`insert ... on conflict (id) do nothing`), so a batch
 * that is sent again after a timeout stores nothing twice.
 *
 * Messages in:  { url, statements } once, then { id, payload } (payload = COPY text lines).
 * Messages out: { id, error: null, inserted } when committed, { id, error: "message" } when not.
 */
import postgres from "postgres";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

declare const self: Worker;

export interface CopyStatements {
  /** Creates the staging table when missing (per connection). */
  prepare: string;
  /** `COPY <staging> (...) FROM STDIN`. */
  copy: string;
  /** Moves the staged rows into `clicks`, skipping ids already stored; empties the staging table. */
  insert: string;
}

let sql: postgres.Sql | null = null;
let statements: CopyStatements | null = null;

self.onmessage = async (event: MessageEvent) => {
  const message = event.data as
    | { url: string; statements: CopyStatements }
    | { id: number; payload: string | Uint8Array };
  if ("url" in message) {
    statements = message.statements;
    sql = postgres(message.url, {
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
      connection: { application_name: "switchboard-clicks" },
    });
    return;
  }
  try {
    const inserted = await sql!.begin(async (tx) => {
      await tx.unsafe(statements!.prepare);
      const stream = await tx.unsafe(statements!.copy).writable();
      const data = typeof message.payload === "string" ? message.payload : Buffer.from(message.payload);
      await pipeline(Readable.from([data]), stream);
      const result = await tx.unsafe(statements!.insert);
      return result.count;
    });
    self.postMessage({ id: message.id, error: null, inserted });
  } catch (err) {
    self.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
};
