/**
 * A cache miss while the database is unreachable never answers a 5xx error page by accident:
 * it answers 503 (retry later), or a 302 to DEFAULT_FALLBACK_URL when the network set one.
 */
import { describe, expect, test } from "bun:test";
import { startTestServer } from "../helpers/test-server";

describe.each([
  ["no network fallback", {}, 503, null],
  ["a network fallback", { DEFAULT_FALLBACK_URL: "https://network.example/down" }, 302, "https://network.example/down"],
] as const)("database down, %s", (_name, env, status, location) => {
  test(`an uncached code answers ${status}`, async () => {
    const server = await startTestServer("pglite", env);
    await server.deps.listener.stop();
    await server.deps.database.close();
    const res = await server.get("/s/Abcd1234");
    expect([res.status, res.headers.get("location")]).toEqual([status, location]);
    await server.stop();
  });
});
