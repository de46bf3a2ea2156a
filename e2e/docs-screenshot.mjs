#!/usr/bin/env node
// Saves the screenshots in docs/screenshots/ from the preview:
// - overview.png: the top of the console as the viewer persona sees it,
//   with the system permissions it lacks;
// - inventory.png: the Apps tab with its table of apps and risk levels;
// - app-detail.png: one app's detail with its risk factors and token age
//   chart;
// - activity.png: the Activity tab with the activity sources and the
//   per-app activity, the incident app on top;
// - policies.png: the Policies tab with the transaction security policies
//   and their states;
// - revoke.png: an incident-mode revocation of the incident app, finished,
//   with its failed tokens and the Setup pointer;
// - audit.png: the Audit tab after that revocation, with the verdict on
//   the hash chain and the requests.
// Run it after a visible change: node e2e/docs-screenshot.mjs [FILE...]
// Naming files, for example policies.png, saves only those.
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

/** Revokes every token of the detail app in incident mode, to the end. */
async function revokeDetailApp(page) {
  await waitForAppsTable(page);
  await page.getByRole("button", { name: DETAIL_APP, exact: true }).click();
  await page.locator('[data-id="revoke-app"]').click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('[data-id="submit"]:not([disabled])').waitFor();
  await dialog
    .getByLabel("Reason")
    .fill("INC-4711: vendor reported stolen tokens");
  await dialog.getByLabel(/Type the app's name/).fill(DETAIL_APP);
  await dialog.locator('[data-id="submit"]').click();
  await page
    .locator("c-revocation-progress")
    .getByText(/^Completed/)
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
  },
  {
    file: "activity.png",
    path: "/",
    viewport: { width: 1280, height: 900 },
    async prepare(page) {
      await page.getByRole("tab", { name: "Activity" }).click();
      await page
        .locator('[data-id="activity-apps"] tbody tr')
        .first()
        .waitFor({ timeout: LOAD_TIMEOUT_MS });
      await page
        .locator("c-activity-panel")
        .evaluate((panel) => panel.scrollIntoView({ block: "start" }));
      await page.mouse.move(0, 0);
    }
  },
  {
    file: "policies.png",
    path: "/",
    viewport: { width: 1280, height: 760 },
    async prepare(page) {
      await page.getByRole("tab", { name: "Policies" }).click();
      await page
        .locator('[data-id="policies"] tbody tr')
        .first()
        .waitFor({ timeout: LOAD_TIMEOUT_MS });
      await page.mouse.move(0, 0);
    }
  },
  {
    file: "revoke.png",
    path: "/",
    viewport: { width: 1280, height: 720 },
    async prepare(page) {
      await revokeDetailApp(page);
      const progress = page.locator("c-revocation-progress");
      await progress.getByLabel("Show").selectOption("Failed");
      await progress
        .locator('[data-id="heading"]')
        .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      await page.mouse.move(0, 0);
    }
  },
  {
    file: "audit.png",
    path: "/",
    viewport: { width: 1280, height: 720 },
    async prepare(page) {
      await revokeDetailApp(page);
      await page.getByRole("tab", { name: "Audit" }).click();
      const verdict = page.locator('[data-id="verdict"]');
      await verdict.waitFor({ timeout: LOAD_TIMEOUT_MS });
      await page
        .getByRole("heading", { name: "Audit trail" })
        .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      await page.mouse.move(0, 0);
    }
  }
];

const requestedFiles = process.argv.slice(2);
const knownFiles = SCREENSHOTS.map((screenshot) => screenshot.file);
const unknownFiles = requestedFiles.filter(
  (file) => !knownFiles.includes(file)
);
if (unknownFiles.length > 0) {
  console.error(
    `Unknown screenshot ${unknownFiles.join(", ")}: choose from ${knownFiles.join(", ")}.`
  );
  process.exit(1);
}
const selected = SCREENSHOTS.filter(
  (screenshot) =>
    requestedFiles.length === 0 || requestedFiles.includes(screenshot.file)
);

const server = await startPreviewServer();
const browser = await launchBrowser();
try {
  for (const { file, path, viewport, prepare } of selected) {
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
