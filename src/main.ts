/**
 * Entry point (`npm start` / `bun run start`): read the config, start the server, seed the demo
 * network when SEED_DEMO is on and the database is empty, print where to go (the demo sign-ins
 * once, on the start that seeds them; a one-time set-up link while no admin exists), and shut
 * down cleanly on SIGTERM/SIGINT within 10 s (clicks are shipped for up to 5 s; the rest stays
 * in the click log). Nothing secret is written to disk.
 */
import { ConfigError, loadConfig, type Config } from "./config";
import { startServer } from "./start-server";
import { seedDemo } from "./demo/seed-demo";
import { createSetupToken, hasAdmin, SETUP_LIFETIME_MS } from "./setup/admin-setup";

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

let server;
try {
  server = await startServer(config);
} catch (err) {
  console.error(`Switchboard could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const publicUrl = server.deps.publicUrl();
const db = server.deps.database.db;

const lines = [`Switchboard is running on ${server.url} (database: ${server.deps.database.kind})`];
const demo = config.seedDemo ? await seedDemo(db, publicUrl) : null;
if (demo) {
  lines.push(
    `  Admin portal:       ${publicUrl}/admin  (${demo.adminEmail} / ${demo.adminPassword})`,
    `  Publisher portal:   ${publicUrl}/publisher  (${demo.publisherEmail} / ${demo.publisherPassword})`,
    `  Admin API key:      ${demo.apiKey}`,
    `  Demo tracking link: ${publicUrl}${demo.trackingPath}?pub_sub=demo&sub1=hello`,
    `  (the demo sign-ins and key are shown this once and stored only hashed)`,
  );
} else if (!(await hasAdmin(db))) {
  const { token } = await createSetupToken(db);
  lines.push(
    `  No admin yet. Create the first one here (works once, for ${SETUP_LIFETIME_MS / 3_600_000} hours):`,
    `  Set-up link:        ${publicUrl}/setup?token=${token}`,
  );
}
lines.push(`  Health:             ${server.url}/healthz (liveness), ${server.url}/readyz (readiness)`);
console.log(lines.join("\n"));

/** A stop takes about 8 s at most (start-server.ts); past this, exit anyway. */
const SHUTDOWN_LIMIT_MS = 9500;
let shuttingDown = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: shipping clicks and shutting down (clicks not shipped stay in the click log)`);
    setTimeout(() => {
      console.error(`shutdown took over ${SHUTDOWN_LIMIT_MS} ms: exiting (the click log keeps every logged click)`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    await server.stop();
    process.exit(0);
  });
}
