// The preview's HTTP server: the page, the bundle, the design system's
// assets and the project's static resources. Read-only: the demo org
// lives in the page, not here.
import { createServer } from "node:http";
import { basename } from "node:path";
import { DESIGN_SYSTEM_ASSETS_DIR } from "../paths.mjs";
import { renderPage } from "./page.mjs";
import { sendFile, sendText } from "./static-files.mjs";
import { createStaticResourceHandler } from "./static-resources.mjs";

/** The only address the preview listens on: it is for this machine. */
export const PREVIEW_HOST = "127.0.0.1";

/**
 * Creates the server. `bundleDir` contains app.js and its chunks;
 * `staticResources` is the Map that readStaticResources returns.
 */
export function createPreviewServer({ bundleDir, staticResources, log }) {
  const handleStaticResource = createStaticResourceHandler(staticResources);
  // The bundle folder is named by a hash of its inputs, so a URL that
  // contains that name always returns the same file and may be cached.
  const bundleUrl = `/app/${basename(bundleDir)}/`;
  const page = renderPage(bundleUrl);

  async function route(request, response) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      sendText(response, 405, `${request.method} is not allowed\n`);
      return;
    }
    const { pathname } = new URL(request.url, `http://${PREVIEW_HOST}`);
    let path;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      sendText(response, 400, `Invalid URL encoding in ${pathname}\n`);
      return;
    }
    if (path === "/" || path === "/index.html") {
      response.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-cache"
      });
      response.end(page);
    } else if (path.startsWith(bundleUrl)) {
      sendFile(response, bundleDir, path.slice(bundleUrl.length), {
        cacheControl: "max-age=31536000, immutable"
      });
    } else if (path.startsWith("/assets/")) {
      const assetPath = path.slice("/assets/".length);
      sendFile(response, DESIGN_SYSTEM_ASSETS_DIR, assetPath, {
        cacheControl: "max-age=3600"
      });
    } else if (path.startsWith("/resource/")) {
      await handleStaticResource(response, path);
    } else if (path === "/favicon.ico") {
      response.writeHead(204);
      response.end();
    } else {
      sendText(response, 404, `Not found: ${path}\n`);
    }
  }

  return createServer((request, response) => {
    route(request, response).catch((error) => {
      log(`preview: ${request.method} ${request.url} failed: ${error.stack}`);
      if (!response.headersSent) {
        sendText(response, 500, "The preview server failed; see its log.\n");
      } else {
        response.destroy(error);
      }
    });
  });
}
