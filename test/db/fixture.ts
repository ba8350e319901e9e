/**
 * A migrated in-memory PGlite for service and API tests: open once per file, `reset` between
 * tests (truncate + restart identities, so ids start at 1 again).
 */
import { sql } from "drizzle-orm";
import { openPglite, type Database } from "../../src/db/client";
import { migrate } from "../../src/db/migrate";

export async function openTestDatabase(): Promise<Database> {
  const database = await openPglite(null);
  await migrate(database);
  return database;
}

export async function resetDatabase(database: Database): Promise<void> {
  await database.db.execute(
    sql`truncate clicks, smartlink_publishers, pool_entries, smartlinks, campaigns, users, publishers, api_keys restart identity cascade`,
  );
}

/** An ISO 8601 timestamp as answered by the API. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
