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
import { withDeadline } from "./with-deadline";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A LISTEN session on its own connection (see `Database.openListener`). */
export interface ListenSession {
  /** Resolves once every LISTEN is in place; rejects when they cannot be set up. */
  ready: Promise<void>;
  /** `pg_notify(channel, payload)` sent from this session's client (a heartbeat to itself). */
  notify(channel: string, payload: string): Promise<void>;
  /** Drop the session's connections at once. Never throws. */
  close(): Promise<void>;
}

/** postgres.js: give up connecting after 2 s (its default is 30 s). */
const CONNECT_TIMEOUT_S = 2;
/** postgres.js reconnect back-off in seconds: 50 ms doubling, capped at 0.5 s (its default reaches 20 s), so a pool is back within half a second of the database. */
const reconnectBackoff = (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5);


export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /**
   * Start a LISTEN session on `channels` on a connection of its own (Postgres: a fresh
   * postgres.js client each call, so a session that went quiet can be thrown away whole).
   * The caller watches it with `notify` to a channel of its own and `close`s it when in doubt.
   * @param onRelisten called when the driver re-established a LISTEN by itself after its
   *   connection dropped (postgres.js does): notifications sent in between were lost
   */
  openListener(
    channels: readonly string[],
    onNotify: (channel: string, payload: string) => void,
    onRelisten: () => void,
  ): ListenSession;
  /**
   * Insert many clicks with one `COPY ... FROM STDIN` (PGlite: from its `/dev/blob`).
   * Throws on database errors; the caller keeps the rows and retries.
   */
  insertClicks(rows: readonly ClickRecord[]): Promise<void>;
  /** Cheap probe (`select 1`) limited to `deadlineMs` (default 1000); resolves true/false, never throws. */
  ping(deadlineMs?: number): Promise<boolean>;
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
    openListener(channels, onNotify) {
      const unlistens = Promise.all(channels.map((c) => client.listen(c, (payload) => onNotify(c, payload))));
      return {
        ready: unlistens.then(() => {}),
        async notify(channel, payload) {
          await client.query("select pg_notify($1, $2)", [channel, payload]);
        },
        async close() {
          await unlistens.then((list) => Promise.all(list.map((unlisten) => unlisten())), () => {}).catch(() => {});
        },
      };
    },
    async insertClicks(rows) {
      if (rows.length === 0) return;
      await client.query(COPY_CLICKS_PGLITE, [], { blob: new Blob([rows.map(encodeClickLine).join("")]) });
    },
    ping(deadlineMs = 1000) {
      return withDeadline(client.query("select 1"), deadlineMs, "ping").then(
        () => true,
        () => false,
      );
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
  const options = {
    onnotice: () => {},
    connection: { application_name: "switchboard" },
    connect_timeout: CONNECT_TIMEOUT_S,
    backoff: reconnectBackoff,
  };
  const max = 10;
  const pool = postgres(url, { ...options, max });
  const writer = startCopyWriter(url);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  // Open every pool connection now (concurrent queries each take one), not on the first clicks.
  await Promise.all(Array.from({ length: max }, () => pool`select 1`));
  return {
    kind: "postgres",
    db,
    openListener(channels, onNotify, onRelisten) {
      // A client of its own: `listen` opens one dedicated connection, `notify` another.
      const client = postgres(url, { ...options, max: 1, max_lifetime: null });
      const listenOne = (channel: string) => {
        let listens = 0;
        return client.listen(
          channel,
          (payload) => onNotify(channel, payload),
          () => {
            if (++listens > 1) onRelisten();
          },
        );
      };
      return {
        ready: Promise.all(channels.map(listenOne)).then(() => {}),
        async notify(channel, payload) {
          await client.notify(channel, payload);
        },
        async close() {
          await client.end({ timeout: 0 }).catch(() => {});
        },
      };
    },
    async insertClicks(rows) {
      if (rows.length === 0) return;
      await writer.copy(COPY_CLICKS, rows.map(encodeClickLine).join(""));
    },
    ping(deadlineMs = 1000) {
      return withDeadline(Promise.resolve(pool`select 1`), deadlineMs, "ping").then(
        () => true,
        () => false,
      );
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
