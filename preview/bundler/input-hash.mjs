// Fingerprints everything a preview bundle is built from, so that an
// unchanged project reuses the last bundle instead of rebuilding it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function listFilesRecursively(directory, accept) {
  if (!existsSync(directory)) {
    return [];
  }
  if (statSync(directory).isFile()) {
    return accept(directory) ? [directory] : [];
  }
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      files.push(...listFilesRecursively(path, accept));
    } else if (accept(path)) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Returns a hex SHA-256 over the content of every file in `paths` (files
 * or directories, searched recursively) that `accept` keeps, plus `extra` text (for example
 * package versions and build options).
 */
export function hashInputs({ root, paths, accept, extra }) {
  const hash = createHash("sha256");
  hash.update(extra);
  const files = paths
    .flatMap((path) => listFilesRecursively(path, accept))
    .sort();
  for (const file of files) {
    hash.update(`\0${relative(root, file)}\0${statSync(file).size}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}
