/**
 * Database connections: embedded PGlite (no DATABASE_URL) or a real Postgres server.
 *
 * Both give the same `Database`: a drizzle instance for queries, `listen` for LISTEN/NOTIFY on a
 * connection of its own, `insertClicks` for batch inserts (`COPY ... FROM STDIN` on a separate
 * postgres.js connection in a worker thread, see copy-writer.ts; PGlite reads the same COPY text from its `/dev/blob`), and `close`.
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { startCopyWriter } from "./copy-writer";
import { CLICK_COPY_COLUMNS, encodeClickLine, type ClickRecord } from "../clicks/click-record";
import postgres from "postgres";
import * as schema from "./schema";
import { lockDataDir } from "./data-dir-lock";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;


export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /**
   * LISTEN on `channel` on a dedicated connection.
   * @param onNotify called with each payload
   * @param onListen called each time the LISTEN is (re)established; callers clear caches there,
   *   since notifications sent while disconnected are lost
   * @returns a function that stops listening
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  /**
   * Insert many clicks with one `COPY ... FROM STDIN` (PGlite: from its `/dev/blob`).
   * Throws on database errors; the caller keeps the rows and retries.
   */
  insertClicks(rows: readonly ClickRecord[]): Promise<void>;
  /** Cheap liveness probe (`select 1`); resolves true/false, never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Open the embedded PGlite database in `dataDir` (created if missing), or in memory when
 * `dataDir` is null (tests).
 * @throws Error when another process already holds `dataDir` (PGlite has no cross-process lock)
 */
export async function openPglite(dataDir: string | null): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? `file://${dataDir}/pgdata` : undefined);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    async listen(channel, onNotify, onListen) {
      const unlisten = await client.listen(channel, onNotify);
      onListen();
      return unlisten;
    },
    async insertClicks(rows) {
      if (rows.length === 0) return;
      await client.query(COPY_CLICKS_PGLITE, [], { blob: new Blob([rows.map(encodeClickLine).join("")]) });
    },
    async ping() {
      try {
        await client.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}

/**
 * Connect to a Postgres server. Opens a query pool, a COPY worker thread with its own connection
 * for clicks, and (on listen) a listener connection.
 */
export async function openPostgres(url: string): Promise<Database> {
  const options = { onnotice: () => {}, connection: { application_name: "switchboard" } };
  const pool = postgres(url, { ...options, max: 10 });
  const writer = startCopyWriter(url);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  await pool`select 1`;
  return {
    kind: "postgres",
    db,
    async listen(channel, onNotify, onListen) {
      const sub = await pool.listen(channel, onNotify, onListen);
      return () => sub.unlisten();
    },
    async insertClicks(rows) {
      if (rows.length === 0) return;
      await writer.copy(COPY_CLICKS, rows.map(encodeClickLine).join(""));
    },
    async ping() {
      try {
        await pool`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await writer.close();
      await pool.end({ timeout: 5 });
    },
  };
}

/** Open whichever database the config names. */
export function openDatabase(opts: { databaseUrl: string | null; dataDir: string | null }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** Fixed statement from the column list (no user input). */
const COPY_CLICKS = `copy clicks (${CLICK_COPY_COLUMNS.join(", ")}) from stdin`;
const COPY_CLICKS_PGLITE = `copy clicks (${CLICK_COPY_COLUMNS.join(", ")}) from '/dev/blob'`;
