import { defineConfig } from "drizzle-kit";

/** drizzle-kit: `bun run db:generate` writes SQL migrations into drizzle/ from src/db/schema.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
