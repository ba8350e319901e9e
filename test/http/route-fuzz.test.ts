/**
 * Hostile input on every route the app declares (read from the app, so new routes are fuzzed
 * the day they are added) and on `/s/:code`, as an anonymous visitor, a publisher, the admin
 * and an API key: no answer may be a 5xx, and none may carry SQL, a stack trace or a source
 * path. Bad ids, impossible dates, NUL and other control characters, lone UTF-16 surrogates,
 * over-long values and deeply nested JSON are the inputs a security review sent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { buildApp } from "../../src/app";
import { startTestServer, TEST_API_KEY, type TestServer } from "../helpers/test-server";
import { portalSession, type PortalSession } from "../portal/publisher-session";

const ADMIN = { email: "admin@fuzz.test", password: "admin password 1" };
const PASSWORD = "correct horse battery";

/** Answer text that must never reach a caller. */
const LEAKS = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\b\s+"?\w+"?\s+set\b/i,
  /failed query/i,
  /\bat\s+\S+\s+\(?\/[^\s)]+:\d+/, // a stack frame with a file path
  /\/work\/|node_modules|src\/[\w/-]+\.tsx?/,
  /Invalid Date/,
];

const BAD_IDS = ["1.5", "-1", "1e3", "0x10", "99999999999999999999", "%00", "abc", "%F0%9F%98%80"];
const BAD_STRINGS = ["a\u0000b", "a\u0001b\u001fc", "\ud800", "x".repeat(20_000), "' or 1=1 --", "<script>x</script>"];
const BAD_QUERIES = [
  "from=2024-13-01&to=0001-01-01",
  "from=2026-01-01&to=9999-12-31",
  "from=%00&to=%00",
  "notice=%00&next=%00&q=%00&page=-1&limit=1.5&cursor=%00",
  "smartlink_id=1.5&publisher_id=-1&limit=99999999999&cursor=not-a-uuid",
];
const FIELDS = [
  "name", "email", "password", "current_password", "new_password", "destination_url", "payout", "revenue",
  "status", "host", "fallback_url", "countries", "devices", "weight", "priority", "campaign_id", "publisher_id",
  "description", "tags", "visibility", "rotation", "optimize_for", "sub1", "pub_sub", "publisher_auto_activate",
];

/** Thousands of requests, some hashing passwords: generous on a busy 2-core machine. */
const FUZZ_TIMEOUT_MS = 240_000;

let server: TestServer;
/** A declared route and, when its body schema lists them, the fields it reads. */
let routes: { method: string; path: string; fields: string[] | null }[];
const sessions: Record<string, PortalSession | null> = {};

beforeAll(async () => {
  server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
  routes = buildApp(server.deps)
    .routes.filter((r) => r.method !== "ALL" && !r.path.includes("*") && r.path !== "/logout")
    .map((r) => ({ method: r.method, path: r.path, fields: declaredFields(r.hooks?.body) }));
  const admin = portalSession(server);
  await admin.signIn(ADMIN.email, ADMIN.password);
  const visitor = portalSession(server);
  expect((await visitor.post("/signup", { name: "Fuzz Publisher", email: "p@fuzz.test", password: PASSWORD })).status).toBe(303);
  const publisher = portalSession(server);
  await publisher.signIn("p@fuzz.test", PASSWORD);
  Object.assign(sessions, { anonymous: null, admin, publisher });
});

afterAll(async () => {
  await server?.dispose();
});

interface Finding {
  who: string;
  method: string;
  path: string;
  status: number;
  leak?: string;
}

/** Status and leak check of one answer; undefined when it is fine. */
async function judge(who: string, method: string, path: string, res: Response): Promise<Finding | undefined> {
  const text = await res.text();
  const leak = LEAKS.find((pattern) => pattern.test(text));
  if (res.status < 500 && !leak) return undefined;
  return { who, method, path, status: res.status, leak: leak ? text.slice(0, 300) : undefined };
}

/** A body every create or edit route accepts, so one poisoned field reaches the service. */
const BASE: Record<string, string> = {
  name: "Fuzz",
  email: "fuzz@x.example",
  password: PASSWORD,
  destination_url: "https://offer.example/land",
  fallback_url: "https://fallback.example/",
  host: "track.example",
  payout: "1.00",
  revenue: "2.00",
  description: "fuzz",
};

/** The property names of a route's body schema (an Elysia `t.Object`), or null without one. */
function declaredFields(schema: unknown): string[] | null {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  const names = properties ? Object.keys(properties).filter((name) => name !== "_csrf") : [];
  return names.length > 0 ? names : null;
}

/**
 * Fields to poison on a route: the ones its schema declares plus one it does not know (a route
 * without a schema parses its body itself: every field of FIELDS). Poisoning fields a route
 * never reads only repeated its valid request, which on /signup and /login means an argon2 hash
 * each, and made this test outlast its timeout on a loaded machine.
 */
const fieldsToPoison = (route: { fields: string[] | null }) => (route.fields ? [...route.fields, "unexpected"] : FIELDS);

/** BASE with `field` set to `value`. */
const poisoned = (field: string, value: unknown) => ({ ...BASE, [field]: value });

/** `[[[...]]]` nested `depth` levels. */
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** The route's path with every `:param` set to `id`. */
const withId = (path: string, id: string) => path.replace(/:[A-Za-z]+/g, id);

/** Paths to try without a body: bad ids for routes with params, bad queries for the others. */
const hostilePaths = (path: string) =>
  path.includes(":") ? BAD_IDS.map((id) => withId(path, id)) : BAD_QUERIES.map((query) => `${path}?${query}`);

async function portalRequest(who: string, method: string, path: string, body?: URLSearchParams) {
  const session = sessions[who];
  if (!session) return server.get(path, { method, headers: { origin: server.url }, body });
  if (method === "GET") return session.get(path);
  return session.post(path, body ? Object.fromEntries(body) : {});
}

describe("no 5xx and no leaks under hostile input", () => {
  test("API routes, with and without the key", async () => {
    const findings: Finding[] = [];
    const api = routes.filter((r) => r.path.startsWith("/api/"));
    const values: unknown[] = [...BAD_STRINGS, JSON.parse(nested(200)), -1, 1.5, 1e300, null, { a: 1 }];
    for (const authorization of [`Bearer ${TEST_API_KEY}`, "Bearer wrong", ""]) {
      for (const route of api) {
        const headers = { authorization, "content-type": "application/json" };
        for (const path of hostilePaths(route.path)) {
          const res = await server.get(path, { method: route.method, headers });
          const finding = await judge(authorization || "anonymous", route.method, path, res);
          if (finding) findings.push(finding);
        }
        if (route.method !== "POST" && route.method !== "PATCH") continue;
        const path = withId(route.path, "1");
        const bodies = [
          ...FIELDS.flatMap((field) => values.map((value) => JSON.stringify(poisoned(field, value)))),
          JSON.stringify({ ...BASE, publisher_id: 1, pool: [{ campaign_id: 1, countries: JSON.parse(nested(50)) }] }),
          `{"name":"x","countries":${nested(5000)}}`,
          '{"name":"\\ud800","sub1":"\\udfff"}',
          "{not json",
          "",
        ];
        for (const body of bodies) {
          const res = await server.get(path, { method: route.method, headers, body });
          const finding = await judge(authorization || "anonymous", route.method, `${path} ${body.slice(0, 60)}`, res);
          if (finding) findings.push(finding);
        }
      }
    }
    expect(findings).toEqual([]);
  }, FUZZ_TIMEOUT_MS);

  test("portal routes, as anonymous, publisher and admin", async () => {
    const findings: Finding[] = [];
    const portal = routes.filter((r) => !r.path.startsWith("/api/"));
    for (const who of Object.keys(sessions)) {
      for (const route of portal) {
        for (const path of hostilePaths(route.path)) {
          const res = await portalRequest(who, route.method, path);
          const finding = await judge(who, route.method, path, res);
          if (finding) findings.push(finding);
        }
        if (route.method !== "POST" || route.path.includes("/api-keys/")) continue;
        // Every poisoned body for the route's own user; one for everyone else (auth comes first).
        const owner = route.path.startsWith("/admin") ? "admin" : route.path.startsWith("/publisher") ? "publisher" : "anonymous";
        for (const field of who === owner ? fieldsToPoison(route) : ["name"]) {
          for (const value of who === owner ? BAD_STRINGS : BAD_STRINGS.slice(0, 1)) {
            const path = withId(route.path, "1");
            const body = new URLSearchParams({ ...BASE, [field]: value });
            const res = await portalRequest(who, "POST", path, body);
            const finding = await judge(who, "POST", `${path} (${field}=${JSON.stringify(value.slice(0, 12))})`, res);
            if (finding) findings.push(finding);
          }
        }
      }
    }
    expect(findings).toEqual([]);
  }, FUZZ_TIMEOUT_MS);

  test("/s/:code with hostile codes and sub-IDs", async () => {
    const findings: Finding[] = [];
    const codes = ["%00", "a".repeat(5000), "%ED%A0%80", "..%2F..%2Fetc", "%F0%9F%98%80", "1.5"];
    const subs = ["%00", "%ED%A0%80", "x".repeat(10_000), "%0d%0aSet-Cookie:%20a=b", "{sub1}"];
    for (const code of codes) {
      for (const sub of subs) {
        const path = `/s/${code}?sub1=${sub}&pub_sub=${sub}`;
        const res = await server.get(path);
        const finding = await judge("visitor", "GET", path.slice(0, 80), res);
        if (finding) findings.push(finding);
        expect(res.headers.get("set-cookie")).toBeNull();
      }
    }
    expect(findings).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});
