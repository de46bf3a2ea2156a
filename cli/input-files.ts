/**
 * Expands the command line's file and folder arguments into the files to
 * read. Folders are searched recursively for activity files; a file named
 * on the command line is read whatever its extension.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Extensions of the files taken from folders. */
export const ACTIVITY_FILE_EXTENSIONS = [".csv", ".json", ".ndjson", ".jsonl"];

export interface InputFile {
  path: string;
  size: number;
}

export interface InputProblem {
  file: string;
  message: string;
}

function hasActivityExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return ACTIVITY_FILE_EXTENSIONS.some((extension) =>
    lower.endsWith(extension)
  );
}

/** Compares by UTF-16 code units, the same in every locale. */
function compareNames(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

function collectFolder(
  folder: string,
  files: InputFile[],
  problems: InputProblem[]
): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: folder, message: describeFsError(error) });
    return;
  }
  entries.sort((first, second) => compareNames(first.name, second.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      collectFolder(path, files, problems);
    } else if (entry.isFile() && hasActivityExtension(entry.name)) {
      files.push({ path, size: statSync(path).size });
    }
  }
}

/** Returns a one-line reason for a file system error. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") {
    return "The file or folder was not found.";
  }
  if (code === "EACCES" || code === "EPERM") {
    return "Permission to read it was denied.";
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Returns the files to read, in argument order with each folder's files
 * sorted by path, and a problem for each argument that cannot be read.
 */
export function expandInputs(arguments_: readonly string[]): {
  files: InputFile[];
  problems: InputProblem[];
} {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  for (const argument of arguments_) {
    let stats;
    try {
      stats = statSync(argument);
    } catch (error) {
      problems.push({ file: argument, message: describeFsError(error) });
      continue;
    }
    if (stats.isDirectory()) {
      const before = files.length;
      collectFolder(argument, files, problems);
      if (files.length === before) {
        problems.push({
          file: argument,
          message: `The folder has no ${ACTIVITY_FILE_EXTENSIONS.join(", ")} files.`
        });
      }
    } else {
      files.push({ path: argument, size: stats.size });
    }
  }
  return { files, problems };
}
