/**
 * Sign-in under parallel load, over real HTTP: 40 `POST /login` for one account from one address
 * sent at once, the right password last, must not get more password checks than the pair limit
 * (on PGlite, on PostgreSQL, and split over two instances sharing one PostgreSQL database); a
 * flood of sign-ins beyond the hashing queue is answered 503 with `Retry-After`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { HASHING_CONCURRENCY, HASHING_QUEUE } from "../../src/auth/password-hashing";
import { PAIR_RULE } from "../../src/auth/sign-in-limits";
import { loadConfig } from "../../src/config";
import { startServer, type RunningServer } from "../../src/start-server";
import { createPostgresDatabase, postgresAvailable, type Backend, type TestPostgres } from "../helpers/databases";
import { GEOIP_FIXTURES, startTestServer, type TestServer } from "../helpers/test-server";

const ADMIN = { email: "boss@example.com", password: "correct horse battery" };
const hasPostgres = await postgresAvailable();
const backends: Backend[] = hasPostgres ? ["pglite", "postgres"] : ["pglite"];

function postLogin(baseUrl: string, email: string, password: string, ip: string) {
  return fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password }),
  });
}

/** 39 wrong passwords then the right one, all sent at once to `urls` in turn; the statuses in order. */
async function burst(urls: string[], ip: string): Promise<number[]> {
  const passwords = [...Array.from({ length: 39 }, (_, i) => `wrong password ${i}`), ADMIN.password];
  const answers = await Promise.all(passwords.map((password, i) => postLogin(urls[i % urls.length]!, ADMIN.email, password, ip)));
  return answers.map((res) => res.status);
}

/** The burst's statuses must show at most PAIR_RULE.free password checks, the rest refused. */
function expectLimited(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  // Before the reservation: 39 x 401 and a final 303 (signed in). The right password, sent last,
  // can only win if it happened to be among the checked ones.
  const expected: Record<number, number> = statuses[39] === 303 ? { 401: PAIR_RULE.free - 1, 303: 1, 429: 40 - PAIR_RULE.free } : { 401: PAIR_RULE.free, 429: 40 - PAIR_RULE.free };
  expect(counts).toEqual(expected);
}

describe.each(backends)("parallel sign-ins on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(() => server?.dispose());

  test(`40 parallel POST /login, right password last: only ${PAIR_RULE.free} are checked`, async () => {
    expectLimited(await burst([server.url], "203.0.113.40"));
  });
});

describe.skipIf(!hasPostgres)("parallel sign-ins over two instances on one PostgreSQL database", () => {
  let pg: TestPostgres;
  const instances: RunningServer[] = [];
  beforeAll(async () => {
    pg = await createPostgresDatabase();
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        PORT: "0",
        DATABASE_URL: pg.url,
        GEOIP_DB: `${GEOIP_FIXTURES}/GeoIP2-Country-Test.mmdb`,
        TRUST_PROXY: "1",
        INITIAL_ADMIN_EMAIL: ADMIN.email,
        INITIAL_ADMIN_PASSWORD: ADMIN.password,
      });
      instances.push(await startServer(config));
    }
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await pg?.drop();
  });

  test("the limit is shared: 40 requests alternating between the instances", async () => {
    expectLimited(await burst(instances.map((instance) => instance.url), "203.0.113.41"));
  });
});

describe("a flood of sign-ins", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server?.dispose());

  test(`beyond ${HASHING_CONCURRENCY} running + ${HASHING_QUEUE} waiting hashes, sign-in answers 503 with Retry-After`, async () => {
    // Different accounts and addresses: no sign-in limit applies, only the hashing cap.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postLogin(server.url, `flood${i}@example.com`, "wrong password", `198.18.2.${i}`)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(HASHING_CONCURRENCY + HASHING_QUEUE);
    const busy = answers.find((res) => res.status === 503);
    expect(busy).toBeDefined();
    expect(busy!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await busy!.text()).toContain("The server is busy");
  });
});
