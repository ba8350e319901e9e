/**
 * The admin catalog pages in a real browser, by the words on the pages: sign in, create two
 * campaigns (fixing a validation error first), search, pause and resume in place, create and
 * suspend a publisher, add a tracking domain, create an API key (shown once) and revoke it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Locator, Page } from "playwright-core";
import { verifyApiKey } from "../../src/auth/api-keys";
import { browserAvailable, launchBrowser, screenshot, type TestBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

const ADMIN = { email: "admin@example.com", password: "admin password 1" };
/** Per step: page loads and a browser on a busy CI machine. */
const TIMEOUT = 30_000;

describe.skipIf(!browserAvailable())("admin catalog in a browser", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer("pglite", { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("dialog", (dialog) => dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const open = (path: string) => page.goto(`${server.url}${path}`);
  const row = (text: string) => page.locator("tbody tr", { hasText: text });
  /** The error shown in the same form field as the control labelled `label`. */
  const errorOf = (label: string): Locator =>
    page.locator(".form-field", { has: page.getByLabel(label, { exact: true }) }).locator(".field-error");
  /** Marks the current document; `samePage()` is true while no navigation replaced it. */
  const markPage = () => page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  const samePage = () => page.evaluate(() => (window as unknown as { marker?: number }).marker === 1);

  async function fillCampaign(name: string, url: string) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Destination URL").fill(url);
    await page.getByLabel("Payout").fill("1.50");
    await page.getByLabel("Revenue").fill("2.00");
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
  }

  test("sign in and see the dashboard", async () => {
    await open("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    expect(await page.getByRole("link", { name: "Review approvals" }).getAttribute("href")).toBe("/admin/approvals");
    await screenshot(page, "admin-dashboard");
  }, TIMEOUT);

  test("create two campaigns; a validation error shows next to its field and keeps the values", async () => {
    await open("/admin/campaigns");
    await page.getByRole("link", { name: "New campaign" }).click();
    await page.waitForURL(`${server.url}/admin/campaigns/new`);
    expect(await page.getByText("{click_id}", { exact: true }).count()).toBe(1);
    await fillCampaign("Summer sale", "ftp://adv.example/summer");
    await page.getByRole("button", { name: "Create campaign" }).click();

    expect(await errorOf("Destination URL").textContent()).toBe("must be an absolute http or https URL");
    expect(await page.getByLabel("Destination URL").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Destination URL").inputValue()).toBe("ftp://adv.example/summer");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Summer sale");
    expect(await page.getByLabel("Payout").inputValue()).toBe("1.50");
    expect(await errorOf("Name").count()).toBe(0);
    await screenshot(page, "admin-campaign-form-error");

    await page.getByLabel("Destination URL").fill("https://adv.example/summer?click={click_id}");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL(`${server.url}/admin/campaigns?notice=created`);
    await page.getByText("Campaign created.").waitFor();

    await page.getByRole("link", { name: "New campaign" }).click();
    await fillCampaign("Winter promo", "https://adv.example/winter");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL(`${server.url}/admin/campaigns?notice=created`);
    expect(await row("Summer sale").count()).toBe(1);
    expect(await row("Winter promo").count()).toBe(1);
  }, TIMEOUT);

  test("search filters the list in place", async () => {
    await markPage();
    await page.getByLabel("Search").fill("wint");
    await row("Summer sale").waitFor({ state: "detached" });
    expect(await row("Winter promo").count()).toBe(1);
    await page.getByLabel("Search").fill("");
    await row("Summer sale").waitFor();
    expect(await samePage()).toBe(true);
  }, TIMEOUT);

  test("pause and resume in place; the status filter follows", async () => {
    await markPage();
    await row("Summer sale").getByRole("button", { name: "Pause" }).click();
    await row("Summer sale").getByRole("button", { name: "Resume" }).waitFor();
    expect(await row("Summer sale").locator(".status").textContent()).toBe("Paused");

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Paused" });
    await row("Winter promo").waitFor({ state: "detached" });
    expect(await row("Summer sale").count()).toBe(1);
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "All" });
    await row("Winter promo").waitFor();

    await row("Summer sale").getByRole("button", { name: "Resume" }).click();
    await row("Summer sale").getByRole("button", { name: "Pause" }).waitFor();
    expect(await row("Summer sale").locator(".status").textContent()).toBe("Active");
    expect(await samePage()).toBe(true);
    await screenshot(page, "admin-campaigns");
  }, TIMEOUT);

  test("create a publisher and suspend it in place", async () => {
    await open("/admin/publishers");
    await page.getByLabel("Name", { exact: true }).fill("Acme Media");
    await page.getByLabel("Email").fill("team@acme.example");
    await page.getByRole("button", { name: "Create publisher" }).click();
    await page.getByText("Publisher created.").waitFor();
    await markPage();
    await row("Acme Media").getByRole("button", { name: "Suspend" }).click();
    await row("Acme Media").getByRole("button", { name: "Activate" }).waitFor();
    expect(await row("Acme Media").locator(".status").textContent()).toBe("Suspended");
    expect(await samePage()).toBe(true);
    await screenshot(page, "admin-publishers");
  }, TIMEOUT);

  test("add a tracking domain", async () => {
    await open("/admin/tracking-domains");
    await page.getByLabel("Host").fill("Track.Example.com");
    await page.getByRole("button", { name: "Add domain" }).click();
    await page.getByText("Tracking domain added.").waitFor();
    expect(await row("track.example.com").count()).toBe(1);
    await screenshot(page, "admin-tracking-domains");
  }, TIMEOUT);

  test("create an API key, shown once, and revoke it", async () => {
    await open("/admin/api-keys");
    await page.getByLabel("Name", { exact: true }).fill("Reporting");
    await page.getByRole("button", { name: "Create API key" }).click();
    const key = ((await page.locator("#new-api-key").textContent()) ?? "").trim();
    expect(key).toMatch(/^sb_[0-9a-f]{32}$/);
    await page.getByText("It is shown only once").waitFor();
    expect(await verifyApiKey(server.deps.database.db, key)).toBe(true);
    await screenshot(page, "admin-api-keys");

    await open("/admin/api-keys");
    expect(await page.content()).not.toContain(key);
    await markPage();
    await row("Reporting").getByRole("button", { name: "Revoke" }).click();
    await row("Reporting").getByRole("button", { name: "Revoke" }).waitFor({ state: "detached" });
    expect(await row("Reporting").getByText("Not revoked").count()).toBe(0);
    expect(await samePage()).toBe(true);
    expect(await verifyApiKey(server.deps.database.db, key)).toBe(false);
  }, TIMEOUT);
});
