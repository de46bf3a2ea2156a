// The Findings tab: the incident-like app raises at least one finding,
// the finding opens to its sample events, and the evidence pack downloads
// as JSON and CSV.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { saveScreenshot } from "../support/page-visit.mjs";

const LOAD_TIMEOUT_MS = 90_000;
const INCIDENT_APP = "Parley Sales Assistant";

function findingsPanel(page) {
  return page.locator("c-findings-panel");
}

/** Opens the Findings tab and waits for its summary line. */
async function openFindingsTab(page) {
  await page.getByRole("tab", { name: "Findings" }).click();
  const summary = findingsPanel(page).locator('[data-id="findings-summary"]');
  await summary.waitFor({ timeout: LOAD_TIMEOUT_MS });
  return summary;
}

function incidentFindings(page) {
  return findingsPanel(page)
    .locator('[data-id="findings-table"] tr[data-severity]')
    .filter({ hasText: INCIDENT_APP });
}

export default function declareFindingsFlow(preview) {
  describe("findings tab", () => {
    it("shows findings of the incident app", async (t) => {
      await preview.visit("/", "findings-list", async (page) => {
        const started = performance.now();
        await openFindingsTab(page);
        // Reported, not asserted: includes Playwright's round trips.
        t.diagnostic(
          `findings shown ${Math.round(performance.now() - started)} ms after the tab click`
        );
        const incident = incidentFindings(page);
        assert.ok((await incident.count()) >= 1);
        assert.equal(
          await incident.first().getAttribute("data-severity"),
          "High"
        );
        const rules = await incident
          .locator('[data-id="rule-id"]')
          .allInnerTexts();
        t.diagnostic(`incident app findings: ${rules.join(", ")}`);
        // Every kind of rule fires on the demo org's events.
        const allRules = await findingsPanel(page)
          .locator('[data-id="rule-id"]')
          .allInnerTexts();
        for (const ruleId of [
          "BULK-QUERY-JOB-DELETED",
          "EXPORT-VOLUME-APP",
          "FIRST-SEEN-APP",
          "IP-185.220.101.33",
          "QUERY-COUNT-RECON",
          "REFRESH-NEW-COUNTRY",
          "SECRET-AKIA",
          "UA-SALESFORCE-MULTI-ORG-FETCHER-1.0"
        ]) {
          assert.ok(allRules.includes(ruleId), `${ruleId} in ${allRules}`);
        }
        await saveScreenshot(page, "findings-list");
      });
    });

    it("expands a finding and exports the pack", async () => {
      await preview.visit("/", "findings-export", async (page) => {
        await openFindingsTab(page);
        const incident = incidentFindings(page).first();
        await incident.getByRole("button").click();
        const events = findingsPanel(page).locator('[data-id="events"]');
        await events.waitFor();
        assert.match(await events.innerText(), new RegExp(INCIDENT_APP));
        assert.ok(
          (await events.locator("tr:not(.slds-line-height_reset)").count()) >= 1
        );

        // The button starts two downloads: the JSON and then the CSV.
        const bothDownloads = new Promise((resolve) => {
          const downloads = [];
          page.on("download", (download) => {
            downloads.push(download);
            if (downloads.length === 2) {
              resolve(downloads);
            }
          });
        });
        const firstDownload = page.waitForEvent("download");
        await findingsPanel(page)
          .getByRole("button", { name: "Export evidence pack" })
          .click();
        await firstDownload;
        const downloads = await bothDownloads;
        const names = downloads.map((download) => download.suggestedFilename());
        assert.ok(
          names.some((name) => name.endsWith(".json")),
          names.join()
        );
        assert.ok(
          names.some((name) => name.endsWith(".csv")),
          names.join()
        );
      });
    });
  });
}
