// Revoking tokens and the audit trail: the admin revokes every token of
// the incident-like app in incident mode, follows the job to per-token
// outcomes and the Setup pointer, then finds the request in the Audit tab
// with the trail intact. The viewer sees no revoke button, tamper mode
// shows an altered record, and an interrupted request resumes. The first
// test reports (does not assert) how long the dialog and the Audit tab
// took to become interactive and the longest main-thread task.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import {
  describeLongTasks,
  mainThreadFreeAt,
  readMainThread,
  recordMainThread
} from "../support/main-thread.mjs";
import { saveScreenshot } from "../support/page-visit.mjs";

const LOAD_TIMEOUT_MS = 90_000;
/** The demo job settles 3,910 tokens in 8 links of 500 ms. */
const JOB_TIMEOUT_MS = 30_000;
const INCIDENT_APP = "Parley Sales Assistant";
const SELECTION_APP = "Orbit Calendar Sync";
const REASON = "INC-4711: vendor reported stolen refresh tokens";

async function openApp(page, name) {
  await page
    .locator('[data-id="apps"] [data-label="App"]')
    .first()
    .waitFor({ timeout: LOAD_TIMEOUT_MS });
  await page.getByRole("button", { name, exact: true }).click();
  await page.locator('[data-id="heading"]').first().waitFor();
}

/** Resolves to performance.now() in the page. */
function pageNow(page) {
  return page.evaluate(() => performance.now());
}

async function openAuditTab(page) {
  await page.getByRole("tab", { name: "Audit" }).click();
  const verdict = page.locator('[data-id="verdict"]');
  await verdict.waitFor({ timeout: LOAD_TIMEOUT_MS });
  return verdict;
}

function parseCount(text) {
  return Number(text.replace(/[^\d]/g, ""));
}

/** Returns the counts the progress view lists, by label. */
async function countsOf(progress) {
  const items = await progress.locator('[data-id="counts"] li').allInnerTexts();
  return Object.fromEntries(
    items.map((item) => {
      const [label, value] = item.split(":");
      return [label.trim(), parseCount(value)];
    })
  );
}

export default function declareRevokeFlow(preview) {
  describe("revoking tokens", () => {
    it("revokes every token of the incident app", async (t) => {
      await preview.visit(
        "/",
        "revoke-incident",
        async (page) => {
          await openApp(page, INCIDENT_APP);
          const range = await page
            .locator('c-token-table [data-id="range"]')
            .innerText();
          const appTokens = parseCount(range.split(" of ")[1]);

          const openedAt = await pageNow(page);
          await page.locator('[data-id="revoke-app"]').click();
          const dialog = page.getByRole("dialog");
          await dialog
            .locator('[data-id="submit"]:not([disabled])')
            .waitFor({ timeout: LOAD_TIMEOUT_MS });
          const dialogMs = (await mainThreadFreeAt(page)) - openedAt;
          t.diagnostic(
            `revoke dialog interactive ${Math.round(dialogMs)} ms after the click`
          );
          assert.match(
            await dialog.locator('[data-id="summary"]').innerText(),
            new RegExp(
              `^This revokes ${appTokens.toLocaleString("en-US")} OAuth tokens of ${INCIDENT_APP}, held by [\\d,]+ users\\.$`
            )
          );
          await saveScreenshot(page, "revoke-dialog");

          // A wrong name is refused before anything reaches Apex.
          await dialog.getByLabel("Reason").fill(REASON);
          await dialog
            .getByLabel(/Type the app's name/)
            .fill(INCIDENT_APP.toLowerCase());
          await dialog.locator('[data-id="submit"]').click();
          await dialog
            .locator('[data-id="form-problems"]')
            .getByText(/Type the app's name exactly as shown/)
            .waitFor();

          await dialog.getByLabel(/Type the app's name/).fill(INCIDENT_APP);
          await dialog.locator('[data-id="submit"]').click();
          await dialog.waitFor({ state: "detached" });

          const progress = page.locator("c-revocation-progress");
          const status = progress.locator('[data-id="status"]');
          await status.waitFor();
          assert.match(await status.innerText(), /^(Queued|Running):/);
          await progress
            .getByText(/^Running: \d+ of \d+ tokens done/)
            .waitFor({ timeout: JOB_TIMEOUT_MS });
          await saveScreenshot(page, "revoke-running");
          await progress
            .getByText(/^Completed with failures:/)
            .waitFor({ timeout: JOB_TIMEOUT_MS });

          const counts = await countsOf(progress);
          assert.equal(counts["Tokens requested"], appTokens);
          assert.equal(
            counts.Revoked + counts["Already gone"] + counts.Failed,
            appTokens
          );
          assert.ok(counts.Failed >= 1, "the demo job fails a few tokens");
          assert.ok(counts.Failed < appTokens / 100, "only a few tokens fail");
          await progress
            .locator('[data-id="range"]')
            .getByText(`of ${appTokens.toLocaleString("en-US")}`)
            .waitFor();

          await progress.getByLabel("Show").selectOption("Failed");
          const failedRows = progress.locator('[data-id="outcomes"] tbody tr');
          assert.equal(await failedRows.count(), counts.Failed);
          assert.match(
            await failedRows.first().innerText(),
            /Failed: Auth\.OauthToken\.revokeToken returned false\. Then: Calling the revoke endpoint failed: Unauthorized endpoint, please check Setup->Security->Remote site settings/
          );
          assert.match(
            await progress.locator('[data-id="failure-advice"]').innerText(),
            /add a Remote Site Setting for https:\/\/acme-demo\.my\.salesforce\.com/
          );
          assert.match(
            await progress.locator('[data-id="setup-pointer"]').innerText(),
            /Revoking does not stop users from authorising the app again/
          );
          assert.match(
            await progress
              .locator('[data-id="setup-link"]')
              .getAttribute("href"),
            /^\/lightning\/setup\/ConnectedApplication\/page\?address=/
          );
          await progress.scrollIntoViewIfNeeded();
          await saveScreenshot(page, "revoke-outcomes");

          // The inventory, read again, keeps only the failed tokens.
          await progress.locator('[data-id="reload"]').click();
          await page
            .locator('c-token-table [data-id="range"]')
            .getByText(`of ${counts.Failed}`)
            .waitFor({ timeout: LOAD_TIMEOUT_MS });
          await page
            .locator("c-revocation-progress")
            .getByText(/^Completed with failures:/)
            .waitFor();

          const auditOpenedAt = await pageNow(page);
          const verdict = await openAuditTab(page);
          const auditMs = (await mainThreadFreeAt(page)) - auditOpenedAt;
          t.diagnostic(
            `Audit tab interactive ${Math.round(auditMs)} ms after the click`
          );
          assert.match(await verdict.innerText(), /^Audit trail intact: /);

          const requestRow = page.locator(
            '[data-id="requests"] tr[data-request="REV-000004"]'
          );
          const rowText = await requestRow.innerText();
          assert.match(rowText, new RegExp(INCIDENT_APP));
          assert.match(rowText, /Every token/);
          assert.match(rowText, /INC-4711/);
          assert.match(rowText, /Completed with failures/);
          await requestRow.getByRole("button").click();
          const auditProgress = page.locator(
            "c-audit-trail c-revocation-progress"
          );
          await auditProgress
            .locator('[data-id="range"]')
            .getByText(`of ${appTokens.toLocaleString("en-US")}`)
            .waitFor();
          assert.deepEqual(await countsOf(auditProgress), counts);
          const newest = page.locator('[data-id="records"] tbody tr').first();
          assert.match(await newest.innerText(), /OUT-\d+\s+Outcome/);
          await saveScreenshot(page, "audit-after-revoke");

          // Tasks before the dialog belong to the inventory's load, which
          // the inventory flow reports.
          const mainThread = await readMainThread(page);
          const revokeTasks = {
            ...mainThread,
            longTasks: mainThread.longTasks.filter(
              (task) => task.startTime >= openedAt
            )
          };
          const longest = Math.max(
            0,
            ...revokeTasks.longTasks.map((task) => task.duration)
          );
          t.diagnostic(
            `longest main-thread task from the dialog to the Audit tab ${Math.round(longest)} ms; ${revokeTasks.longTasks.length} tasks over 50 ms`
          );
          for (const line of describeLongTasks(revokeTasks, 3)) {
            t.diagnostic(`long task ${line}`);
          }
        },
        { beforeNavigation: recordMainThread }
      );
    });

    it("revokes the selected tokens", async () => {
      await preview.visit("/", "revoke-selected", async (page) => {
        await openApp(page, SELECTION_APP);
        const boxes = page.locator('[data-id="select-token"]');
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        const revokeSelected = page.locator('[data-id="revoke-selected"]');
        await revokeSelected.getByText("Revoke selected (2)").waitFor();
        await revokeSelected.click();
        const dialog = page.getByRole("dialog");
        await dialog
          .getByText(/^This revokes 2 OAuth tokens of Orbit Calendar Sync/)
          .waitFor({ timeout: LOAD_TIMEOUT_MS });
        await dialog.getByLabel("Reason").fill("CHG-0500: two test devices");
        await dialog.locator('[data-id="submit"]').click();
        const progress = page.locator("c-revocation-progress");
        await progress
          .getByText(/^Completed/)
          .waitFor({ timeout: JOB_TIMEOUT_MS });
        const counts = await countsOf(progress);
        assert.equal(counts["Tokens requested"], 2);
        assert.equal(
          counts.Revoked + counts["Already gone"] + counts.Failed,
          2
        );
        assert.equal(await boxes.nth(0).isChecked(), false);
      });
    });

    it("shows the viewer no revoke buttons", async () => {
      await preview.visit("/?viewer=1", "revoke-viewer", async (page) => {
        await openApp(page, INCIDENT_APP);
        await page.locator('[data-id="tokens"] tbody tr').first().waitFor();
        assert.equal(
          await page.locator('[data-id="revoke-actions"]').count(),
          0
        );
        assert.equal(await page.locator('[data-id="select-token"]').count(), 0);
        assert.equal(await page.locator('[data-id="revoke-user"]').count(), 0);

        // The viewer reads the trail, but may not resume a request.
        const verdict = await openAuditTab(page);
        assert.match(await verdict.innerText(), /^Audit trail intact: /);
        await page
          .locator('[data-id="requests"] tr[data-request="REV-000003"]')
          .getByRole("button")
          .click();
        await page
          .locator("c-audit-trail c-revocation-progress")
          .getByText(/^Interrupted after/)
          .waitFor();
        assert.equal(await page.locator('[data-id="resume"]').count(), 0);
      });
    });

    it("reports the record altered in tamper mode", async () => {
      await preview.visit("/?tamper=1", "audit-tampered", async (page) => {
        const verdict = await openAuditTab(page);
        assert.match(
          await verdict.innerText(),
          /Audit trail not intact: 1 problem found\./
        );
        assert.deepEqual(
          await page.locator('[data-id="problems"] li').allInnerTexts(),
          [
            "Record 4 (revocation request REV-000002) was altered: its content no longer matches its hash."
          ]
        );
      });
    });

    it("resumes the interrupted request", async () => {
      await preview.visit("/", "revoke-resume", async (page) => {
        await openAuditTab(page);
        await page
          .locator('[data-id="requests"] tr[data-request="REV-000003"]')
          .getByRole("button")
          .click();
        const progress = page.locator("c-audit-trail c-revocation-progress");
        await progress.locator('[data-id="resume"]').click();
        await progress
          .getByText(/^Completed/)
          .waitFor({ timeout: JOB_TIMEOUT_MS });
        const counts = await countsOf(progress);
        assert.equal(
          counts.Revoked + counts["Already gone"] + counts.Failed,
          counts["Tokens requested"]
        );
      });
    });

    it("archives records older than 365 days", async () => {
      await preview.visit("/?viewer=1", "audit-archive", async (page) => {
        await openAuditTab(page);
        const archive = page.locator("c-audit-archive");
        await archive.locator('[data-id="plan"]').click();
        await archive
          .getByText(/^6 records, records 1 to 6, written before /)
          .waitFor();
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          archive.locator('[data-id="export"]').click()
        ]);
        assert.equal(download.suggestedFilename(), "oauth-guard-audit-1-6.csv");
        const csv = readFileSync(await download.path());
        const checksum = createHash("sha256").update(csv).digest("hex");
        assert.match(
          await archive.locator('[data-id="exported"]').innerText(),
          new RegExp(`SHA-256 of the file: ${checksum}$`)
        );
        assert.equal(csv.toString("utf8").split("\r\n").length, 8);

        await archive.getByLabel(/Reason/).fill("Saved to the records vault");
        await archive.locator('[data-id="archive-button"]').click();
        await page
          .locator('[data-id="verdict"]')
          .getByText(/Records up to 6 were archived/)
          .waitFor();
        assert.match(
          await page
            .locator('[data-id="records"] tbody tr')
            .first()
            .innerText(),
          /ARC-00001\s+Archive/
        );
      });
    });
  });
}
