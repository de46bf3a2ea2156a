// Absolute paths that the preview reads and writes, all under the
// project root.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PREVIEW_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = dirname(PREVIEW_DIR);
export const BUILD_SCRIPT = join(PROJECT_ROOT, "scripts/build.mjs");
/** The deployable metadata that scripts/build.mjs writes. */
export const BUILD_METADATA_DIR = join(
  PROJECT_ROOT,
  "build/force-app/main/default"
);
/** Bundles and staged modules: disposable, and ignored by git with node_modules. */
export const CACHE_DIR = join(
  PROJECT_ROOT,
  "node_modules/.cache/oauth-guard-preview"
);
export const DESIGN_SYSTEM_ASSETS_DIR = join(
  PROJECT_ROOT,
  "node_modules/@salesforce-ux/design-system/assets"
);
