/**
 * A redirect whose client gave up while the routing plan loaded is not recorded: the client
 * may send the request again, and that one is the click.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { clicks } from "../../src/db/schema";
import { postgresAvailable } from "../helpers/databases";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server";

const hasPostgres = await postgresAvailable();
let server: TestServer;
let code: string;

beforeAll(async () => {
  if (!hasPostgres) return;
  server = await startTestServer("postgres");
  const offer = await server.api("POST", "/api/v1/campaigns", {
    name: "Offer",
    destination_url: "https://adv.example/offer",
    payout: "1.00",
    revenue: "2.00",
  });
  const link = await server.api("POST", "/api/v1/smartlinks", {
    name: "Link",
    visibility: "public",
    rotation: "weighted",
    pool: [{ campaign_id: offer.body.id, weight: 1, priority: 1 }],
  });
  const publisher = await server.api("POST", "/api/v1/publishers", { name: "P", email: "aborted@example.com" });
  const access = await server.api("POST", `/api/v1/smartlinks/${link.body.id}/publishers`, {
    publisher_id: publisher.body.id,
  });
  code = access.body.code;
});
afterAll(() => server?.dispose());

/** Queries of this database waiting on a lock. */
async function lockWaits(): Promise<number> {
  const rows = (await server.deps.database.db.execute(
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
  )) as unknown as { n: number }[];
  return rows[0]!.n;
}

test.skipIf(!hasPostgres)("a request aborted while its plan loads records no click", async () => {
  const db = server.deps.database.db;
  // Hold the plan's table so the load waits; the client gives up meanwhile.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const locked = new Promise<void>((lockHeld) => {
    void db.transaction(async (tx) => {
      await tx.execute(sql`lock table smartlink_publishers in access exclusive mode`);
      lockHeld();
      await released;
    });
  });
  await locked;
  const client = new AbortController();
  const request = fetch(`${server.url}/s/${code}?pub_sub=gave-up`, { redirect: "manual", signal: client.signal });
  await eventually(async () => ((await lockWaits()) > 0 ? true : undefined)); // the load waits on the lock
  client.abort();
  await request.catch(() => {});
  release();
  await eventually(async () => (server.deps.routes.peek(code) !== undefined ? true : undefined));

  const answered = await server.get(`/s/${code}?pub_sub=sent-again`);
  expect(answered.status).toBe(302);
  await server.deps.clicks.flush();
  const rows = await db.select({ pubSub: clicks.pubSub }).from(clicks).orderBy(clicks.id);
  expect(rows.map((r) => r.pubSub)).toEqual(["sent-again"]);
});
