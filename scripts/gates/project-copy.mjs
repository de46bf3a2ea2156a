// Temporary copies of the project for the gate tests: everything but
// generated folders, with node_modules linked rather than copied.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";

const projectRoot = join(import.meta.dirname, "../..");
const SKIPPED = new Set([
  "node_modules",
  ".git",
  "build",
  "coverage",
  ".sf",
  ".sfdx"
]);

/** Copies the project into a new temporary folder and returns its path. */
export function copyProject() {
  const copyRoot = mkdtempSync(join(tmpdir(), "oauth-guard-gate-"));
  cpSync(projectRoot, copyRoot, {
    recursive: true,
    filter: (source) => {
      const top = relative(projectRoot, source).split(sep)[0];
      return !SKIPPED.has(top);
    }
  });
  symlinkSync(
    join(projectRoot, "node_modules"),
    join(copyRoot, "node_modules")
  );
  return copyRoot;
}

/** Removes a copy made by copyProject. */
export function removeCopy(copyRoot) {
  rmSync(copyRoot, { recursive: true, force: true });
}

/** Rewrites one file of the copy with `change(text)`. */
export function plant(copyRoot, file, change) {
  const path = join(copyRoot, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/** Runs one npm script in the copy and returns its status and output. */
export function runScript(copyRoot, script) {
  const result = spawnSync("npm", ["run", "--silent", script], {
    cwd: copyRoot,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "true" },
    maxBuffer: 64 * 1024 * 1024
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  // Some tools colour their output whatever FORCE_COLOR says.
  return {
    status: result.status,
    output: output.replace(/\x1b\[[0-9;]*m/g, "")
  };
}
