/**
 * A real browser for end-to-end tests: playwright-core driving Debian's chromium
 * (`/usr/bin/chromium`, or CHROMIUM_PATH), headless, with a fresh profile folder.
 * Screenshots go to `test-artifacts/screenshots/` (kept by CI as artifacts). A page's
 * Content-Security-Policy violations fail the running test.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const SCREENSHOT_DIR = resolve(import.meta.dir, "../../test-artifacts/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** True when the chromium binary exists (browser suites are skipped, loudly, without it). */
export function browserAvailable(): boolean {
  if (Bun.file(CHROMIUM).size > 0) return true;
  if (process.env.CI) throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it with apt-get`);
  console.warn(`chromium not found at ${CHROMIUM}: skipping browser suites (apt-get install chromium)`);
  return false;
}

/** Launch headless chromium with its own profile folder. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "switchboard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      // A Content-Security-Policy violation (an inline script or style, eval in hx-on) reaches
      // the preload's console.error guard and fails the test.
      page.on("console", (message) => {
        if (message.type() === "error" && message.text().includes("Content Security Policy")) {
          console.error(`CSP violation on ${page.url()}: ${message.text()}`);
        }
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Save a full-page screenshot as `test-artifacts/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
