// What every flow file gets: one preview server and one browser, shared
// by all flows of a run, and `visit` to open a page of the preview.
import { launchBrowser } from "./browser.mjs";
import { startPreviewServer } from "./preview-server.mjs";
import { visitPage } from "./page-visit.mjs";

export function createPreviewHarness() {
  let server;
  let browser;
  return {
    /** Starts the server and the browser; the root `before` hook calls it. */
    async start() {
      server = await startPreviewServer();
      browser = await launchBrowser();
    },

    async stop() {
      await browser?.close();
      await server?.stop();
    },

    /** Milliseconds from spawning `preview/start.mjs` to its ready line. */
    get readyMs() {
      return server.readyMs;
    },

    /**
     * Opens `path` (for example "/?viewer=1"), runs `steps(page)` and
     * saves e2e/screenshots/NAME.png; see visitPage for `options`.
     */
    visit(path, name, steps, options = {}) {
      return visitPage(
        {
          context: browser.context,
          baseUrl: server.url,
          path,
          name,
          beforeNavigation: options.beforeNavigation
        },
        steps
      );
    }
  };
}
