// The schedule of the daily activity capture, on the Activity tab: the
// admin schedules it, checks the next run, cancels it again and finds both
// changes in the Audit tab. The viewer, who lacks the Manage OAuth Guard
// Capture custom permission, gets no button but a sentence that names
// it. The flow finds c-capture-schedule wherever the Activity tab places
// it, and leaves the capture unscheduled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { saveScreenshot } from "../support/page-visit.mjs";

const LOAD_TIMEOUT_MS = 90_000;

/** Opens the Activity tab and waits for the capture's schedule. */
async function openCaptureSchedule(page) {
  await page.getByRole("tab", { name: "Activity" }).click();
  const schedule = page.locator("c-capture-schedule");
  await schedule
    .locator('[data-id="schedule-state"]')
    .waitFor({ timeout: LOAD_TIMEOUT_MS });
  return schedule;
}

/** Waits until the schedule states `text`, such as "Not scheduled.". */
function stateShown(schedule, text) {
  return schedule
    .locator('[data-id="schedule-state"]', { hasText: text })
    .waitFor();
}

export default function declareCaptureScheduleFlow(preview) {
  describe("capture schedule", () => {
    it("lets the admin schedule and cancel the capture", async () => {
      await preview.visit("/", "capture-schedule-admin", async (page) => {
        const schedule = await openCaptureSchedule(page);
        await stateShown(schedule, "Not scheduled.");
        assert.equal(
          (await schedule.locator('[data-id="next-run"]').innerText()).trim(),
          "None"
        );
        assert.match(
          await schedule.locator('[data-id="last-capture"]').innerText(),
          / UTC$/
        );

        await schedule
          .getByRole("button", { name: "Schedule daily capture" })
          .click();
        await stateShown(schedule, "Scheduled daily.");
        assert.match(
          await schedule.locator('[data-id="next-run"]').innerText(),
          /0?3:00.* UTC$/
        );
        assert.match(
          await schedule.locator('[data-id="schedule-details"]').innerText(),
          /Cron expression 0 0 3 \* \* \? in UTC/
        );
        await schedule.scrollIntoViewIfNeeded();
        await saveScreenshot(page, "capture-scheduled");

        await schedule
          .getByRole("button", { name: "Cancel the schedule" })
          .click();
        await stateShown(schedule, "Not scheduled.");
        await schedule
          .getByRole("button", { name: "Schedule daily capture" })
          .waitFor();

        await page.getByRole("tab", { name: "Audit" }).click();
        const verdict = page.locator('[data-id="verdict"]');
        await verdict.waitFor({ timeout: LOAD_TIMEOUT_MS });
        assert.match(await verdict.innerText(), /^Audit trail intact: /);
        const newest = page.locator("c-audit-record-table tbody tr");
        const [cancelled, scheduled] = await Promise.all([
          newest.nth(0).innerText(),
          newest.nth(1).innerText()
        ]);
        assert.match(cancelled, /Schedule change[\s\S]*Cancelled "OAuth Guard/);
        assert.match(scheduled, /Schedule change[\s\S]*Scheduled "OAuth Guard/);
      });
    });

    it("names the permission the viewer lacks", async () => {
      await preview.visit(
        "/?viewer=1",
        "capture-schedule-viewer",
        async (page) => {
          const schedule = await openCaptureSchedule(page);
          await stateShown(schedule, "Not scheduled.");
          assert.equal(await schedule.locator("button").count(), 0);
          assert.match(
            await schedule
              .locator('[data-id="missing-permission"]')
              .innerText(),
            /Manage OAuth Guard Capture custom permission/
          );
        }
      );
    });
  });
}
