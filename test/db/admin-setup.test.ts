/**
 * The first-admin set-up link on PGlite and PostgreSQL: stored only as a hash, expires, works
 * once, and concurrent completions (same link, or two instances' links) create one admin.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { like } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { settings, users } from "../../src/db/schema";
import { NotFoundError, ValidationError } from "../../src/errors";
import { completeAdminSetup, createSetupToken, isUsableSetupToken, SETUP_LIFETIME_MS } from "../../src/setup/admin-setup";
import postgres from "postgres";
import { openPostgres } from "../../src/db/client";
import { migrate } from "../../src/db/migrate";
import { createPostgresDatabase, openTestDatabase, postgresAvailable, type Backend, type TestPostgres } from "../helpers/databases";
import { eventually } from "../helpers/test-server";

const backends: Backend[] = (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];
const input = (email: string) => ({ name: "Ops", email, password: "a-long-secret-1" });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "created",
    (err) => (err instanceof NotFoundError ? "refused" : Promise.reject(err)),
  );

describe.each(backends)("admin set-up on %s", (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase(backend));
  });
  afterAll(() => dispose());
  beforeEach(async () => {
    await database.db.delete(users);
    await database.db.delete(settings);
  });

  const admins = () => database.db.select().from(users);

  test("only the token's SHA-256 is stored, and the link expires after 24 hours", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const { token, expiresAt } = await createSetupToken(database.db, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(SETUP_LIFETIME_MS);
    const rows = await database.db.select().from(settings).where(like(settings.key, "admin_setup:%"));
    expect(rows.map((row) => row.key + row.value).join()).not.toContain(token);
    expect(await isUsableSetupToken(database.db, token, now)).toBe(true);
    expect(await isUsableSetupToken(database.db, token, expiresAt)).toBe(false);
    expect(await outcome(completeAdminSetup(database.db, token, input("a@example.com"), expiresAt))).toBe("refused");
    expect(await isUsableSetupToken(database.db, "not-a-token")).toBe(false);
  });

  test("bad fields are reported and leave the link usable", async () => {
    const { token } = await createSetupToken(database.db);
    const err = await completeAdminSetup(database.db, token, { name: " ", email: "nope", password: "short" }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).errors).sort()).toEqual(["email", "name", "password"]);
    expect(await isUsableSetupToken(database.db, token)).toBe(true);
  });

  test("concurrent uses of one link create one admin", async () => {
    const { token } = await createSetupToken(database.db);
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((name) => outcome(completeAdminSetup(database.db, token, input(`${name}@example.com`)))),
    );
    expect(results.sort()).toEqual(["created", "refused", "refused", "refused"]);
    expect((await admins()).map((u) => u.role)).toEqual(["admin"]);
    expect(await isUsableSetupToken(database.db, token)).toBe(false);
  });

  test("links printed by two instances: the first use wins, both stop working", async () => {
    const one = await createSetupToken(database.db);
    const two = await createSetupToken(database.db);
    const results = await Promise.all([
      outcome(completeAdminSetup(database.db, one.token, input("one@example.com"))),
      outcome(completeAdminSetup(database.db, two.token, input("two@example.com"))),
    ]);
    expect(results.sort()).toEqual(["created", "refused"]);
    expect(await admins()).toHaveLength(1);
    expect(await isUsableSetupToken(database.db, one.token)).toBe(false);
    expect(await isUsableSetupToken(database.db, two.token)).toBe(false);
  });
});

describe.skipIf(!backends.includes("postgres"))("admin set-up racing on PostgreSQL", () => {
  let pg: TestPostgres;
  let database: Database;
  let lockHolder: postgres.Sql;
  beforeAll(async () => {
    pg = await createPostgresDatabase();
    database = await openPostgres(pg.url);
    await migrate(database);
    lockHolder = postgres(pg.url, { max: 2, onnotice: () => {} }); // the lock, and the watch
  });
  afterAll(async () => {
    await lockHolder?.end();
    await database?.close();
    await pg?.drop();
  });

  test("completions that overlap in the database still create one admin", async () => {
    const one = await createSetupToken(database.db);
    const two = await createSetupToken(database.db);
    // Hold inserts into users until all four completions wait inside their transactions.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = lockHolder.begin(async (tx) => {
      await tx`lock table users in exclusive mode`;
      await released;
    });
    const attempts = [one.token, two.token, one.token, two.token].map((token, i) =>
      outcome(completeAdminSetup(database.db, token, input(`admin${i}@example.com`))),
    );
    await eventually(async () => {
      const [row] = await lockHolder`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      return row!.n >= 4 ? true : undefined;
    }, 30_000);
    release();
    await holding;
    expect((await Promise.all(attempts)).sort()).toEqual(["created", "refused", "refused", "refused"]);
    expect(await database.db.select().from(users)).toHaveLength(1);
  });
});
