// Command-line plumbing shared by the check scripts: option parsing and
// `path:LINE: message` error output relative to the project root.
import { statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

/**
 * Parses `--root=DIR` plus the given extra options (node:util parseArgs
 * format). Exits with status 2 and a usage line on an unknown option.
 */
export function parseCheckOptions(scriptName, extraOptions = {}) {
  try {
    const { values } = parseArgs({
      options: { root: { type: "string" }, ...extraOptions },
      strict: true
    });
    return { ...values, root: resolve(values.root ?? process.cwd()) };
  } catch (error) {
    const usage = ["root", ...Object.keys(extraOptions)]
      .map((name) => `[--${name}=...]`)
      .join(" ");
    console.error(`${scriptName}: ${error.message}`);
    console.error(`usage: node ${scriptName} ${usage}`);
    process.exit(2);
  }
}

/** Collects errors and prints them as `path:LINE: message`. */
export class ErrorReport {
  constructor(root) {
    this.root = root;
    this.errors = [];
  }

  /**
   * Records an error. `line` is 1-based, or null when unknown. A file
   * without a line gets line 1, so that every file error reads
   * `path:LINE: message`. A directory is printed as `path: message`.
   */
  add(path, line, message) {
    const isFile = statSync(resolve(this.root, path), {
      throwIfNoEntry: false
    })?.isFile();
    this.errors.push({
      path: this.relativePath(path),
      line: line ?? (isFile ? 1 : null),
      message
    });
  }

  relativePath(path) {
    const relativePath = relative(this.root, resolve(this.root, path));
    return (relativePath || ".").split(sep).join("/");
  }

  /** Counts the distinct files named by the errors. */
  fileCount() {
    return new Set(this.errors.map((error) => error.path)).size;
  }

  /**
   * Prints every error, sorted by file and line, then `summary`, and exits
   * with 1 when there were errors and 0 otherwise.
   */
  finish(scriptName, summary) {
    const sorted = [...this.errors].sort(
      (a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)
    );
    for (const { path, line, message } of sorted) {
      const location = line === null ? path : `${path}:${line}`;
      console.log(`${location}: ${message}`);
    }
    if (sorted.length > 0) {
      console.log(
        `${scriptName}: ${sorted.length} error(s) in ${this.fileCount()} ` +
          `file(s)`
      );
      process.exit(1);
    }
    console.log(`${scriptName}: ${summary}`);
    process.exit(0);
  }
}
