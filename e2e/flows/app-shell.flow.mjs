// The app shell: the demo label, the header and the two tabs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

export default function declareAppShellFlow(preview) {
  describe("app shell", () => {
    it("labels the page as a demo", async (t) => {
      t.diagnostic(`server ready in ${Math.round(preview.readyMs)} ms`);
      await preview.visit("/", "overview", async (page) => {
        const banner = page.locator('[data-id="demo-banner"]');
        await banner.getByText("Demo org with sample data").waitFor();
        const text = await banner.textContent();
        assert.match(text, /No Salesforce org is connected/);
        assert.match(text, /resets when you reload/);
        await page
          .getByRole("heading", { level: 1, name: "OAuth Guard", exact: true })
          .waitFor();
        const tabs = await page.getByRole("tab").allTextContents();
        assert.deepEqual(tabs, ["Overview", "Access"]);
      });
    });

    it("shows the admin every permission", async (t) => {
      await preview.visit("/", "overview-admin", async (page) => {
        await page.locator('[data-id="all-granted"]').waitFor();
        const interactiveMs = await page.evaluate(() => performance.now());
        t.diagnostic(
          `page interactive ${Math.round(interactiveMs)} ms after navigation`
        );
        const listedFindings = page.locator("li[data-state]:visible");
        assert.equal(await listedFindings.count(), 0);
      });
    });

    it("switches between Overview and Access", async () => {
      await preview.visit("/", "access-admin", async (page) => {
        await page.getByRole("tab", { name: "Access" }).click();
        await page
          .getByRole("heading", { name: "Your system permissions" })
          .waitFor();
        const granted = page.locator('li[data-state="granted"]:visible');
        // The list appears once the Apex call returns, all at once.
        await granted.first().waitFor();
        assert.equal(await granted.count(), 6);

        await page.getByRole("tab", { name: "Overview" }).click();
        await page
          .getByRole("heading", { name: "What OAuth Guard needs from you" })
          .waitFor();
        assert.equal(
          await page.getByRole("tab", { selected: true }).textContent(),
          "Overview"
        );
      });
    });
  });
}
