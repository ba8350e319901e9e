/**
 * Database connections: embedded PGlite (no DATABASE_URL) or a real Postgres server.
 *
 * Both give the same `Database`: a drizzle instance for queries, `listen` for LISTEN/NOTIFY on a
 * connection of its own, `insertClickLines` for idempotent batch inserts (COPY into a temporary
 * staging table, then `insert ... on conflict (id) do nothing`; on Postgres in a worker thread
 * with a connection of its own and a deadline, see copy-writer.ts; PGlite reads the same COPY
 * text from its `/dev/blob`), and `close`.
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
  /**
   * Which database this is, safe as a folder name: `postgres-<host>-<port>-<database>`,
   * `pglite` (a folder) or `pglite-memory`. The click log keeps one folder per name, so clicks
   * logged for one database are never shipped to another.
   */
  name: string;
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
   * Store a batch of clicks given as COPY text lines (`encodeClickLine`), in one transaction;
   * clicks whose id is already stored are skipped, so a batch may be sent again safely.
   * @returns the number of clicks inserted
   * @throws Error on database errors or (Postgres) when the batch misses its deadline
   *   (CLICK_WRITE_TIMEOUT_MS); the batch may have committed, the caller sends it again
   */
  insertClickLines(payload: string | Uint8Array): Promise<number>;
  /** `insertClickLines` for click records (tests, seeding). */
  insertClicks(rows: readonly ClickRecord[]): Promise<number>;
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
  const insertClickLines = async (payload: string | Uint8Array) => {
    if (payload.length === 0) return 0;
    return client.transaction(async (tx) => {
      await tx.query(STAGING.prepare);
      await tx.query(STAGING_COPY_PGLITE, [], { blob: new Blob([payload as string | Uint8Array<ArrayBuffer>]) });
      return (await tx.query(STAGING.insert)).affectedRows ?? 0;
    });
  };
  return {
    kind: "pglite",
    name: dataDir ? "pglite" : "pglite-memory",
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
    insertClickLines,
    insertClicks: (rows) => insertClickLines(rows.map(encodeClickLine).join("")),
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
 * @param clickWriteTimeoutMs deadline of one click batch (CLICK_WRITE_TIMEOUT_MS)
 */
export async function openPostgres(url: string, clickWriteTimeoutMs = 5000): Promise<Database> {
  const options = {
    onnotice: () => {},
    connection: { application_name: "switchboard" },
    connect_timeout: CONNECT_TIMEOUT_S,
    backoff: reconnectBackoff,
  };
  const max = 10;
  const pool = postgres(url, { ...options, max });
  const writer = startCopyWriter(url, STAGING, clickWriteTimeoutMs);
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  const insertClickLines = (payload: string | Uint8Array) =>
    payload.length === 0 ? Promise.resolve(0) : writer.copy(payload);
  // Open every pool connection now (concurrent queries each take one), not on the first clicks.
  await Promise.all(Array.from({ length: max }, () => pool`select 1`));
  return {
    kind: "postgres",
    name: postgresName(url),
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
    insertClickLines,
    insertClicks: (rows) => insertClickLines(rows.map(encodeClickLine).join("")),
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
export function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string | null;
  clickWriteTimeoutMs?: number;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.clickWriteTimeoutMs) : openPglite(opts.dataDir);
}

/** `postgres-<host>-<port>-<database>`, other characters than [A-Za-z0-9._] replaced by `_`. */
function postgresName(url: string): string {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.slice(1)) || u.username || "postgres";
  return `postgres-${u.hostname}-${u.port || "5432"}-${database}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Fixed statements from the column list (no user input). */
const COLUMNS = CLICK_COPY_COLUMNS.join(", ");
const STAGING = {
  prepare: "create temporary table if not exists clicks_staging (like clicks) on commit delete rows",
  copy: `copy clicks_staging (${COLUMNS}) from stdin`,
  insert: `insert into clicks (${COLUMNS}) select ${COLUMNS} from clicks_staging on conflict (id) do nothing`,
};
const STAGING_COPY_PGLITE = `copy clicks_staging (${COLUMNS}) from '/dev/blob'`;
