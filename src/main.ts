/**
 * Entry point (`npm start` / `bun run start`): read the config, start the server, seed the demo
 * network on an empty embedded database, print where to go, and shut down cleanly on
 * SIGTERM/SIGINT within 10 s (clicks are shipped for up to 5 s; the rest stays in the click log).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig, type Config } from "./config";
import { startServer } from "./start-server";
import { seedDemo, type DemoCredentials } from "./demo/seed-demo";

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

const lines = [`Switchboard is running on ${server.url} (database: ${server.deps.database.kind})`];
if (config.seedDemo) {
  const demo = await demoCredentials(config, server.deps.database.db, publicUrl);
  if (demo) {
    lines.push(
      `  Admin portal:       ${publicUrl}/admin  (${demo.adminEmail} / ${demo.adminPassword})`,
      `  Publisher portal:   ${publicUrl}/publisher  (${demo.publisherEmail} / ${demo.adminPassword})`,
      `  Admin API key:      ${demo.apiKey}`,
      `  Demo tracking link: ${publicUrl}${demo.trackingPath}?pub_sub=demo&sub1=hello`,
    );
  }
}
lines.push(`  Health:             ${server.url}/healthz`);
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

/** Seed on first start and remember the credentials in the data folder for later starts. */
async function demoCredentials(
  config: Config,
  db: Parameters<typeof seedDemo>[0],
  publicUrl: string,
): Promise<DemoCredentials | null> {
  const file = join(config.dataDir, "demo-credentials.json");
  const seeded = await seedDemo(db, publicUrl);
  if (seeded) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(seeded, null, 2), { mode: 0o600 });
    return seeded;
  }
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoCredentials) : null;
}
