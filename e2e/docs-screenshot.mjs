#!/usr/bin/env node
// Saves the screenshots in docs/screenshots/ from the preview:
// - overview.png: the top of the console as the viewer persona sees it,
//   with the system permissions it lacks;
// - inventory.png: the Apps tab with its table of apps and risk levels;
// - app-detail.png: one app's detail with its risk factors and token age
//   chart.
// Run it after a visible change: node e2e/docs-screenshot.mjs
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./support/browser.mjs";
import { waitForCanvasDrawing } from "./support/canvas.mjs";
import { startPreviewServer } from "./support/preview-server.mjs";

const OUTPUT_DIR = fileURLToPath(
  new URL("../docs/screenshots/", import.meta.url)
);
const LOAD_TIMEOUT_MS = 90_000;
const DETAIL_APP = "Parley Sales Assistant";

async function waitForAppsTable(page) {
  await page
    .locator('[data-id="apps"] [data-label="App"]')
    .first()
    .waitFor({ timeout: LOAD_TIMEOUT_MS });
}

const SCREENSHOTS = [
  {
    file: "overview.png",
    path: "/?viewer=1",
    viewport: { width: 1024, height: 440 },
    async prepare(page) {
      await page.locator('li[data-state="missing"]').first().waitFor();
    }
  },
  {
    file: "inventory.png",
    path: "/",
    viewport: { width: 1280, height: 720 },
    prepare: waitForAppsTable
  },
  {
    file: "app-detail.png",
    path: "/",
    viewport: { width: 1280, height: 640 },
    async prepare(page) {
      await waitForAppsTable(page);
      await page.getByRole("button", { name: DETAIL_APP, exact: true }).click();
      const canvas = page.locator('canvas[data-id="age-chart"]');
      if (!(await waitForCanvasDrawing(page, canvas))) {
        throw new Error(`The token age chart of ${DETAIL_APP} was not drawn.`);
      }
      await page
        .locator('[data-id="heading"]')
        .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      // The click left the pointer over the token table: move it away, so
      // that no row shows its hover colour.
      await page.mouse.move(0, 0);
    }
  }
];

const server = await startPreviewServer();
const browser = await launchBrowser();
try {
  for (const { file, path, viewport, prepare } of SCREENSHOTS) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(new URL(path, server.url).href);
    await prepare(page);
    const output = `${OUTPUT_DIR}${file}`;
    await page.screenshot({ path: output });
    await page.close();
    const kilobytes = Math.round(statSync(output).size / 1024);
    console.log(`Saved ${output} (${kilobytes} KB)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
