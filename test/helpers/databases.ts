/**
 * Real databases for tests: an in-memory PGlite, or a fresh database on the machine's
 * PostgreSQL (created per call, dropped by `drop`).
 *
 * TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server's
 * maintenance database. When that server is unreachable, Postgres suites are skipped with a
 * warning, except under CI=true (or REQUIRE_POSTGRES=1), where it is an error.
 */
import postgres from "postgres";
import { openPglite, openPostgres, type Database } from "../../src/db/client";
import { migrate } from "../../src/db/migrate";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Whether the Postgres server answers; throws under CI when it does not. */
export async function postgresAvailable(): Promise<boolean> {
  const sql = postgres(POSTGRES_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch (err) {
    if (process.env.CI || process.env.REQUIRE_POSTGRES) {
      throw new Error(`PostgreSQL is required at ${POSTGRES_ADMIN_URL}: ${String(err)}`);
    }
    console.warn(`PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}: skipping Postgres suites`);
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface TestPostgres {
  url: string;
  drop(): Promise<void>;
}

/** Create an empty database named switchboard_test_<random> and return its URL. */
export async function createPostgresDatabase(): Promise<TestPostgres> {
  const name = `switchboard_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

export type Backend = "pglite" | "postgres";

/** A migrated database of the given kind plus a `dispose` that closes (and drops) it. */
export async function openTestDatabase(backend: Backend): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (backend === "pglite") {
    const database = await openPglite(null);
    await migrate(database);
    return { database, dispose: () => database.close() };
  }
  const pg = await createPostgresDatabase();
  const database = await openPostgres(pg.url);
  await migrate(database);
  return {
    database,
    async dispose() {
      await database.close();
      await pg.drop();
    },
  };
}
