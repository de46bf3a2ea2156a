// Launches Debian's Chromium headless through playwright-core, with a new
// empty profile that is deleted on close.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

/** Returns `{ context, close }`; context is a Playwright BrowserContext. */
export async function launchBrowser() {
  const profileDir = mkdtempSync(join(tmpdir(), "oauth-guard-e2e-"));
  let context;
  try {
    // headless: true adds --headless. Playwright rejects --user-data-dir
    // in args, so the new profile goes through launchPersistentContext.
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 }
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new Error(
      `Could not start Chromium at ${CHROMIUM_PATH} (install it with apt-get install -y chromium): ${error.message}`
    );
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  };
}
