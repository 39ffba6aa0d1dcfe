import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Debian's chromium, driven by playwright-core (the package's own browser downloads cannot reach the internet).
 * `.ci/run` installs it when missing; CHROMIUM_PATH overrides the path.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where failing browser tests leave their screenshots (git-ignored; CI keeps the folder as its artifacts). */
export const ARTIFACTS_DIR = join(process.cwd(), "test", "artifacts");

/** Where the README's screenshots live (written by the browser tests when UPDATE_SCREENSHOTS=1). */
export const SCREENSHOTS_DIR = join(process.cwd(), "docs", "screenshots");

/**
 * Flags that make headless chromium work in this sandbox and keep it off the network: no background
 * networking, component updates, sync or QUIC (the machine's closed network refuses those connections).
 */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface TestBrowser {
  browser: Browser;
  /** A new page (own context: no cookies or storage shared between tests), with console errors collected. */
  page(): Promise<{ page: Page; consoleErrors: string[] }>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!chromiumAvailable()) throw new Error(`chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, timeout: 30_000 });
  return {
    browser,
    async page() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
      page.on("pageerror", (e) => void consoleErrors.push(e.message));
      return { page, consoleErrors };
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Runs `fn` with the page and keeps a full-page screenshot in test/artifacts/<name>.png when it throws (then
 * rethrows): what the browser showed at the moment the test failed.
 */
export async function withScreenshotOnFailure<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** Writes the README screenshot `docs/screenshots/<name>.png` when UPDATE_SCREENSHOTS=1 (a deliberate refresh). */
export async function saveReadmeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== "1") return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
}
