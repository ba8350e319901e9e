/** `bun run db:migrate`: apply migrations to DATABASE_URL, or to the PGlite database in DATA_DIR. */
import { loadConfig } from "../config";
import { openDatabase } from "./client";
import { migrate } from "./migrate";

const config = loadConfig(process.env);
const database = await openDatabase(config);
await migrate(database);
await database.close();
console.log(`Migrations applied (${database.kind}).`);
