/**
 * A throwaway database on the local PostgreSQL for one benchmark run: created empty (the app
 * migrates it on start) and dropped at the end, connections or not.
 */
import postgres from "postgres";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  /** Connection string of the new database. */
  url: string;
  /** Drop the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** Create `switchboard_bench_<random>` on 127.0.0.1:5432 (user postgres, trust auth). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `switchboard_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await onAdmin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdmin(`drop database if exists ${name} with (force)`),
  };
}

async function onAdmin(statement: string): Promise<void> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
