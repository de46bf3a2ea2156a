// Builds the preview bundle: the same compiled components that deploy to
// an org (build/ from scripts/build.mjs), the open-source base
// components, and the demo org behind every Apex import. The bundle is
// cached by a hash of its inputs, so an unchanged project starts without
// rebuilding it.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from "node:fs";
import { join } from "node:path";
import {
  BUILD_METADATA_DIR,
  BUILD_SCRIPT,
  CACHE_DIR,
  PREVIEW_DIR,
  PROJECT_ROOT
} from "../paths.mjs";
import {
  readCustomLabels,
  readCustomMetadataRecords,
  readCustomPermissions,
  readStaticResources
} from "../metadata.mjs";
import { hashInputs } from "./input-hash.mjs";
import { runRollup } from "./rollup-build.mjs";

const BUNDLES_DIR = join(CACHE_DIR, "bundles");
// Older bundles are kept for servers that may still be serving them.
const KEPT_BUNDLES = 3;
const VERSIONED_PACKAGES = [
  "lwc",
  "@lwc/rollup-plugin",
  "lightning-base-components",
  "rollup",
  "typescript"
];

function packageVersion(name) {
  const manifest = join(PROJECT_ROOT, "node_modules", name, "package.json");
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

/**
 * Runs scripts/build.mjs, which rewrites build/ from the sources. Its
 * output (tsc's errors included) is shown only when it fails.
 */
function buildDeployableTree() {
  try {
    execFileSync(process.execPath, [BUILD_SCRIPT], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"]
    });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim();
    throw new Error(
      `scripts/build.mjs failed with exit code ${error.status}:\n${output}`
    );
  }
}

function readMetadata() {
  return {
    labels: readCustomLabels(BUILD_METADATA_DIR),
    customPermissions: readCustomPermissions(BUILD_METADATA_DIR),
    staticResources: readStaticResources(BUILD_METADATA_DIR),
    customMetadataRecords: readCustomMetadataRecords(BUILD_METADATA_DIR)
  };
}

function inputHash(mode) {
  const versions = VERSIONED_PACKAGES.map((name) => {
    return `${name}@${packageVersion(name)}`;
  });
  return hashInputs({
    root: PROJECT_ROOT,
    paths: [
      join(BUILD_METADATA_DIR, "lwc"),
      join(BUILD_METADATA_DIR, "labels"),
      join(BUILD_METADATA_DIR, "customPermissions"),
      join(BUILD_METADATA_DIR, "permissionsets"),
      join(BUILD_METADATA_DIR, "staticresources"),
      join(BUILD_METADATA_DIR, "customMetadata"),
      join(PREVIEW_DIR, "client"),
      join(PREVIEW_DIR, "demo-org"),
      join(PREVIEW_DIR, "bundler"),
      join(PREVIEW_DIR, "metadata.mjs")
    ],
    accept: (path) => !path.includes("__tests__"),
    extra: [mode, ...versions].join("\n")
  }).slice(0, 16);
}

/**
 * Copies the compiled components into a `c` namespace folder: the LWC
 * module resolver expects namespace/name folders, while an SFDX project
 * keeps them flat under lwc/.
 */
function stageComponents(stagedDir) {
  cpSync(join(BUILD_METADATA_DIR, "lwc"), join(stagedDir, "c"), {
    recursive: true,
    filter: (path) => !path.endsWith("-meta.xml")
  });
}

/**
 * Builds into a folder of this process, then renames it into place, so
 * that two starts at once never serve or overwrite half a bundle.
 */
async function buildBundle({ metadata, mode, bundleDir }) {
  const workDir = `${bundleDir}.tmp-${process.pid}`;
  const stagedDir = join(workDir, "modules");
  const outputDir = join(workDir, "bundle");
  try {
    stageComponents(stagedDir);
    await runRollup({ metadata, mode, stagedDir, outputDir });
    // Another start may have finished the same bundle first: keep that.
    if (!existsSync(bundleDir)) {
      renameSync(outputDir, bundleDir);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Deletes all but the newest bundles. */
function pruneBundles() {
  const bundles = readdirSync(BUNDLES_DIR)
    .filter((name) => /^[0-9a-f]{16}$/.test(name))
    .map((name) => join(BUNDLES_DIR, name))
    .sort((left, right) => statSync(right).mtimeMs - statSync(left).mtimeMs);
  for (const stale of bundles.slice(KEPT_BUNDLES)) {
    rmSync(stale, { recursive: true, force: true });
  }
}

/**
 * Builds or reuses the preview bundle. Returns `{ bundleDir, metadata,
 * fromCache, buildMs }`, where bundleDir contains app.js and its chunks.
 * `mode` is the LWC engine mode, "development" or "production".
 */
export async function buildPreviewBundle({ mode = "development" } = {}) {
  const started = performance.now();
  buildDeployableTree();
  const metadata = readMetadata();
  const bundleDir = join(BUNDLES_DIR, inputHash(mode));
  const fromCache = existsSync(bundleDir);
  if (!fromCache) {
    await buildBundle({ metadata, mode, bundleDir });
    pruneBundles();
  }
  return {
    bundleDir,
    metadata,
    fromCache,
    buildMs: performance.now() - started
  };
}
