#!/usr/bin/env node
// Saves docs/screenshots/overview.png for the README: the Overview tab
// as the viewer persona sees it, which names the missing permissions.
// Run it after a visible change: node e2e/docs-screenshot.mjs
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./support/browser.mjs";
import { startPreviewServer } from "./support/preview-server.mjs";

const OUTPUT = fileURLToPath(
  new URL("../docs/screenshots/overview.png", import.meta.url)
);

const server = await startPreviewServer();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1024, height: 440 });
  await page.goto(new URL("/?viewer=1", server.url).href);
  await page.locator('li[data-state="missing"]').first().waitFor();
  await page.screenshot({ path: OUTPUT, fullPage: true });
  console.log(`Saved ${OUTPUT}`);
} finally {
  await browser.close();
  await server.stop();
}
