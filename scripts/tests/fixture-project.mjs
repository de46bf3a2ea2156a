// Temporary copies of the fixture projects under scripts/tests/fixtures,
// for tests that plant one error and run a check script on the copy.
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const scriptsDirectory = join(import.meta.dirname, "..");

/** Copies fixtures/NAME into a new temporary folder and returns its path. */
export function copyFixture(name) {
  const root = mkdtempSync(join(tmpdir(), `oauth-guard-${name}-`));
  cpSync(join(import.meta.dirname, "fixtures", name), root, {
    recursive: true
  });
  return root;
}

/** Removes a copy made by copyFixture. */
export function removeCopy(root) {
  rmSync(root, { recursive: true, force: true });
}

/** Rewrites ROOT/FILE with `change(text)`; throws if nothing changed. */
export function plant(root, file, change) {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const changed = change(text);
  if (changed === text) {
    throw new Error(`planting changed nothing in ${file}`);
  }
  writeFileSync(path, changed);
}

/** Writes a new file ROOT/FILE, creating its folders. */
export function addFile(root, file, text) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Runs scripts/SCRIPT on ROOT with `--root` and extra arguments, without
 * blocking, so that concurrent tests overlap. Resolves to
 * `{ status, output }` with stdout and stderr joined.
 */
export function runCheck(script, root, extraArgs = []) {
  const args = [join(scriptsDirectory, script), `--root=${root}`, ...extraArgs];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ status: error ? error.code : 0, output: stdout + stderr });
      }
    );
  });
}
