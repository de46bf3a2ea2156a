// The viewer persona: switched from the demo banner, it lacks some
// system permissions, which the check above the tabs names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

const VIEWER_MISSING = [
  "Customize Application",
  "View All Data",
  "Manage Users",
  "View Real-Time Event Monitoring Data"
];

export default function declareViewerFlow(preview) {
  describe("viewer switch", () => {
    it("names the viewer's missing permissions", async () => {
      await preview.visit("/", "access-check-viewer", async (page) => {
        await page.locator('[data-id="persona-switch"]').click();
        await page.waitForURL(/[?&]viewer=1\b/);
        const banner = page.locator('[data-id="demo-banner"]');
        await banner.getByText("You are Sam Okafor").waitFor();

        const missing = page.locator('li[data-state="missing"]:visible');
        await missing.first().waitFor();
        const texts = await missing.allTextContents();
        assert.equal(texts.length, VIEWER_MISSING.length);
        VIEWER_MISSING.forEach((label, index) => {
          assert.match(texts[index], new RegExp(`Without ${label},`));
        });
      });
    });

    it("lists granted and missing permissions on Access", async () => {
      await preview.visit("/?viewer=1", "access-viewer", async (page) => {
        await page.getByRole("tab", { name: "Access" }).click();
        // The check above the tabs lists the missing permissions too, so
        // count only the tab's own list.
        const tab = page.getByRole("tabpanel", { name: "Access" });
        const granted = tab.locator('li[data-state="granted"]:visible');
        const missing = tab.locator('li[data-state="missing"]:visible');
        await granted.first().waitFor();
        assert.equal(await granted.count(), 2);
        assert.equal(await missing.count(), 4);
      });
    });

    it("switches back to the admin", async () => {
      await preview.visit("/?viewer=1", "viewer-to-admin", async (page) => {
        await page.locator('[data-id="persona-switch"]').click();
        await page.waitForURL((url) => !url.searchParams.has("viewer"));
        await page.locator('[data-id="all-granted"]').waitFor();
      });
    });
  });
}
