import { describe, expect, test } from "bun:test";
import { ConfigError, DEFAULT_GEOIP_DB, loadConfig } from "../../../src/config";

describe("loadConfig", () => {
  test("defaults: embedded database in ./data with the demo, port 3000, no proxy trust", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      publicUrl: null,
      geoipDb: DEFAULT_GEOIP_DB,
      trustProxy: 0,
      initialApiKey: null,
      defaultFallbackUrl: null,
      seedDemo: true,
    });
    expect(config.dataDir.endsWith("/data")).toBe(true);
  });

  test("the click log defaults to DATA_DIR/clicks, synced every 20 ms, batches with a 5 s deadline", () => {
    expect(loadConfig({ DATA_DIR: "/srv/sb" })).toMatchObject({
      clickLogDir: "/srv/sb/clicks",
      clickSyncMs: 20,
      clickWriteTimeoutMs: 5000,
    });
    expect(loadConfig({ DATA_DIR: "/srv/sb", CLICK_LOG_DIR: "/var/lib/sb-clicks" }).clickLogDir).toBe("/var/lib/sb-clicks");
    expect(() => loadConfig({ CLICK_SYNC_MS: "0" })).toThrow("CLICK_SYNC_MS must be a whole number from 1 to 1000");
  });

  test("a real Postgres server turns the demo off unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  test("production never seeds the demo unless SEED_DEMO asks explicitly", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", SEED_DEMO: "0" }).seedDemo).toBe(false);
  });

  test("web URLs are kept in normal form (punycode host, encoded path), without trailing slashes", () => {
    expect(loadConfig({ PUBLIC_URL: "https://t.example.com/" }).publicUrl).toBe("https://t.example.com");
    expect(loadConfig({ DEFAULT_FALLBACK_URL: "https://bücher.example/ü?q=é" }).defaultFallbackUrl).toBe(
      "https://xn--bcher-kva.example/%C3%BC?q=%C3%A9",
    );
  });

  test("every bad variable is named in one error", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        PUBLIC_URL: "ftp://x",
        TRUST_PROXY: "-1",
        GEOIP_DB: "/nope/missing.mmdb",
        INITIAL_API_KEY: "short",
        DEFAULT_FALLBACK_URL: "javascript:alert(1)",
        SEED_DEMO: "maybe",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(" ")[0]);
    expect(problems.sort()).toEqual(
      [
        "DATABASE_URL",
        "DEFAULT_FALLBACK_URL",
        "GEOIP_DB",
        "INITIAL_API_KEY",
        "PORT",
        "PUBLIC_URL",
        "SEED_DEMO",
        "TRUST_PROXY",
      ].sort(),
    );
  });
});
