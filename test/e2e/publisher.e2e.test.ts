/**
 * The publisher's journey in a real browser (playwright-core + Debian chromium), by visible
 * labels: sign up (waiting for activation), browse, apply to an Ask smartlink, get approved,
 * copy the link, label a click with a sub-ID and find it in My reports; a Public smartlink
 * grants at once; decline and apply again; a second publisher sees none of it.
 * Screenshots go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { users } from "../../src/db/schema";
import { updatePublisher } from "../../src/publishers/publisher-service";
import { setPublisherAutoActivate } from "../../src/settings/network-settings";
import { decideAccess, findAccess } from "../../src/smartlinks/access-service";
import { grantAccess } from "../../src/smartlinks/smartlink-service";
import { browserAvailable, launchBrowser, screenshot, type TestBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

const DESKTOP_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

describe.skipIf(!browserAvailable())("publisher portal in a browser", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let askId: number;
  let privateId: number;
  let publisherId: number;
  let link: string;
  const db = () => server.deps.database.db;

  beforeAll(async () => {
    server = await startTestServer("pglite");
    const campaign = async (name: string) =>
      (
        await server.api("POST", "/api/v1/campaigns", {
          name: `Offer ${name}`,
          destination_url: `${server.url}/demo/offers/${name}?click={click_id}&source={pub_sub}`,
          payout: "2.00",
        })
      ).body.id as number;
    const [a, b] = [await campaign("A"), await campaign("B")];
    const smartlink = async (name: string, visibility: string, campaignId: number) =>
      (await server.api("POST", "/api/v1/smartlinks", { name, visibility, pool: [{ campaign_id: campaignId }] })).body
        .id as number;
    askId = await smartlink("Ask Deals", "ask", a);
    await smartlink("Open Deals", "public", b);
    privateId = await smartlink("Private Deals", "private", a);
    await setPublisherAutoActivate(db(), false);
    browser = await launchBrowser();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const signUp = async (name: string, email: string) => {
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Create a publisher account" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
  };
  /** Submit the sign-up form, then sign in on the sign-in page it leads to. */
  const createAccountAndSignIn = async (email: string) => {
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("If this e-mail address was not registered yet").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  const openSmartlink = async (name: string) => {
    await page.getByRole("link", { name: "Offers → Smartlinks" }).click();
    await page.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
  };

  test("sign up, wait for activation, browse", async () => {
    await signUp("Newsletter Media", "news@example.com");
    await screenshot(page, "publisher-signup");
    await createAccountAndSignIn("news@example.com");
    await page.getByText("Your account awaits activation by your network admin").waitFor();

    const [user] = await db().select().from(users).where(eq(users.email, "news@example.com"));
    publisherId = user!.publisherId!;
    await updatePublisher(db(), publisherId, { status: "active" });
    await grantAccess(db(), privateId, publisherId);
    await page.reload();
    expect(await page.getByText("awaits activation").count()).toBe(0);

    await page.getByRole("link", { name: "Offers → Smartlinks" }).click();
    for (const name of ["Ask Deals", "Open Deals", "Private Deals"]) await page.getByRole("link", { name }).waitFor();
    expect(await page.locator("article", { hasText: "Ask Deals" }).innerText()).toContain("1 offer · Rotates");
    await screenshot(page, "publisher-marketplace");
  });

  test("apply to an Ask smartlink, wait for review, get the link once approved", async () => {
    await openSmartlink("Ask Deals");
    await page.getByRole("cell", { name: "Offer A" }).waitFor();
    await screenshot(page, "publisher-smartlink-detail");
    await page.getByRole("button", { name: "Apply for this smartlink" }).click();
    await page.getByText("Your application is awaiting your network admin's review").waitFor();

    await decideAccess(db(), askId, publisherId, "approved");
    await page.reload();
    const field = page.getByLabel("Your tracking link");
    link = await field.inputValue();
    expect(link).toBe(`${server.url}/s/${(await findAccess(db(), askId, publisherId))!.code}`);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    await page.getByLabel("pub_sub", { exact: true }).fill("news");
    await page.waitForFunction(
      (expected) => (document.querySelector("#tracking-link") as HTMLInputElement).value === expected,
      `${link}?pub_sub=news`,
    );
    await page.getByRole("button", { name: "Test your link" }).click();
    await page.getByText("Recorded as a test click").waitFor();
    expect(await page.locator("#test-result").innerText()).toContain("Offer: Offer A");
    await screenshot(page, "publisher-tracking-link");
  });

  test("a click with a sub-ID lands on the offer and shows in My reports under it", async () => {
    const visitor = await browser.newPage();
    await visitor.setExtraHTTPHeaders({ "user-agent": DESKTOP_UA });
    await visitor.goto(`${link}?pub_sub=news`);
    await visitor.getByRole("heading", { name: "Demo offer A" }).waitFor();
    expect(await visitor.locator('[data-param="source"]').innerText()).toBe("news");
    await visitor.close();
    await server.deps.clicks.flush();

    await page.getByRole("link", { name: "My reports" }).click();
    const bySubId = page.locator("section", { has: page.getByRole("heading", { name: "By sub-ID" }) });
    // pub_sub, sub1, clicks, bot clicks: the test click with the same sub-ID is not counted.
    expect(await bySubId.getByRole("row", { name: /news/ }).innerText()).toBe("news\t—\t1\t0");
    await screenshot(page, "publisher-reports");
  });

  test("a Public smartlink grants the link at once", async () => {
    await openSmartlink("Open Deals");
    await page.getByRole("button", { name: "Apply for this smartlink" }).click();
    expect(await page.getByLabel("Your tracking link").inputValue()).toMatch(new RegExp(`^${server.url}/s/\\w+$`));
  });

  test("declined, then apply again", async () => {
    await decideAccess(db(), askId, publisherId, "declined");
    await openSmartlink("Ask Deals");
    await page.getByText("Your application was declined. You can apply again").waitFor();
    await page.getByRole("button", { name: "Apply again" }).click();
    await page.getByText("Your application is awaiting your network admin's review").waitFor();
  });

  test("a second publisher sees none of the first one's links, smartlinks or clicks", async () => {
    await setPublisherAutoActivate(db(), true);
    await browser.context.clearCookies();
    await signUp("Other Media", "other@example.com");
    await createAccountAndSignIn("other@example.com");
    await page.getByRole("heading", { name: "Welcome, Other Media" }).waitFor();

    await page.getByRole("link", { name: "Offers → Smartlinks" }).click();
    await page.getByRole("link", { name: "Ask Deals" }).waitFor();
    expect(await page.getByRole("link", { name: "Private Deals" }).count()).toBe(0);
    const hidden = await page.goto(`${server.url}/publisher/smartlinks/${privateId}`);
    expect(hidden!.status()).toBe(404);
    await openSmartlink("Ask Deals");
    await page.getByRole("button", { name: "Apply for this smartlink" }).waitFor();
    expect(await page.content()).not.toContain(link);
    await page.getByRole("link", { name: "My reports" }).click();
    await page.getByText("0 clicks, 0 from bots.").waitFor();
  });
});
