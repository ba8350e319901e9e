/**
 * The smartlink life cycle in a real browser, by the words on the pages: an admin signs in,
 * builds a smartlink with two offers (adding and removing rows in place, fixing a validation
 * error), sees its card, approves an application, follows the publisher's link to the offer,
 * edits, pauses (the link falls back), reads notifications and deletes the smartlink.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserAvailable, launchBrowser, screenshot, type TestBrowser } from "../helpers/browser";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server";
import { createCampaign } from "../../src/campaigns/campaign-service";
import { createPublisher } from "../../src/publishers/publisher-service";
import { applyForSmartlink } from "../../src/smartlinks/access-service";

const ADMIN = { email: "admin@example.com", password: "admin password 1" };
const HUMAN_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

describe.skipIf(!browserAvailable())("admin smartlinks in a browser", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
    // Campaign forms are tested with the campaign pages; here the offers only need to exist.
    for (const letter of ["A", "B"]) {
      await createCampaign(server.deps.database.db, {
        name: `Offer ${letter}`,
        destinationUrl: `${server.url}/demo/offers/${letter}?click_id={click_id}`,
      });
    }
    browser = await launchBrowser();
    page = await browser.newPage();
    // Headless chromium says "HeadlessChrome", which counts as a bot: its clicks would not count.
    await page.setExtraHTTPHeaders({ "user-agent": HUMAN_UA });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const offerSelects = () => page.getByLabel("Offer", { exact: true });
  const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? "").trim();
  /** Open `link` as a visitor would; answers the page's path once it is `expected`. */
  const follow = (link: string, expected: string) =>
    eventually(async () => {
      await page.goto(link);
      const path = new URL(page.url()).pathname;
      return path === expected ? path : undefined;
    });

  test("sign in, build, approve, follow, edit, pause, delete", async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/admin`);

    // Build: basics, two offers (a third is added and removed in place), a typo in Countries.
    await page.goto(`${server.url}/admin/smartlinks`);
    await page.getByRole("link", { name: "New smartlink" }).click();
    await page.waitForURL(`${server.url}/admin/smartlinks/new`);
    await page.getByLabel("Name", { exact: true }).fill("Summer app deals");
    await page.getByLabel("Description").fill("Apps for the summer");
    await page.getByLabel("Tags").fill("summer, apps");
    await page.getByLabel("Ask", { exact: true }).check();
    await page.getByLabel("Fallback URL").fill(`${server.url}/demo/offers/fallback`);
    await offerSelects().nth(0).selectOption({ label: "Offer A" });
    await page.getByRole("button", { name: "Add offer" }).click();
    await offerSelects().nth(1).waitFor();
    await offerSelects().nth(1).selectOption({ label: "Offer B" });
    await page.getByLabel("Priority").nth(1).fill("2");
    await page.getByLabel("Countries").nth(1).fill("US ZZ");
    await page.getByRole("button", { name: "Add offer" }).click();
    await offerSelects().nth(2).waitFor();
    expect(page.url()).toBe(`${server.url}/admin/smartlinks/new`);
    await page.getByRole("button", { name: "Remove" }).nth(2).click();
    expect(await offerSelects().count()).toBe(2);
    await page.getByLabel("Weighted rotation").check();
    await screenshot(page, "admin-smartlink-builder");
    await page.getByRole("button", { name: "Create smartlink" }).click();

    // The error is next to its field; everything typed is still there.
    await page.locator("#pool-1-countries-error").waitFor();
    expect(await text("#pool-1-countries-error")).toBe('"ZZ" must be an ISO 3166-1 alpha-2 country code');
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Summer app deals");
    expect(await page.getByLabel("Countries").nth(1).inputValue()).toBe("US ZZ");
    expect(await offerSelects().nth(1).inputValue()).not.toBe("");
    await page.getByLabel("Countries").nth(1).fill("");
    await page.getByRole("button", { name: "Create smartlink" }).click();
    await page.waitForURL(/\/admin\/smartlinks\/\d+\?notice=created$/);
    const detailUrl = page.url().replace(/\?.*$/, "");

    // The card on the list.
    await page.getByRole("link", { name: "← Smartlinks" }).click();
    const card = page.locator("article.smartlink-card", { hasText: "Summer app deals" });
    expect((await card.innerText()).replace(/\s+/g, " ")).toContain(
      "Visibility: Ask 2 offers Weighted rotation 0 live · 0 pending",
    );

    // A publisher applies; the admin approves in the queue.
    const db = server.deps.database.db;
    const smartlinkId = Number(detailUrl.split("/").pop());
    const publisher = await createPublisher(db, { name: "Pat Publisher", email: "pat@example.com" });
    await applyForSmartlink(db, smartlinkId, publisher.id);
    await createPublisher(db, { name: "Quinn Publisher", email: "quinn@example.com" }); // for "Add publisher"
    await page.reload();
    expect(await card.innerText()).toContain("0 live · 1 pending");
    await screenshot(page, "admin-smartlinks");
    await page.getByRole("link", { name: "Approvals" }).click();
    const row = page.getByRole("row", { name: /Pat Publisher/ });
    await row.getByText("Summer app deals").waitFor();
    await screenshot(page, "admin-approvals");
    await row.getByRole("button", { name: "Approve" }).click();
    await row.getByText("Approved").waitFor();
    expect(page.url()).toBe(`${server.url}/admin/approvals`);
    const link = ((await row.locator("code").textContent()) ?? "").trim();
    expect(link).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]+$`));

    // The link goes to the priority-1 offer.
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe("/demo/offers/A");
    expect(new URL(page.url()).searchParams.get("click_id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await text("#offer")).toBe("Demo offer A");

    // The detail page: pool, fallback, the publisher with its link and click.
    await eventually(async () => {
      await page.goto(detailUrl);
      const clicks = await page.getByRole("row", { name: /Pat Publisher/ }).locator("td").nth(3).textContent();
      return clicks === "1" ? true : undefined;
    });
    expect(await page.getByRole("row", { name: /Offer A/ }).innerText()).toContain("100%");
    expect(await page.locator("#smartlink-publishers").innerText()).toContain(link);
    expect(await page.getByLabel("Publisher", { exact: true }).inputValue()).not.toBe("");
    await screenshot(page, "admin-smartlink-detail");

    // Edit with the same builder.
    await page.getByRole("link", { name: "Edit" }).click();
    expect(await page.getByLabel("Countries").count()).toBe(2);
    await page.getByLabel("Name", { exact: true }).fill("Summer app deals 2");
    await page.getByRole("button", { name: "Save smartlink" }).click();
    await page.waitForURL(`${detailUrl}?notice=saved`);
    expect(await text("h1")).toBe("Summer app deals 2");

    // Pause in place: the link now falls back; Un-pause brings the offer back.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: "Un-pause" }).waitFor();
    expect(page.url()).toBe(`${detailUrl}?notice=saved`);
    await follow(link, "/demo/offers/fallback");
    await page.goto(detailUrl);
    await page.getByRole("button", { name: "Un-pause" }).click();
    await page.getByRole("button", { name: "Pause" }).waitFor();
    await follow(link, "/demo/offers/A");

    // Notifications: the application is unread; mark it read in place.
    await page.goto(`${server.url}/admin`);
    expect(await text(".bell .badge")).toBe("1");
    await page.locator(".bell").click();
    await page.waitForURL(`${server.url}/admin/notifications`);
    const message = "Pat Publisher applied for the smartlink Summer app deals.";
    const unread = page.locator("li.notification.unread", { hasText: message });
    expect(await unread.count()).toBe(1);
    await screenshot(page, "admin-notifications");
    await unread.getByRole("button", { name: "Mark as read" }).click();
    const read = page.locator("li.notification:not(.unread)", { hasText: message });
    await read.waitFor();
    expect(await read.getByRole("button", { name: "Mark as read" }).count()).toBe(0);
    await page.locator('.bell .badge[data-unread="0"]').waitFor({ state: "attached" });

    // Delete, after a confirmation that says what happens to the publishers' links.
    await page.goto(detailUrl);
    await page.getByRole("link", { name: "Delete" }).click();
    expect(await page.locator("main").innerText()).toContain("The publishers' tracking links stop working");
    await page.getByRole("button", { name: "Delete smartlink" }).click();
    await page.waitForURL(`${server.url}/admin/smartlinks?notice=deleted`);
    expect(await page.locator("article.smartlink-card").count()).toBe(0);
    const gone = await eventually(async () => {
      const res = await page.goto(link);
      return res?.status() === 404 ? res : undefined;
    });
    expect(await gone.text()).toContain("Link not found");
  }, 120_000);
});
