// Serves static resources at /resource/NAME, the path that
// `@salesforce/resourceUrl/NAME` returns in the preview. An org puts a
// timestamp before the name (/resource/1700000000000/NAME), which is
// accepted too. Files inside a folder or zip resource follow the name.
import { readFileSync } from "node:fs";
import { contentTypeOf, sendFile, sendText } from "./static-files.mjs";

/** Returns `{ name, innerPath }` for a /resource/ URL path, or null. */
export function parseResourcePath(pathname) {
  const match = pathname.match(/^\/resource\/(?:\d+\/)?([^/]+)(?:\/(.*))?$/);
  return match ? { name: match[1], innerPath: match[2] ?? "" } : null;
}

/** Creates a handler over the Map that readStaticResources returns. */
export function createStaticResourceHandler(resources) {
  const archives = new Map();

  async function readArchive(resource) {
    if (!archives.has(resource.path)) {
      // NOTE: jszip comes in through @salesforce/source-deploy-retrieve;
      // only zip resources need it, so it loads on first use.
      const { default: JSZip } = await import("jszip");
      archives.set(
        resource.path,
        await JSZip.loadAsync(readFileSync(resource.path))
      );
    }
    return archives.get(resource.path);
  }

  return async function handleStaticResource(response, pathname) {
    const parsed = parseResourcePath(pathname);
    const resource = parsed && resources.get(parsed.name);
    if (!resource) {
      sendText(response, 404, `No static resource at ${pathname}\n`);
      return;
    }
    if (resource.kind === "file") {
      sendFile(response, resource.path, ".", {
        contentType: resource.contentType
      });
      return;
    }
    if (resource.kind === "folder") {
      sendFile(response, resource.path, parsed.innerPath);
      return;
    }
    const entry = (await readArchive(resource)).file(parsed.innerPath);
    if (!entry) {
      sendText(response, 404, `${parsed.innerPath} is not in ${parsed.name}\n`);
      return;
    }
    const content = await entry.async("nodebuffer");
    response.writeHead(200, {
      "Content-Type": contentTypeOf(parsed.innerPath),
      "Content-Length": content.length,
      "Cache-Control": "no-cache"
    });
    response.end(content);
  };
}
