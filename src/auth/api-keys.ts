/**
 * Admin API keys. A key is `sb_` + 32 hex characters (128 bits from `crypto.getRandomValues`);
 * only its SHA-256 (hex) is stored, with the first 8 characters as a display prefix.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../db/client";
import { apiKeys } from "../db/schema";

export const API_KEY_PREFIX_LENGTH = 8;

/** SHA-256 of `key`, lower-case hex: the value stored in `api_keys.key_hash`. */
export function hashApiKey(key: string): string {
  return new Bun.CryptoHasher("sha256").update(key).digest("hex");
}

/** A fresh random key: `sb_` + 32 lower-case hex characters. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "sb_" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Create a new key named `name`.
 * @returns the row id and the plain key; the key is shown once and cannot be recovered
 */
export async function createApiKey(db: Db, name: string): Promise<{ id: number; key: string }> {
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ name, keyHash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX_LENGTH) })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key };
}

/**
 * Store `key` (e.g. INITIAL_API_KEY) unless a key with the same hash exists. Idempotent; never
 * un-revokes a key that was revoked.
 */
export async function ensureApiKey(db: Db, key: string, name: string): Promise<void> {
  await db
    .insert(apiKeys)
    .values({ name, keyHash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX_LENGTH) })
    .onConflictDoNothing({ target: apiKeys.keyHash });
}

/** True when `key` is stored and not revoked (one indexed query). */
export async function verifyApiKey(db: Db, key: string): Promise<boolean> {
  if (key.length === 0 || key.length > 200) return false;
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Revoke key `id` (sets `revoked_at`; already revoked keys keep their first date).
 * Verifiers built by `apiKeyVerifier` may accept it for up to their TTL.
 * @returns false when no such key exists
 */
export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length > 0) return true;
  const existing = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
  return existing.length > 0;
}

/** A stored key as listed to admins (never the hash). */
export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every key, oldest first, revoked ones included. */
export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(asc(apiKeys.id));
}

/**
 * A `verifyApiKey` with a small in-memory cache of accepted keys (by hash, `ttlMs`, default 5 s),
 * so an API call does not cost an extra query. A revoked key stays accepted for at most `ttlMs`;
 * rejections are not cached, so a key created a moment ago works at once.
 * (INITIAL_API_KEY is stored by `startServer` with `ensureApiKey` before the app listens.)
 */
export function apiKeyVerifier(
  db: Db,
  opts: { ttlMs?: number; max?: number } = {},
): (key: string) => Promise<boolean> {
  const cache = new LRUCache<string, boolean>({ max: opts.max ?? 1000, ttl: opts.ttlMs ?? 5000 });
  return async (key) => {
    const hash = hashApiKey(key);
    if (cache.has(hash)) return true;
    const ok = await verifyApiKey(db, key);
    if (ok) cache.set(hash, true);
    return ok;
  };
}
