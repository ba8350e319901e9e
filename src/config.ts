/**
 * Every environment variable the app reads, parsed and validated once at start.
 *
 * `loadConfig(env)` returns a frozen `Config` or throws `ConfigError` whose message names every
 * bad variable at once (the epic-stack rule: fail fast, list everything).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export interface Config {
  /** TCP port to listen on; 0 picks a free one (tests). */
  port: number;
  /** Postgres connection string; null = embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Folder for the embedded PGlite database (absolute path). */
  dataDir: string;
  /** Base URL of tracking links without trailing slash; null = the listening address. */
  publicUrl: string | null;
  /** Path to a MaxMind-format .mmdb (GeoIP2/GeoLite2 Country or City, or ip-location-db). */
  geoipDb: string;
  /** Number of trusted reverse-proxy hops in X-Forwarded-For; 0 ignores the header. */
  trustProxy: number;
  /** An admin API key accepted from the first start (stored hashed), or null. */
  initialApiKey: string | null;
  /** First admin created on start when no admin exists (with `initialAdminPassword`), or null. */
  initialAdminEmail: string | null;
  initialAdminPassword: string | null;
  /** Network-wide last-resort destination when a smartlink has no fallback, or null. */
  defaultFallbackUrl: string | null;
  /**
   * Seed the demo network (random passwords, printed once) on an empty database. Default: on
   * only for the embedded PGlite database with NODE_ENV other than `production`; an explicit
   * SEED_DEMO wins.
   */
  seedDemo: boolean;
  /** Click buffer: flush interval in milliseconds. */
  clickFlushMs: number;
  /** Click buffer: rows per batch insert; also the flush trigger. */
  clickBatchSize: number;
  /** Click buffer: most rows held in memory before new clicks are dropped (and counted). */
  clickBufferMax: number;
  /** Publisher sign-ups allowed per client address per hour (per instance). */
  signupLimitPerHour: number;
  /**
   * Route-cache misses on codes that do not exist, allowed per client address (IPv6: per /64)
   * per minute before such misses are answered 404 without a query (per instance).
   */
  unknownCodeLimitPerMinute: number;
  /** Routing cache: most compiled plans held. */
  routeCacheMax: number;
  /** Routing cache: safety TTL in milliseconds behind LISTEN/NOTIFY invalidation. */
  routeCacheTtlMs: number;
}

/** Thrown by `loadConfig` with one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** Default GeoIP database: the CC0 country database of the npm package ip-location-db. */
export const DEFAULT_GEOIP_DB = resolve(
  import.meta.dir,
  "../node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb",
);

/**
 * Parse the environment.
 * @param env usually `process.env`
 * @throws ConfigError listing every invalid variable
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const blank = (v: string | undefined) => v === undefined || v.trim() === "";

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (blank(raw)) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (blank(raw)) return null;
    try {
      const u = new URL(raw!);
      if (!protocols.includes(u.protocol)) throw new Error();
      // Web URLs in WHATWG normal form (punycode host, encoded path), so they fit a Location header.
      return (u.protocol.startsWith("http") ? u.href : raw!).replace(/\/+$/, "");
    } catch {
      problems.push(`${name} must be a ${protocols.join(" or ")} URL (got "${raw}")`);
      return null;
    }
  };

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (blank(raw)) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw!)) return true;
    if (/^(0|false|no|off)$/i.test(raw!)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const databaseUrl = url("DATABASE_URL", ["postgres:", "postgresql:"]);
  const geoipDb = blank(env.GEOIP_DB) ? DEFAULT_GEOIP_DB : resolve(env.GEOIP_DB!);
  if (!blank(env.GEOIP_DB) && !existsSync(geoipDb)) {
    problems.push(`GEOIP_DB points to a missing file (${geoipDb})`);
  }
  const initialApiKey = blank(env.INITIAL_API_KEY) ? null : env.INITIAL_API_KEY!.trim();
  if (initialApiKey !== null && initialApiKey.length < 16) {
    problems.push("INITIAL_API_KEY must be at least 16 characters");
  }

  const initialAdminEmail = blank(env.INITIAL_ADMIN_EMAIL) ? null : env.INITIAL_ADMIN_EMAIL!.trim();
  const initialAdminPassword = blank(env.INITIAL_ADMIN_PASSWORD) ? null : env.INITIAL_ADMIN_PASSWORD!;
  if ((initialAdminEmail === null) !== (initialAdminPassword === null)) {
    problems.push("INITIAL_ADMIN_EMAIL and INITIAL_ADMIN_PASSWORD must be set together");
  }
  if (initialAdminEmail !== null && !/^[^\s@]+@[^\s@]+$/.test(initialAdminEmail)) {
    problems.push(`INITIAL_ADMIN_EMAIL must be an e-mail address (got "${initialAdminEmail}")`);
  }
  if (initialAdminPassword !== null && initialAdminPassword.length < 10) {
    problems.push("INITIAL_ADMIN_PASSWORD must be at least 10 characters");
  }

  const config: Config = {
    port: int("PORT", 3000, 0, 65535),
    databaseUrl,
    dataDir: resolve(blank(env.DATA_DIR) ? "./data" : env.DATA_DIR!),
    publicUrl: url("PUBLIC_URL", ["http:", "https:"]),
    geoipDb,
    trustProxy: int("TRUST_PROXY", 0, 0, 10),
    initialApiKey,
    initialAdminEmail,
    initialAdminPassword,
    defaultFallbackUrl: url("DEFAULT_FALLBACK_URL", ["http:", "https:"]),
    seedDemo: bool("SEED_DEMO", databaseUrl === null && env.NODE_ENV !== "production"),
    clickFlushMs: int("CLICK_FLUSH_MS", 250, 10, 60_000),
    clickBatchSize: int("CLICK_BATCH_SIZE", 1000, 1, 50_000),
    clickBufferMax: int("CLICK_BUFFER_MAX", 200_000, 100, 10_000_000),
    signupLimitPerHour: int("SIGNUP_LIMIT_PER_HOUR", 20, 1, 100_000),
    unknownCodeLimitPerMinute: int("UNKNOWN_CODE_LIMIT_PER_MINUTE", 60, 1, 1_000_000),
    routeCacheMax: int("ROUTE_CACHE_MAX", 100_000, 10, 10_000_000),
    routeCacheTtlMs: int("ROUTE_CACHE_TTL_MS", 60_000, 1_000, 86_400_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
