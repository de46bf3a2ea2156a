// Sends files from a folder over HTTP, refusing any path that leaves it.
import { createReadStream, statSync } from "node:fs";
import { extname, resolve, sep } from "node:path";

const CONTENT_TYPES = {
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2"
};

/** Returns the Content-Type for a file name, by its extension. */
export function contentTypeOf(fileName) {
  return (
    CONTENT_TYPES[extname(fileName).toLowerCase()] ?? "application/octet-stream"
  );
}

/**
 * Returns the absolute path of `relativePath` inside `rootDir`, or null
 * when it would leave the folder (for example through `..`).
 */
export function resolveInside(rootDir, relativePath) {
  const root = resolve(rootDir);
  const path = resolve(root, `.${sep}${relativePath}`);
  return path === root || path.startsWith(root + sep) ? path : null;
}

/** Sends a plain-text response. */
export function sendText(response, status, text) {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  response.end(text);
}

/**
 * Sends the file at `relativePath` under `rootDir`, or a 404 when it does
 * not exist there. `contentType` overrides the type from the extension.
 */
export function sendFile(response, rootDir, relativePath, options = {}) {
  const path = resolveInside(rootDir, relativePath);
  let stats;
  try {
    stats = path && statSync(path);
  } catch {
    stats = undefined;
  }
  if (!stats || !stats.isFile()) {
    sendText(response, 404, `Not found: ${relativePath}\n`);
    return;
  }
  response.writeHead(200, {
    "Content-Type": options.contentType ?? contentTypeOf(path),
    "Content-Length": stats.size,
    "Cache-Control": options.cacheControl ?? "no-cache"
  });
  createReadStream(path).pipe(response);
}
