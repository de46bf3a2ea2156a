// Loads the Metadata API schema built by metadata-schema-builder.mjs from
// @salesforce/types' metadata.d.ts, cached under node_modules/.cache so
// that TypeScript is loaded only when an input changes.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadTabMotifs, tabCommandPath } from "./tab-motifs.mjs";

const require = createRequire(import.meta.url);
const typescriptPackage = require.resolve("typescript/package.json");
const CACHE_INPUTS = [
  new URL(import.meta.url),
  new URL("./metadata-schema-builder.mjs", import.meta.url),
  new URL("./tab-motifs.mjs", import.meta.url),
  typescriptPackage
];

/** Absolute path of @salesforce/types' metadata.d.ts. */
function metadataDeclarationsPath() {
  return require
    .resolve("@salesforce/types/metadata")
    .replace(/\.js$/, ".d.ts");
}

/**
 * Returns `{ types, enums }`. `types` maps each object type alias to its
 * fields, each `{ kind, name?, array }` where kind is string, number,
 * boolean, any, enum or object and name is the enum or object type.
 * `enums` maps each string-literal union to its values. CustomTab.motif, a
 * plain string in @salesforce/types, becomes the enum CustomTabMotif (see
 * tab-motifs.mjs).
 */
export async function loadMetadataSchema() {
  const declarationsPath = metadataDeclarationsPath();
  const hash = createHash("sha256");
  for (const input of [declarationsPath, tabCommandPath(), ...CACHE_INPUTS]) {
    hash.update(readFileSync(input));
  }
  const key = hash.digest("hex");
  const cachePath = join(
    dirname(typescriptPackage),
    "..",
    ".cache",
    "oauth-guard",
    "metadata-schema.json"
  );
  try {
    const cached = JSON.parse(readFileSync(cachePath, "utf8"));
    if (cached.key === key) {
      return cached.schema;
    }
  } catch {
    // A missing or unreadable cache is rebuilt below.
  }

  const { buildSchema } = await import("./metadata-schema-builder.mjs");
  const schema = buildSchema(declarationsPath);
  schema.enums.CustomTabMotif = await loadTabMotifs();
  schema.types.CustomTab.motif = {
    kind: "enum",
    name: "CustomTabMotif",
    array: false
  };
  // Written to a temporary name first, so that a concurrent run never
  // reads half a file.
  mkdirSync(dirname(cachePath), { recursive: true });
  const partialPath = `${cachePath}.${process.pid}`;
  writeFileSync(partialPath, JSON.stringify({ key, schema }));
  renameSync(partialPath, cachePath);
  return schema;
}
