// The Activity tab: the activity sources with their state, and per-app
// activity from the daily capture with the incident-like app on top. Then
// its daily timeline, the file the capture could not read, and an import
// of an event log CSV that the test writes to a temporary folder.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { saveScreenshot } from "../support/page-visit.mjs";

const LOAD_TIMEOUT_MS = 90_000;
const INCIDENT_APP = "Parley Sales Assistant";
const IMPORTED_APP = "Imported Test App";

const IMPORT_CSV = [
  '"EVENT_TYPE","TIMESTAMP_DERIVED","USER_ID_DERIVED","CONNECTED_APP_NAME","CLIENT_IP","USER_AGENT","ROWS_PROCESSED","RESPONSE_SIZE"',
  `"ApiTotalUsage","2025-06-01T10:00:00.000Z","005000000000001AAA","${IMPORTED_APP}","198.51.100.20","curl/8.5.0","10","2048"`,
  `"ApiTotalUsage","2025-06-01T10:01:00.000Z","005000000000001AAA","${IMPORTED_APP}","198.51.100.20","curl/8.5.0","20","4096"`,
  `"ApiTotalUsage","not a time","005000000000001AAA","${IMPORTED_APP}","198.51.100.20","curl/8.5.0","1","1"`
].join("\r\n");

function activityPanel(page) {
  return page.locator("c-activity-panel");
}

/** Opens the Activity tab and waits for its per-app table. */
async function openActivityTab(page) {
  await page.getByRole("tab", { name: "Activity" }).click();
  const table = activityPanel(page).locator('[data-id="activity-apps"]');
  await table.locator("tbody tr").first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  return table;
}

export default function declareActivityFlow(preview) {
  describe("activity tab", () => {
    it("shows sources and per-app activity", async (t) => {
      await preview.visit("/", "activity-admin", async (page) => {
        const started = performance.now();
        const table = await openActivityTab(page);
        // Reported, not asserted: includes Playwright's round trips.
        t.diagnostic(
          `per-app table shown ${Math.round(performance.now() - started)} ms after the tab click`
        );
        const sources = activityPanel(page).locator('[data-id="sources"]');
        const eventLogRow = sources.locator('[data-source="EventLogFile"]');
        assert.match(await eventLogRow.innerText(), /Available/);
        const firstApp = table.locator("tbody tr").first().locator("th");
        assert.equal((await firstApp.innerText()).trim(), INCIDENT_APP);
        const unattributed = table.locator('[data-app="unattributed"]');
        assert.equal(await unattributed.count(), 1);
        const unread = activityPanel(page).locator('[data-id="unread-files"]');
        assert.match(await unread.innerText(), /Too large for Apex/);
        await saveScreenshot(page, "activity-apps");
      });
    });

    it("opens the incident app's timeline", async () => {
      await preview.visit("/", "activity-timeline", async (page) => {
        await openActivityTab(page);
        await activityPanel(page)
          .locator('[data-id="activity-apps"]')
          .getByRole("button", { name: INCIDENT_APP, exact: true })
          .click();
        const timeline = activityPanel(page).locator('[data-id="timeline"]');
        await timeline.waitFor();
        assert.match(
          await timeline.innerText(),
          new RegExp(`Daily activity of ${INCIDENT_APP}`)
        );
        assert.equal(await timeline.locator("tbody tr").count(), 3);
      });
    });

    it("lists real-time activity and the events behind a day", async (t) => {
      await preview.visit("/", "activity-events", async (page) => {
        await openActivityTab(page);
        const recent = activityPanel(page).locator('[data-id="recent-apps"]');
        await recent.waitFor({ timeout: LOAD_TIMEOUT_MS });
        for (const source of [
          "ApiEvent",
          "ReportEvent",
          "BulkApiResultEventStore",
          "LoginHistory"
        ]) {
          assert.ok(
            (await recent.locator(`tr[data-source="${source}"]`).count()) > 0,
            `${source} rows in the real-time table`
          );
        }
        await activityPanel(page)
          .locator('[data-id="activity-apps"]')
          .getByRole("button", { name: INCIDENT_APP, exact: true })
          .click();
        const timeline = activityPanel(page).locator('[data-id="timeline"]');
        const newestDay = timeline.locator("tbody tr").last();
        const day = await newestDay.getAttribute("data-day");
        await newestDay
          .getByRole("button", { name: /Show the events/ })
          .click();
        const events = activityPanel(page).locator('[data-id="app-events"]');
        await events.getByText(`Events of ${INCIDENT_APP} on ${day}`).waitFor();
        const rows = events.locator("tbody tr");
        assert.ok((await rows.count()) > 0);
        const times = await rows.locator("td:first-child").allInnerTexts();
        assert.ok(
          times.every((time) => time.startsWith(day)),
          times.join()
        );
        t.diagnostic(
          await events.locator('[data-id="app-events-text"]').innerText()
        );
        await events.scrollIntoViewIfNeeded();
        await saveScreenshot(page, "activity-events");
      });
    });

    it("imports an event log CSV from disk", async () => {
      const folder = mkdtempSync(join(tmpdir(), "oauth-guard-activity-"));
      const file = join(folder, "api-total-usage.csv");
      writeFileSync(file, IMPORT_CSV);
      try {
        await preview.visit("/", "activity-import", async (page) => {
          await openActivityTab(page);
          await activityPanel(page)
            .locator('input[type="file"]')
            .setInputFiles(file);
          const apps = activityPanel(page).locator('[data-id="import-apps"]');
          await apps.waitFor();
          const row = apps.locator("tbody tr").first();
          const cells = await row.locator("th, td").allInnerTexts();
          assert.equal(cells[0].trim(), IMPORTED_APP);
          assert.equal(cells[1].trim(), "2");
          assert.equal(cells[2].trim(), "30");
          const problems = activityPanel(page).locator(
            '[data-id="import-problems"]'
          );
          assert.match(await problems.innerText(), /api-total-usage\.csv:4:/);
          await apps.scrollIntoViewIfNeeded();
          await saveScreenshot(page, "activity-import");
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it("names the viewer's missing permission", async () => {
      await preview.visit("/?viewer=1", "activity-viewer", async (page) => {
        await openActivityTab(page);
        const apiEvent = activityPanel(page).locator(
          '[data-source="ApiEvent"]'
        );
        assert.match(
          await apiEvent.innerText(),
          /ViewRealTimeEventMonitoringData/
        );
      });
    });
  });
}
