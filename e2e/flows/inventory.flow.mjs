// The Apps tab: the demo org's 60,000 OAuth tokens load slice by slice
// into a table of apps with risk levels, which filters by text and risk
// level and opens an app's detail with its chart and token table. The
// first test reports (does not assert) how long the main thread was
// blocked during the load and when the table became interactive.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { waitForCanvasDrawing } from "../support/canvas.mjs";
import {
  describeLongTasks,
  mainThreadFreeAt,
  readMainThread,
  recordMainThread
} from "../support/main-thread.mjs";
import { saveScreenshot } from "../support/page-visit.mjs";

const DEMO_TOKEN_COUNT = 60_000;
const LOAD_TIMEOUT_MS = 90_000;
const RISK_LEVELS = ["High", "Medium", "Low", "None"];
const INCIDENT_APP = "Parley Sales Assistant";
const MARKUP_APP = '<b>"Quarterly" Export</b>';
/** Chrome reports a task as long from this duration on. */
const LONG_TASK_MS = 50;

/** Waits for the apps table's first row and returns the table. */
async function waitForAppsTable(page) {
  const table = page.locator('[data-id="apps"]');
  await table
    .locator('[data-label="App"]')
    .first()
    .waitFor({ timeout: LOAD_TIMEOUT_MS });
  return table;
}

/** Returns [shown, total] from the "N of M apps" line. */
async function shownAppCounts(page) {
  const text = await page.getByText(/^\d+ of \d+ apps$/).innerText();
  const [, shown, total] = text.match(/^(\d+) of (\d+) apps$/);
  return [Number(shown), Number(total)];
}

async function waitForShownCount(page, pattern) {
  await page.getByText(pattern).waitFor();
}

function columnTexts(table, label) {
  return table.locator(`[data-label="${label}"]`).allInnerTexts();
}

function parseCount(text) {
  return Number(text.replace(/[^\d]/g, ""));
}

async function openApp(page, name) {
  await page.getByRole("button", { name, exact: true }).click();
  await page.locator('[data-id="heading"]').waitFor();
}

export default function declareInventoryFlow(preview) {
  describe("apps inventory", () => {
    it("loads 60,000 tokens into the apps table", async (t) => {
      await preview.visit(
        "/",
        "inventory",
        async (page) => {
          await page
            .getByText(/Read [\d,]+ of 60,000 OAuth tokens/)
            .waitFor({ timeout: LOAD_TIMEOUT_MS });
          await saveScreenshot(page, "inventory-loading");

          const table = await waitForAppsTable(page);
          const interactiveMs = await mainThreadFreeAt(page);
          const mainThread = await readMainThread(page);
          const longest = Math.max(
            0,
            ...mainThread.longTasks.map((task) => task.duration)
          );
          const overGoal = mainThread.longTasks.filter(
            (task) => task.duration > LONG_TASK_MS
          );
          t.diagnostic(
            `apps table interactive ${Math.round(interactiveMs)} ms after navigation`
          );
          t.diagnostic(
            `longest main-thread task ${Math.round(longest)} ms (goal: none over ${LONG_TASK_MS} ms); ${overGoal.length} tasks over ${LONG_TASK_MS} ms`
          );
          for (const line of describeLongTasks(mainThread)) {
            t.diagnostic(`long task ${line}`);
          }

          // The demo org's data must load without a problem to report.
          assert.equal(await page.locator('[data-id="partial"]').count(), 0);
          const [shown, total] = await shownAppCounts(page);
          assert.equal(shown, total);
          assert.ok(
            total >= 35 && total <= 45,
            `expected about 40 apps, got ${total}`
          );
          const tokenCounts = await columnTexts(table, "Tokens");
          const tokenSum = tokenCounts
            .map(parseCount)
            .reduce((sum, count) => sum + count, 0);
          assert.equal(tokenSum, DEMO_TOKEN_COUNT);

          const risks = await columnTexts(table, "Risk");
          assert.equal(risks.length, total);
          for (const risk of risks) {
            assert.ok(RISK_LEVELS.includes(risk), `unexpected risk "${risk}"`);
          }
          assert.deepEqual(
            [...new Set(risks)].sort(),
            [...RISK_LEVELS].sort(),
            "the demo org has apps at every risk level"
          );
        },
        { beforeNavigation: recordMainThread }
      );
    });

    it("filters apps by text and risk level", async () => {
      await preview.visit("/", "inventory-filter-risk", async (page) => {
        const table = await waitForAppsTable(page);
        const [, total] = await shownAppCounts(page);

        await page
          .getByRole("searchbox", { name: "Filter apps" })
          .fill("parley");
        await waitForShownCount(page, `1 of ${total} apps`);
        assert.deepEqual(await columnTexts(table, "App"), [INCIDENT_APP]);
        await saveScreenshot(page, "inventory-filter-text");

        await page.getByRole("searchbox", { name: "Filter apps" }).fill("");
        await waitForShownCount(page, `${total} of ${total} apps`);
        await page.getByRole("combobox", { name: "Risk level" }).click();
        await page.getByRole("option", { name: "Low" }).click();
        await waitForShownCount(page, new RegExp(`^\\d+ of ${total} apps$`));
        const [shown] = await shownAppCounts(page);
        assert.ok(shown > 0, "no low-risk app is shown");
        assert.ok(shown < total, "every app is shown as low risk");
        const risks = await columnTexts(table, "Risk");
        assert.deepEqual(risks, Array(shown).fill("Low"));
      });
    });

    it("opens an app with its chart and tokens", async () => {
      await preview.visit("/", "inventory-token-page-2", async (page) => {
        await waitForAppsTable(page);
        await openApp(page, INCIDENT_APP);

        assert.equal(
          await page.locator('[data-id="heading"]').innerText(),
          INCIDENT_APP
        );
        assert.equal(
          await page.locator('[data-id="risk-level"]').innerText(),
          "Risk: High"
        );
        const factors = await page
          .locator('[data-id="risk-factors"] li')
          .allInnerTexts();
        assert.ok(factors.includes("Refresh tokens never expire."));
        assert.ok(factors.includes("Any user may authorise the app."));
        assert.ok(factors.some((factor) => /held by users with/.test(factor)));

        const range = page.locator('[data-id="range"]');
        const firstRange = await range.innerText();
        const match = firstRange.match(/^Tokens 1–50 of ([\d,]+)$/);
        assert.ok(match, `unexpected token range "${firstRange}"`);
        const appTokensText = match[1];
        const appTokens = parseCount(appTokensText);

        const canvas = page.locator('canvas[data-id="age-chart"]');
        assert.ok(
          await waitForCanvasDrawing(page, canvas),
          "the age chart was not drawn"
        );
        const chartSum = await canvas.evaluate((element) =>
          window.Chart.getChart(element).data.datasets[0].data.reduce(
            (sum, count) => sum + count,
            0
          )
        );
        assert.equal(chartSum, appTokens);
        await saveScreenshot(page, "inventory-app-detail");

        const tokenRows = page.locator('[data-id="tokens"] tbody tr');
        assert.equal(await tokenRows.count(), 50);
        await page.locator('[data-id="next"]').click();
        await page.getByText(`Tokens 51–100 of ${appTokensText}`).waitFor();
        assert.equal(await tokenRows.count(), 50);
      });
    });

    it("shows markup in an app name as text", async () => {
      await preview.visit("/", "inventory-markup-name", async (page) => {
        const table = await waitForAppsTable(page);
        await page
          .getByRole("searchbox", { name: "Filter apps" })
          .fill("Quarterly");
        await waitForShownCount(page, /^1 of \d+ apps$/);
        assert.deepEqual(await columnTexts(table, "App"), [MARKUP_APP]);
        assert.equal(await table.locator("b").count(), 0);

        await openApp(page, MARKUP_APP);
        const heading = page.locator('[data-id="heading"]');
        assert.equal(await heading.innerText(), MARKUP_APP);
        assert.equal(await page.locator("c-app-detail b").count(), 0);
        await page
          .getByText(`Token ages for ${MARKUP_APP}`, { exact: true })
          .first()
          .waitFor();
      });
    });

    it("warns the viewer about own tokens only", async () => {
      await preview.visit("/?viewer=1", "inventory-viewer", async (page) => {
        const warning = page.locator('[data-id="own-tokens-only"]');
        await warning.waitFor({ timeout: LOAD_TIMEOUT_MS });
        assert.match(
          await warning.innerText(),
          /You see only your own OAuth tokens/
        );
        const table = await waitForAppsTable(page);
        const [shown, total] = await shownAppCounts(page);
        assert.equal(shown, total);
        const tokenSum = (await columnTexts(table, "Tokens"))
          .map(parseCount)
          .reduce((sum, count) => sum + count, 0);
        assert.equal(tokenSum, 5);
        assert.ok((await columnTexts(table, "App")).includes(MARKUP_APP));
      });
    });

    it("badges the incident app and lists its findings", async (t) => {
      await preview.visit("/", "inventory-findings", async (page) => {
        const table = await waitForAppsTable(page);
        const incidentRow = table.locator("tr", {
          has: page.getByRole("button", { name: INCIDENT_APP, exact: true })
        });
        const badge = incidentRow.locator('[data-id="findings"]');
        await badge.getByText(/High/).waitFor({ timeout: LOAD_TIMEOUT_MS });
        t.diagnostic(`incident app badge: ${await badge.innerText()}`);
        await openApp(page, INCIDENT_APP);
        const findings = page.locator('[data-id="app-findings"]');
        await findings.locator("tr[data-severity]").first().waitFor();
        assert.equal(
          await findings
            .locator("tr[data-severity]")
            .first()
            .getAttribute("data-severity"),
          "High"
        );
        const rules = await findings
          .locator('[data-id="rule-id"]')
          .allInnerTexts();
        assert.ok(rules.includes("BULK-QUERY-JOB-DELETED"), rules.join());
        assert.ok(rules.includes("QUERY-COUNT-RECON"), rules.join());
        await findings
          .getByRole("button", { name: "Show the events of QUERY-COUNT-RECON" })
          .click();
        const events = findings.locator('[data-id="events"]');
        assert.match(await events.innerText(), /SELECT COUNT\(\) FROM Account/);
        await findings.scrollIntoViewIfNeeded();
        await saveScreenshot(page, "inventory-findings");
      });
    });
  });
}
