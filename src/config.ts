/**
 * Every environment variable the app reads, parsed and validated once at start.
 *
 * `loadConfig(env)` returns a frozen `Config` or throws `ConfigError` whose message names every
 * bad variable at once (the epic-stack rule: fail fast, list everything).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { LOG_LEVELS, type LogLevel } from "./log/logger";

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
  /** Clicks: milliseconds between shipping rounds from the click log to the database. */
  clickFlushMs: number;
  /** Clicks: clicks per batch sent to the database. */
  clickBatchSize: number;
  /** Clicks: most clicks held in memory while the click log cannot be written; then dropped. */
  clickBufferMax: number;
  /** Clicks: folder of the local click log (absolute path); default `<dataDir>/clicks`. */
  clickLogDir: string;
  /** Clicks: group-commit window, milliseconds between fdatasyncs of the click log. */
  clickSyncMs: number;
  /** Clicks: deadline of one batch insert in milliseconds (then a fresh connection is used). */
  clickWriteTimeoutMs: number;
  /** Publisher sign-ups allowed per client address per hour (per instance). */
  signupLimitPerHour: number;
  /**
   * Route-cache misses on codes that do not exist, allowed per client address (IPv6: per /64)
   * per minute before such misses are answered 404 without a query (per instance).
   */
  unknownCodeLimitPerMinute: number;
  /** Routing cache: most compiled plans held. */
  routeCacheMax: number;
  /** Routing cache: trust window in milliseconds behind LISTEN/NOTIFY invalidation (older plans are served and reloaded in the background). */
  routeCacheTtlMs: number;
  /** Lowest level the JSON server log writes (`fatal` ... `trace`, or `silent`). */
  logLevel: LogLevel;
  /** Routing cache: trust window in milliseconds while the LISTEN connection is down. */
  routeCacheUntrustedTtlMs: number;
  /** Routing cache: how long a miss waits for the database before the fallback (or 503) answers, in milliseconds. */
  routeMissBudgetMs: number;
  /** Routing cache: codes warmed at start (the busiest of the last hour); 0 = none. */
  routeWarmCodes: number;
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

  const logLevel = (raw: string | undefined): LogLevel => {
    if (blank(raw)) return "info";
    const level = raw!.trim().toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${raw}")`);
    return "info";
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

  const dataDir = resolve(blank(env.DATA_DIR) ? "./data" : env.DATA_DIR!);
  const config: Config = {
    port: int("PORT", 3000, 0, 65535),
    databaseUrl,
    dataDir,
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
    clickLogDir: blank(env.CLICK_LOG_DIR) ? resolve(dataDir, "clicks") : resolve(env.CLICK_LOG_DIR!),
    clickSyncMs: int("CLICK_SYNC_MS", 20, 1, 1000),
    clickWriteTimeoutMs: int("CLICK_WRITE_TIMEOUT_MS", 5000, 100, 600_000),
    signupLimitPerHour: int("SIGNUP_LIMIT_PER_HOUR", 20, 1, 100_000),
    unknownCodeLimitPerMinute: int("UNKNOWN_CODE_LIMIT_PER_MINUTE", 60, 1, 1_000_000),
    routeCacheMax: int("ROUTE_CACHE_MAX", 100_000, 10, 10_000_000),
    routeCacheTtlMs: int("ROUTE_CACHE_TTL_MS", 60_000, 1_000, 86_400_000),
    logLevel: logLevel(env.LOG_LEVEL),
    routeCacheUntrustedTtlMs: int("ROUTE_CACHE_UNTRUSTED_TTL_MS", 2_000, 100, 86_400_000),
    routeMissBudgetMs: int("ROUTE_MISS_BUDGET_MS", 250, 10, 30_000),
    routeWarmCodes: int("ROUTE_WARM_CODES", 10_000, 0, 1_000_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
