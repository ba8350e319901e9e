/**
 * The demo network seeded on the first start of an empty database when SEED_DEMO is on (by
 * default only for the embedded database outside production): an admin, two publishers (Alice
 * Media with a portal sign-in), four campaigns whose destinations are the app's own demo
 * landing pages, and one smartlink with a geo/device pool, an approved publisher link and a
 * pending application (with its admin notification). Its passwords and API key are random.
 *
 * Pool of "Demo Smartlink" (lower priority number first):
 *   priority 1: Offer A (US, mobile), Offer B (GB, SE; desktop)
 *   priority 2: Offer C (weight 70), Offer D (weight 30), any country and device
 */
import { count } from "drizzle-orm";
import type { Db } from "../db/client";
import { campaigns, poolEntries, publishers, smartlinkPublishers, smartlinks, users } from "../db/schema";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { createApiKey } from "../auth/api-keys";
import { hashPassword } from "../auth/sign-in";
import { newLinkCode } from "../links/link-code";
import { notifyAdmins } from "../notifications/notification-service";

/**
 * The demo sign-ins, generated at random by each seeding and returned only to the caller
 * (`main.ts` prints them once; they are never written anywhere in clear).
 */
export interface DemoCredentials {
  adminEmail: string;
  adminPassword: string;
  /** Sign-in of the demo publisher Alice Media. */
  publisherEmail: string;
  publisherPassword: string;
  /** A live admin API key (stored hashed). */
  apiKey: string;
  /** Path of the demo publisher's tracking link, e.g. `/s/AbC123xy`. */
  trackingPath: string;
}

export const DEMO_ADMIN_EMAIL = "admin@demo.switchboard.local";
export const DEMO_PUBLISHER_EMAIL = "alice@demo.switchboard.local";

/** A random demo password: 16 base32 characters (80 bits) from the CSPRNG. */
function randomPassword(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

const MACROS =
  "click_id={click_id}&publisher_id={publisher_id}&smartlink_id={smartlink_id}&campaign_id={campaign_id}" +
  "&pub_sub={pub_sub}&sub1={sub1}&sub2={sub2}&sub3={sub3}&sub4={sub4}&sub5={sub5}&country={country}&device={device}";

/**
 * Seed the demo network unless the database already has a smartlink or a user. The admin and
 * publisher passwords and the API key are new random values each time.
 * @param publicUrl base URL of the running app (demo offer pages are served by it)
 * @returns the demo credentials when it seeded, null when the database was not empty
 */
export async function seedDemo(db: Db, publicUrl: string): Promise<DemoCredentials | null> {
  const [{ n }] = (await db.select({ n: count() }).from(users)) as [{ n: number }];
  const [{ m }] = (await db.select({ m: count() }).from(smartlinks)) as [{ m: number }];
  if (n > 0 || m > 0) return null;

  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    const [alice, bob] = await tx
      .insert(publishers)
      .values([
        { name: "Alice Media", email: DEMO_PUBLISHER_EMAIL },
        { name: "Bob Traffic", email: "bob@demo.switchboard.local" },
      ])
      .returning();
    const adminPassword = randomPassword();
    const publisherPassword = randomPassword();
    const [adminHash, publisherHash] = await Promise.all([hashPassword(adminPassword), hashPassword(publisherPassword)]);
    await tx.insert(users).values([
      { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin", passwordHash: adminHash },
      { email: DEMO_PUBLISHER_EMAIL, name: "Alice", role: "publisher", publisherId: alice!.id, passwordHash: publisherHash },
    ]);
    const offers = await tx
      .insert(campaigns)
      .values(
        ["A", "B", "C", "D"].map((letter, i) => ({
          name: `Demo Offer ${letter}`,
          destinationUrl: `${publicUrl}/demo/offers/${letter}?${MACROS}`,
          payout: ["2.00", "1.50", "0.80", "0.60"][i]!,
          revenue: ["3.00", "2.25", "1.20", "1.00"][i]!,
        })),
      )
      .returning();
    const [link] = await tx
      .insert(smartlinks)
      .values({
        name: "Demo Smartlink",
        description: "Sends US mobile to Offer A, GB/SE desktop to Offer B, everyone else to C or D.",
        tags: ["demo"],
        visibility: "ask",
        fallbackUrl: `${publicUrl}/demo/offers/fallback`,
      })
      .returning();
    const [a, b, c, d] = offers;
    await tx.insert(poolEntries).values([
      { smartlinkId: link!.id, campaignId: a!.id, weight: 100, priority: 1, countries: ["US"], devices: ["mobile"] },
      { smartlinkId: link!.id, campaignId: b!.id, weight: 100, priority: 1, countries: ["GB", "SE"], devices: ["desktop"] },
      { smartlinkId: link!.id, campaignId: c!.id, weight: 70, priority: 2 },
      { smartlinkId: link!.id, campaignId: d!.id, weight: 30, priority: 2 },
    ]);
    const code = newLinkCode();
    await tx.insert(smartlinkPublishers).values([
      { smartlinkId: link!.id, publisherId: alice!.id, status: "approved", code, decidedAt: new Date() },
      { smartlinkId: link!.id, publisherId: bob!.id, status: "pending", code: newLinkCode() },
    ]);
    await notifyAdmins(txDb, {
      kind: "application",
      message: `${bob!.name} applied for the smartlink ${link!.name}.`,
      link: "/admin/approvals",
    });
    const { key } = await createApiKey(txDb, "Demo key");
    return {
      adminEmail: DEMO_ADMIN_EMAIL,
      adminPassword,
      publisherEmail: DEMO_PUBLISHER_EMAIL,
      publisherPassword,
      apiKey: key,
      trackingPath: `/s/${code}`,
    };
  });
}
