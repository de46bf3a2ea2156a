// Resolves source files to metadata components and converts them to
// Metadata API format with @salesforce/source-deploy-retrieve (SDR).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { XMLParser } from "fast-xml-parser";

// Set before SDR and @salesforce/core load, in case either reads them at
// load time, so that no telemetry leaves this offline check.
process.env.SF_DISABLE_TELEMETRY = "true";
process.env.SF_DISABLE_AUTOUPDATE = "true";
const { ComponentSet, ForceIgnore, MetadataConverter, registry } =
  await import("@salesforce/source-deploy-retrieve");

function componentSetFromSource(paths) {
  return ComponentSet.fromSource({ fsPaths: paths });
}

/** True when the nearest .forceignore above `path` excludes it. */
export function isForceIgnored(path) {
  return ForceIgnore.findAndCreate(path).denies(path);
}

/**
 * Resolves the metadata XML files in `directories` and returns
 * `{ files, errors }`. `files` maps each absolute XML path, children of
 * decomposed types such as CustomField included, to
 * `{ rootName, contentPaths }`. rootName is the Metadata API type, which is
 * also the document element the file must have.
 *
 * SDR stops at the first component it cannot resolve, such as a static
 * resource whose content the build adds. Then each of `xmlFiles` is
 * resolved on its own, a failing `-meta.xml` file is typed by its suffix,
 * and `errors` maps the files that stay unresolved to SDR's message.
 */
export function resolveMetadataFiles(directories, xmlFiles) {
  const files = new Map();
  const errors = new Map();
  try {
    addComponents(componentSetFromSource(directories), files);
    return { files, errors };
  } catch {
    // Resolved file by file below.
  }
  for (const path of xmlFiles) {
    try {
      addComponents(componentSetFromSource([path]), files);
    } catch (error) {
      const rootName = rootElementNameFromSuffix(path);
      if (rootName) {
        files.set(path, { rootName, contentPaths: [] });
      } else {
        errors.set(path, error.message);
      }
    }
  }
  return { files, errors };
}

function addComponents(componentSet, files) {
  const visit = (component) => {
    if (component.xml) {
      files.set(resolve(component.xml), {
        rootName: rootElementName(component),
        contentPaths: component.content ? [resolve(component.content)] : []
      });
    }
    component.getChildren().forEach(visit);
  };
  componentSet.getSourceComponents().toArray().forEach(visit);
}

// Settings files are named after the settings they hold: the root of
// Security.settings-meta.xml is <SecuritySettings>.
function rootElementName(component) {
  return component.type.name === "Settings"
    ? `${component.name}Settings`
    : component.type.name;
}

const typeNamesBySuffix = new Map();
for (const type of Object.values(registry.types)) {
  for (const entry of [type, ...Object.values(type.children?.types ?? {})]) {
    if (entry.suffix) {
      const names = typeNamesBySuffix.get(entry.suffix) ?? [];
      typeNamesBySuffix.set(entry.suffix, [...names, entry.name]);
    }
  }
}

// Returns null unless the suffix of NAME.SUFFIX-meta.xml belongs to exactly
// one type in SDR's registry.
function rootElementNameFromSuffix(path) {
  const match = /([^/\\]+)\.([^./\\]+)-meta\.xml$/.exec(path);
  const names = match ? (typeNamesBySuffix.get(match[2]) ?? []) : [];
  if (names.length !== 1) {
    return null;
  }
  return names[0] === "Settings" ? `${match[1]}Settings` : names[0];
}

/**
 * Converts the source in `dirs` to Metadata API format in a temporary
 * directory and returns the sorted type names listed in the resulting
 * package.xml. Throws SDR's error when the conversion fails.
 */
export async function convertToMetadataFormat(dirs) {
  const outputDirectory = mkdtempSync(join(tmpdir(), "oauth-guard-mdapi-"));
  try {
    await new MetadataConverter().convert(
      componentSetFromSource(dirs),
      "metadata",
      { type: "directory", outputDirectory, genUniqueDir: false }
    );
    return readPackageTypes(join(outputDirectory, "package.xml"));
  } finally {
    rmSync(outputDirectory, { recursive: true, force: true });
  }
}

function readPackageTypes(packageXmlPath) {
  const parser = new XMLParser({ isArray: (name) => name === "types" });
  const manifest = parser.parse(readFileSync(packageXmlPath, "utf8"));
  return (manifest.Package?.types ?? []).map((entry) => entry.name).sort();
}
