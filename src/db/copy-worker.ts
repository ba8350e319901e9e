/**
 * Worker thread that runs `COPY clicks ... FROM STDIN` on a Postgres connection of its own, so
 * the protocol work and socket writes of click batches stay off the thread that serves
 * redirects (docs/decisions/002-click-buffering.md). Started by `copy-writer.ts`.
 *
 * Messages in:  { url } once, then { id, statement, payload } (payload = COPY text lines).
 * Messages out: { id, error: null } when the batch is stored, { id, error: "message" } when not.
 */
import postgres from "postgres";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

declare const self: Worker;

let sql: postgres.Sql | null = null;

self.onmessage = async (event: MessageEvent) => {
  const message = event.data as { url: string } | { id: number; statement: string; payload: string };
  if ("url" in message) {
    sql = postgres(message.url, { max: 1, onnotice: () => {}, connection: { application_name: "switchboard-clicks" } });
    return;
  }
  try {
    const stream = await sql!.unsafe(message.statement).writable();
    await pipeline(Readable.from([message.payload]), stream);
    self.postMessage({ id: message.id, error: null });
  } catch (err) {
    self.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
};
