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

  test("a real Postgres server turns the demo off unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  test("production never seeds the demo unless SEED_DEMO asks explicitly", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", SEED_DEMO: "0" }).seedDemo).toBe(false);
  });

  test("trailing slashes are dropped from URLs", () => {
    expect(loadConfig({ PUBLIC_URL: "https://t.example.com/" }).publicUrl).toBe("https://t.example.com");
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
