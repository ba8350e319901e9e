import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import type { Database } from "../../src/db/client";
import { apiKeys } from "../../src/db/schema";
import {
  apiKeyVerifier,
  createApiKey,
  ensureApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKey,
} from "../../src/auth/api-keys";
import { openTestDatabase, resetDatabase } from "./fixture";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => resetDatabase(database));

test("createApiKey stores only the hash and a prefix", async () => {
  const { id, key } = await createApiKey(database.db, "ci");
  expect(key).toMatch(/^sb_[0-9a-f]{32}$/);
  expect(await database.db.select().from(apiKeys)).toEqual([
    { id, name: "ci", keyHash: hashApiKey(key), prefix: key.slice(0, 8), createdAt: expect.any(Date), revokedAt: null },
  ]);
  expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
  expect(await verifyApiKey(database.db, key)).toBe(true);
  expect(await verifyApiKey(database.db, key + "x")).toBe(false);
  expect(await verifyApiKey(database.db, "")).toBe(false);
});

test("hashApiKey is SHA-256 hex", () => {
  expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("revokeApiKey stops the key; listApiKeys shows it revoked", async () => {
  const { id, key } = await createApiKey(database.db, "old");
  expect(await revokeApiKey(database.db, id)).toBe(true);
  expect(await revokeApiKey(database.db, id)).toBe(true);
  expect(await revokeApiKey(database.db, 999)).toBe(false);
  expect(await verifyApiKey(database.db, key)).toBe(false);
  expect(await listApiKeys(database.db)).toEqual([
    { id, name: "old", prefix: key.slice(0, 8), createdAt: expect.any(Date), revokedAt: expect.any(Date) },
  ]);
});

test("ensureApiKey is idempotent and never un-revokes", async () => {
  const key = "initial-key-0123456789";
  await ensureApiKey(database.db, key, "initial");
  await ensureApiKey(database.db, key, "initial");
  const [row] = await listApiKeys(database.db);
  expect((await listApiKeys(database.db)).length).toBe(1);
  await revokeApiKey(database.db, row!.id);
  await ensureApiKey(database.db, key, "initial");
  expect(await verifyApiKey(database.db, key)).toBe(false);
});

test("apiKeyVerifier caches accepted keys only", async () => {
  const verify = apiKeyVerifier(database.db, { ttlMs: 60_000 });
  // A wrong key retried is refused every time (a cached rejection must not turn into an accept).
  expect(await verify("sb_unknown")).toBe(false);
  expect(await verify("sb_unknown")).toBe(false);
  // A rejection is not cached: the very key refused a moment ago works once it is created.
  const later = "sb_created_after_rejection_0123";
  expect(await verify(later)).toBe(false);
  await ensureApiKey(database.db, later, "later");
  expect(await verify(later)).toBe(true);
  expect(await verify("sb_unknown")).toBe(false);
  // An acceptance is cached for the TTL, so revocation shows up only afterwards.
  const { id, key } = await createApiKey(database.db, "new");
  expect(await verify(key)).toBe(true);
  await revokeApiKey(database.db, id);
  expect(await verify(key)).toBe(true);
  expect(await apiKeyVerifier(database.db)(key)).toBe(false);
});
