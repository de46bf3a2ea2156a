// The Policies tab: the four shipped transaction security policies with
// their states in the demo org, the Setup link, the allowlist with its
// invalid entry and the shipped indicator rules. The viewer, who lacks
// View All Data, gets the reason the states cannot be read. The first test
// reports (does not assert) how long the tab took to become interactive
// after its click, and the longest main-thread task meanwhile.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  describeLongTasks,
  mainThreadFreeAt,
  readMainThread,
  recordMainThread
} from "../support/main-thread.mjs";
import { saveScreenshot } from "../support/page-visit.mjs";

const LOAD_TIMEOUT_MS = 90_000;
const SETUP_PATH = "/lightning/setup/TransactionSecurityNew/home";
const POLICY_LABELS = [
  "OAuth Guard: API data pulls",
  "OAuth Guard: Bulk API result downloads",
  "OAuth Guard: Large report exports",
  "OAuth Guard: Large list view reads"
];
const ADMIN_STATES = ["Enabled", "Disabled", "Disabled", "Not deployed"];
const DEMO_ALLOWLIST_COUNT = 4;
const CUSTOM_METADATA_DIR = new URL(
  "../../force-app/main/default/customMetadata/",
  import.meta.url
);

/**
 * Reads the shipped indicator rule records and returns how many there are
 * and how many have Use In Policies unchecked.
 */
function shippedRuleCounts() {
  const files = readdirSync(CUSTOM_METADATA_DIR).filter((name) =>
    name.startsWith("OAuth_Guard_Indicator_Rule.")
  );
  const findingsOnly = files.filter((name) => {
    const xml = readFileSync(new URL(name, CUSTOM_METADATA_DIR), "utf8");
    return !/<field>Use_In_Policies__c<\/field>\s*<value[^>]*>true</.test(xml);
  });
  return { total: files.length, findingsOnly: findingsOnly.length };
}

// The tab's content, found by its component's tag. A locator chained
// from getByRole("tabpanel") counted the cells in it, but its
// allInnerTexts() returned none (playwright-core 1.64.1).
function policiesPanel(page) {
  return page.locator("c-policy-list");
}

/** Opens the Policies tab and waits for its policies table. */
async function openPoliciesTab(page) {
  await page.getByRole("tab", { name: "Policies" }).click();
  const table = policiesPanel(page).locator('[data-id="policies"]');
  await table.locator("tbody tr").first().waitFor();
  return table;
}

function columnTexts(table, label) {
  return table.locator(`tbody [data-label="${label}"]`).allInnerTexts();
}

async function policyLabels(table) {
  const cells = await columnTexts(table, "Policy");
  // Each cell shows the label, then the developer name on its own line.
  return cells.map((text) => text.split("\n")[0].trim());
}

export default function declarePoliciesFlow(preview) {
  describe("policies tab", () => {
    it("shows four policies and their states", async (t) => {
      await preview.visit(
        "/",
        "policies-admin",
        async (page) => {
          // Wait for the Apps tab to finish, so that the measurement below
          // covers the Policies tab alone.
          await page
            .locator('[data-id="apps"] [data-label="App"]')
            .first()
            .waitFor({ timeout: LOAD_TIMEOUT_MS });
          // The page records the click's own time stamp, so that the
          // round trip of Playwright's click command is not counted.
          await page.evaluate(() => {
            document.addEventListener(
              "click",
              (event) => {
                window.__policiesClickedAt = event.timeStamp;
              },
              { capture: true, once: true }
            );
          });
          const table = await openPoliciesTab(page);
          const interactiveAt = await mainThreadFreeAt(page);
          const clickedAt = await page.evaluate(
            () => window.__policiesClickedAt
          );
          const mainThread = await readMainThread(page);
          const tasksSinceClick = mainThread.longTasks.filter(
            (task) => task.startTime + task.duration >= clickedAt
          );
          const longest = Math.max(
            0,
            ...tasksSinceClick.map((task) => task.duration)
          );
          t.diagnostic(
            `Policies tab interactive ${Math.round(interactiveAt - clickedAt)} ms after its click`
          );
          t.diagnostic(
            `longest main-thread task since the click ${Math.round(longest)} ms (Chrome reports tasks over 50 ms)`
          );
          for (const line of describeLongTasks({
            longTasks: tasksSinceClick,
            longFrames: mainThread.longFrames
          })) {
            t.diagnostic(`long task ${line}`);
          }

          assert.deepEqual(await policyLabels(table), POLICY_LABELS);
          assert.deepEqual(await columnTexts(table, "State"), ADMIN_STATES);
          assert.deepEqual(await columnTexts(table, "Shipped action"), [
            "Block",
            "Block",
            "Notify (add recipients in Setup)",
            "Notify (add recipients in Setup)"
          ]);
          const panel = policiesPanel(page);
          assert.equal(
            await panel.locator('[data-id="state-problem"]').count(),
            0
          );
          const setupLink = panel.locator('[data-id="setup-link"]');
          assert.equal(await setupLink.getAttribute("href"), SETUP_PATH);
          assert.equal(
            await setupLink.innerText(),
            "Switch policies on in Setup, Transaction Security Policies"
          );
        },
        { beforeNavigation: recordMainThread }
      );
    });

    it("lists the indicator rules and allowlist", async () => {
      await preview.visit("/", "policies-rules", async (page) => {
        await openPoliciesTab(page);
        const panel = policiesPanel(page);

        const allowlist = panel.locator('[data-id="allowlist"]');
        assert.equal(
          await allowlist.locator("tbody tr").count(),
          DEMO_ALLOWLIST_COUNT
        );
        const problems = await panel
          .locator('[data-id="problems"] li')
          .allInnerTexts();
        assert.equal(problems.length, 1);
        assert.match(problems[0], /Allowlist entry Vpn_Pool/);
        await saveScreenshot(page, "policies-allowlist");

        const shipped = shippedRuleCounts();
        const rules = panel.locator('[data-id="rules"]');
        assert.equal(await rules.locator("tbody tr").count(), shipped.total);
        const ruleIds = await columnTexts(rules, "Rule id");
        assert.ok(ruleIds.includes("UA-SALESFORCE-MULTI-ORG-FETCHER-1.0"));
        const inPolicies = await columnTexts(rules, "In policies");
        assert.equal(
          inPolicies.filter((text) => text === "No").length,
          shipped.findingsOnly
        );
        await panel
          .getByRole("heading", { name: "Indicator rules" })
          .evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      });
    });

    it("tells the viewer states are unreadable", async () => {
      await preview.visit("/?viewer=1", "policies-viewer", async (page) => {
        const table = await openPoliciesTab(page);
        const problem = policiesPanel(page).locator(
          '[data-id="state-problem"]'
        );
        await problem.waitFor();
        assert.match(await problem.innerText(), /View All Data/);
        assert.deepEqual(
          await columnTexts(table, "State"),
          Array(POLICY_LABELS.length).fill("Cannot be read")
        );
        assert.deepEqual(await policyLabels(table), POLICY_LABELS);
        // The records the policies read do not need View All Data.
        assert.equal(
          await policiesPanel(page)
            .locator('[data-id="rules"] tbody tr')
            .count(),
          shippedRuleCounts().total
        );
      });
    });
  });
}
