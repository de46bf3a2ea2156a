// Reads an SFDX project's package directories and lists files under them.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Returns the absolute paths of the packageDirectories listed in
 * ROOT/sfdx-project.json. Throws an Error naming the file when it is
 * missing, invalid JSON or lists no directory that exists.
 */
export function readPackageDirectories(root) {
  const projectPath = join(root, "sfdx-project.json");
  if (!existsSync(projectPath)) {
    throw new Error(`${projectPath} not found: pass --root=PROJECT_DIR`);
  }
  let project;
  try {
    project = JSON.parse(readFileSync(projectPath, "utf8"));
  } catch (error) {
    throw new Error(`${projectPath} is not valid JSON: ${error.message}`);
  }
  const directories = (project.packageDirectories ?? [])
    .map((entry) => resolve(root, entry.path))
    .filter((directory) => existsSync(directory));
  if (directories.length === 0) {
    throw new Error(`${projectPath} lists no existing packageDirectories`);
  }
  return directories;
}

/**
 * Lists files under `directory` whose name satisfies `accept`, recursively,
 * sorted. node_modules and dot-directories are skipped.
 */
export function listFiles(directory, accept) {
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) {
        files.push(...listFiles(path, accept));
      }
    } else if (accept(entry.name)) {
      files.push(path);
    }
  }
  return files.sort();
}
