// The app shell: the demo label, the header, the permission check above
// the tabs, and the Apps, Activity, Findings, Policies, Audit and Access
// tabs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mainThreadFreeAt } from "../support/main-thread.mjs";

const LOAD_TIMEOUT_MS = 90_000;

export default function declareAppShellFlow(preview) {
  describe("app shell", () => {
    it("labels the page as a demo", async (t) => {
      t.diagnostic(`server ready in ${Math.round(preview.readyMs)} ms`);
      await preview.visit("/", "app-shell", async (page) => {
        const banner = page.locator('[data-id="demo-banner"]');
        await banner.getByText("Demo org with sample data").waitFor();
        const text = await banner.textContent();
        assert.match(text, /No Salesforce org is connected/);
        assert.match(text, /resets when you reload/);
        await page
          .getByRole("heading", { level: 1, name: "OAuth Guard", exact: true })
          .waitFor();
        const tabs = await page.getByRole("tab").allTextContents();
        assert.deepEqual(tabs, [
          "Apps",
          "Activity",
          "Findings",
          "Policies",
          "Audit",
          "Access"
        ]);
        assert.equal(
          await page.getByRole("tab", { selected: true }).textContent(),
          "Apps"
        );
      });
    });

    it("shows the admin every permission", async () => {
      await preview.visit("/", "access-check-admin", async (page) => {
        await page.locator('[data-id="all-granted"]').waitFor();
        const listedFindings = page.locator("li[data-state]:visible");
        assert.equal(await listedFindings.count(), 0);
      });
    });

    it("opens the Access tab", async (t) => {
      await preview.visit("/", "access-admin", async (page) => {
        await page.getByRole("tab", { name: "Access" }).click();
        await page
          .getByRole("heading", { name: "Your system permissions" })
          .waitFor();
        const granted = page.locator('li[data-state="granted"]:visible');
        // The list appears once the Apex call returns, all at once.
        await granted.first().waitFor();
        const interactiveMs = await mainThreadFreeAt(page);
        t.diagnostic(
          `Access tab interactive ${Math.round(interactiveMs)} ms after navigation`
        );
        assert.equal(await granted.count(), 6);
      });
    });

    it("keeps the apps table across tab switches", async () => {
      await preview.visit("/", "apps-after-access", async (page) => {
        const firstApp = page.locator('[data-id="apps"] [data-label="App"]');
        await firstApp.first().waitFor({ timeout: LOAD_TIMEOUT_MS });
        await page.getByRole("tab", { name: "Access" }).click();
        await page
          .getByRole("heading", { name: "Your system permissions" })
          .waitFor();
        await page.getByRole("tab", { name: "Apps" }).click();
        await firstApp.first().waitFor();
        // The table returns without reading the tokens again.
        assert.equal(await page.locator('[data-id="loading"]').count(), 0);
        assert.equal(
          await page.getByRole("tab", { selected: true }).textContent(),
          "Apps"
        );
      });
    });
  });
}
