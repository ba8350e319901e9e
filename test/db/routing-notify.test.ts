/**
 * The routing triggers (drizzle/0001_routing_notify.sql and later migrations) on the machine's
 * PostgreSQL: every write that changes a routing plan sends its documented payload on
 * `routing_changed`, heard on another connection, as another instance's listener hears it.
 * Each write is followed by a marker NOTIFY, so a missing, wrong or extra payload fails.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import type { Database, ListenSession } from "../../src/db/client";
import { campaigns, poolEntries, publishers, smartlinkPublishers, smartlinks } from "../../src/db/schema";
import { ROUTING_CHANNEL } from "../../src/links/routing-listener";
import { openTestDatabase, postgresAvailable } from "../helpers/databases";
import { eventually } from "../helpers/test-server";

const hasPostgres = await postgresAvailable();
const MARKER = { kind: "test-marker" };

describe.skipIf(!hasPostgres)("routing_changed triggers on PostgreSQL", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let session: ListenSession;
  const received: unknown[] = [];

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase("postgres"));
    session = database.openListener([ROUTING_CHANNEL], (_channel, payload) => received.push(JSON.parse(payload)), () => {});
    await session.ready;
  });
  afterAll(async () => {
    await session?.close();
    await dispose?.();
  });

  /**
   * Run `write`, then send a marker NOTIFY and wait for it: notifications arrive in commit order,
   * so what came before the marker is exactly what `write` sent.
   */
  async function notifiedBy(write: () => Promise<unknown>): Promise<unknown[]> {
    received.length = 0;
    await write();
    await database.db.execute(sql`select pg_notify(${ROUTING_CHANNEL}, ${JSON.stringify(MARKER)})`);
    const seen = await eventually(async () => {
      const at = received.findIndex((p) => Bun.deepEquals(p, MARKER));
      return at === -1 ? undefined : received.slice(0, at);
    });
    return seen;
  }
  async function expectNotified(write: () => Promise<unknown>, payloads: unknown[]) {
    expect(await notifiedBy(write)).toEqual(payloads);
  }

  const db = () => database.db;
  let publisherId: number;
  let campaignId: number;
  let smartlinkId: number;
  const code = "AbCd1234";

  test("setting up a link: campaign, smartlink, pool entry and access each notify", async () => {
    const inserted = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!;
    publisherId = (await inserted(db().insert(publishers).values({ name: "P", email: "p@example.com" }).returning())).id;
    expect(
      await notifiedBy(async () => {
        campaignId = (await inserted(db().insert(campaigns).values({ name: "C", destinationUrl: "https://adv.example/c" }).returning())).id;
      }),
    ).toEqual([{ kind: "campaign", id: campaignId }]);
    expect(
      await notifiedBy(async () => {
        smartlinkId = (await inserted(db().insert(smartlinks).values({ name: "S" }).returning())).id;
      }),
    ).toEqual([{ kind: "smartlink", id: smartlinkId }]);
    await expectNotified(() => db().insert(poolEntries).values({ smartlinkId, campaignId }), [{ kind: "smartlink", id: smartlinkId }]);
    await expectNotified(() => db().insert(smartlinkPublishers).values({ smartlinkId, publisherId, code, status: "approved" }), [
      { kind: "access", id: smartlinkId, code },
    ]);
  });

  test("a publisher's status change notifies; a change of its name does not", async () => {
    await expectNotified(
      async () => {
        await db().update(publishers).set({ name: "Renamed" }).where(eq(publishers.id, publisherId));
        await db().update(publishers).set({ status: "suspended" }).where(eq(publishers.id, publisherId));
      },
      [{ kind: "publisher", id: publisherId }],
    );
    await expectNotified(() => db().update(publishers).set({ status: "active" }).where(eq(publishers.id, publisherId)), [
      { kind: "publisher", id: publisherId },
    ]);
  });

  test("access, campaign and smartlink updates notify with their ids", async () => {
    await expectNotified(
      () => db().update(smartlinkPublishers).set({ status: "declined" }).where(eq(smartlinkPublishers.code, code)),
      [{ kind: "access", id: smartlinkId, code }],
    );
    await expectNotified(() => db().update(campaigns).set({ status: "paused" }).where(eq(campaigns.id, campaignId)), [
      { kind: "campaign", id: campaignId },
    ]);
    await expectNotified(() => db().update(smartlinks).set({ status: "paused" }).where(eq(smartlinks.id, smartlinkId)), [
      { kind: "smartlink", id: smartlinkId },
    ]);
  });

  test("deleting a publisher notifies for it and for its access rows", async () => {
    const seen = await notifiedBy(() => db().delete(publishers).where(eq(publishers.id, publisherId)));
    expect(seen).toHaveLength(2);
    expect(seen).toContainEqual({ kind: "publisher", id: publisherId });
    expect(seen).toContainEqual({ kind: "access", id: smartlinkId, code });
  });
});
