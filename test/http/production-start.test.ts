/**
 * A fresh production start (`NODE_ENV=production bun src/main.ts`, as the Dockerfile runs it)
 * has no known credentials: the demo is not seeded, the old demo sign-in does not work, and a
 * one-time set-up link creates the first admin. Nothing is written to `./data` on PostgreSQL,
 * even when the demo is seeded there.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startMain, type MainProcess } from "../helpers/main-process";
import { createPostgresDatabase, postgresAvailable, type TestPostgres } from "../helpers/databases";

const form = (base: string, path: string, fields: Record<string, string>) =>
  fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

const signIn = (base: string, email: string, password: string) => form(base, "/login", { email, password });

describe("a fresh production instance on the embedded database", () => {
  let dataDir: string;
  let main: MainProcess;
  let base: string;
  let setupLink: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "switchboard-prod-"));
    main = startMain({ NODE_ENV: "production", DATA_DIR: dataDir });
    base = await main.waitFor(/running on (http:\/\/\S+)/);
    setupLink = await main.waitFor(/Set-up link:\s+(http:\/\/\S+)/);
  });
  afterAll(async () => {
    await main?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("seeds no demo: the old demo sign-in does not work and no credentials are printed", async () => {
    const res = await signIn(base, "admin@demo.switchboard.local", "switchboard-demo");
    expect(res.status).toBe(401);
    expect(main.output()).not.toContain("Admin API key");
    expect(main.output()).not.toContain("demo.switchboard.local");
  });

  test("the printed set-up link creates the first admin, once", async () => {
    const url = new URL(setupLink);
    expect(url.pathname).toBe("/setup");
    const token = url.searchParams.get("token")!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);

    const page = await fetch(`${base}/setup?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Create the first admin");

    const fields = { token, name: "Ops", email: "ops@example.com", password: "a-long-secret-1" };
    const short = await form(base, "/setup", { ...fields, password: "short" });
    expect(short.status).toBe(422);
    const created = await form(base, "/setup", fields);
    expect([created.status, created.headers.get("location")]).toEqual([303, "/admin"]);
    const again = await form(base, "/setup", { ...fields, email: "second@example.com" });
    expect(again.status).toBe(410);
    expect((await fetch(`${base}/setup?token=${token}`)).status).toBe(404);

    const signedIn = await signIn(base, "ops@example.com", "a-long-secret-1");
    expect([signedIn.status, signedIn.headers.get("location")]).toEqual([303, "/admin"]);
    expect((await signIn(base, "second@example.com", "a-long-secret-1")).status).toBe(401);
  });

  test("no secret is written to the data folder", () => {
    expect(readdirSync(dataDir)).not.toContain("demo-credentials.json");
  });
});

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)("an instance on PostgreSQL", () => {
  let pg: TestPostgres;
  let cwd: string;
  let main: MainProcess;

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    cwd = mkdtempSync(join(tmpdir(), "switchboard-cwd-"));
    // Bun reads the JSX settings from the working folder's tsconfig.
    const tsconfig = resolve(import.meta.dir, "../../tsconfig.json");
    writeFileSync(join(cwd, "tsconfig.json"), JSON.stringify({ extends: tsconfig }));
    main = startMain({ DATABASE_URL: pg.url, SEED_DEMO: "1" }, cwd);
  });
  afterAll(async () => {
    await main?.stop();
    await pg?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  test("seeds the demo when asked, prints random sign-ins once, and writes no secret to ./data", async () => {
    const base = await main.waitFor(/running on (http:\/\/\S+)/);
    const password = await main.waitFor(/admin@demo\.switchboard\.local \/ (\S+)\)/);
    expect(password).not.toBe("switchboard-demo");
    const res = await signIn(base, "admin@demo.switchboard.local", password);
    expect([res.status, res.headers.get("location")]).toEqual([303, "/admin"]);
    // ./data holds only the click log here (DATA_DIR is its home with DATABASE_URL too).
    const data = join(cwd, "data");
    const files = existsSync(data) ? readdirSync(data, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()) : [];
    for (const file of files) {
      expect(join(file.parentPath, file.name)).toContain(join(data, "clicks"));
      expect(readFileSync(join(file.parentPath, file.name), "utf8")).not.toContain(password);
    }
  });
});
