#!/usr/bin/env node
// Checks the metadata XML under the project's package directories: every
// .xml file is well-formed, every metadata file matches its Metadata API
// type (root element, fields, enum values), and the source converts to
// Metadata API format. Prints the types of the converted package.xml.
//
// Options: --root=DIR (project root, default cwd); --source=DIR (repeatable:
// convert DIR instead of the package directories, e.g. build/force-app);
// --expect-types=A,B (fail when package.xml lacks one of these types).
import { existsSync, readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { ErrorReport, parseCheckOptions } from "./lib/cli.mjs";
import {
  convertToMetadataFormat,
  isForceIgnored,
  resolveMetadataFiles
} from "./lib/metadata-components.mjs";
import { loadMetadataSchema } from "./lib/metadata-schema.mjs";
import { checkMetadataDocument } from "./lib/metadata-typecheck.mjs";
import { listFiles, readPackageDirectories } from "./lib/sfdx-project.mjs";
import { parseXmlDocument } from "./lib/xml-document.mjs";

const SCRIPT = "check-metadata";
const options = parseCheckOptions(`scripts/${SCRIPT}.mjs`, {
  source: { type: "string", multiple: true },
  "expect-types": { type: "string" }
});
const report = new ErrorReport(options.root);

let packageDirectories;
try {
  packageDirectories = readPackageDirectories(options.root);
} catch (error) {
  report.add("sfdx-project.json", 1, error.message);
  report.finish(SCRIPT, "");
}

const xmlFiles = packageDirectories.flatMap((directory) =>
  listFiles(directory, (name) => name.endsWith(".xml"))
);
const resolved = resolveMetadataFiles(packageDirectories, xmlFiles);
const metadataFiles = resolved.files;
let schema;
try {
  schema = await loadMetadataSchema();
} catch (error) {
  report.add(pathInMessage(error.message, "package.json"), null, error.message);
  report.finish(SCRIPT, "");
}
for (const path of xmlFiles) {
  checkXmlFile(path);
}
const packageTypes = await convertSource();

const convertedFrom = sourceDirectories()
  .map((directory) => report.relativePath(directory))
  .join(", ");
console.log(`package.xml types: ${packageTypes.join(", ") || "(none)"}`);
report.finish(
  SCRIPT,
  `${xmlFiles.length} XML files well-formed, ${metadataFiles.size} ` +
    `metadata files typed, ${convertedFrom} converted to ` +
    `${packageTypes.length} metadata types`
);

function checkXmlFile(path) {
  const parsed = parseXmlDocument(readFileSync(path, "utf8"));
  if (parsed.error) {
    const { line, column, message } = parsed.error;
    report.add(path, line, `malformed XML (column ${column}): ${message}`);
    return;
  }
  const metadataFile = metadataFiles.get(path);
  if (metadataFile) {
    const errors = checkMetadataDocument(
      parsed.root,
      metadataFile.rootName,
      schema
    );
    for (const { line, message } of errors) {
      report.add(path, line, message);
    }
  } else if (!isComponentContent(path) && !isForceIgnored(path)) {
    const sdrMessage = resolved.errors.get(path);
    report.add(
      path,
      1,
      sdrMessage?.replace(`${path}: `, "") ??
        "not resolved to any metadata type, so it would not be " +
          "deployed: check the folder and the -meta.xml suffix"
    );
  }
}

// XML inside a component's content, such as a file in an unpacked static
// resource, is deployed as it is and only needs to be well-formed.
function isComponentContent(path) {
  for (const file of metadataFiles.values()) {
    for (const content of file.contentPaths) {
      if (path === content || path.startsWith(content + sep)) {
        return true;
      }
    }
  }
  return false;
}

function sourceDirectories() {
  return options.source
    ? options.source.map((directory) => resolve(options.root, directory))
    : packageDirectories;
}

async function convertSource() {
  const directories = sourceDirectories();
  const missing = directories.filter((directory) => !existsSync(directory));
  for (const directory of missing) {
    report.add(directory, null, "--source directory not found");
  }
  if (missing.length > 0) {
    return [];
  }
  let types;
  try {
    types = await convertToMetadataFormat(directories);
  } catch (error) {
    const path = pathInMessage(error.message, directories[0]);
    const reason = error.message.replace(`${path}: `, "");
    report.add(
      path,
      null,
      `conversion to Metadata API format failed: ${reason}`
    );
    return [];
  }
  const expected = (options["expect-types"] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of expected.filter((type) => !types.includes(type))) {
    report.add(
      directories[0],
      null,
      `expected metadata type ${name} is missing from the converted ` +
        "package.xml"
    );
  }
  return types;
}

/** Returns the first existing absolute path quoted in an SDR message. */
function pathInMessage(message, fallback) {
  const candidates = message.match(/\/[^\s'"`,]+/g) ?? [];
  return (
    candidates
      .map((candidate) => candidate.replace(/[.:;)]+$/, ""))
      .find((candidate) => existsSync(candidate)) ?? fallback
  );
}
