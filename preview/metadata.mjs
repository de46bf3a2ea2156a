// Reads the metadata that the preview reproduces from the build tree:
// custom labels, custom permissions with the permission sets that enable
// them, static resources and custom metadata records.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { XMLParser } from "fast-xml-parser";

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ["labels", "customPermissions", "values"].includes(name)
});

function parseXmlFile(path) {
  try {
    return parser.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`Could not parse ${path}: ${error.message}`);
  }
}

function listFiles(directory, suffix) {
  if (!existsSync(directory)) {
    return [];
  }
  return readdirSync(directory)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(directory, name));
}

/** Returns a Map from custom label name to its value. */
export function readCustomLabels(metadataDir) {
  const labels = new Map();
  const path = join(metadataDir, "labels/CustomLabels.labels-meta.xml");
  if (!existsSync(path)) {
    return labels;
  }
  for (const label of parseXmlFile(path).CustomLabels?.labels ?? []) {
    labels.set(String(label.fullName), String(label.value ?? ""));
  }
  return labels;
}

/**
 * Returns a Map from each custom permission's name to the names of the
 * permission sets that enable it (possibly none).
 */
export function readCustomPermissions(metadataDir) {
  const suffix = ".customPermission-meta.xml";
  const permissions = new Map();
  for (const path of listFiles(
    join(metadataDir, "customPermissions"),
    suffix
  )) {
    permissions.set(basename(path, suffix), []);
  }
  const setSuffix = ".permissionset-meta.xml";
  for (const path of listFiles(
    join(metadataDir, "permissionsets"),
    setSuffix
  )) {
    const permissionSet = parseXmlFile(path).PermissionSet ?? {};
    for (const grant of permissionSet.customPermissions ?? []) {
      if (String(grant.enabled) === "true") {
        permissions.get(String(grant.name))?.push(basename(path, setSuffix));
      }
    }
  }
  return permissions;
}

/**
 * Returns a Map from static resource name to `{ contentType, path, kind }`.
 * kind is "folder" for a resource kept expanded in source format, "zip"
 * for a zip archive and "file" for anything else.
 */
export function readStaticResources(metadataDir) {
  const directory = join(metadataDir, "staticresources");
  const suffix = ".resource-meta.xml";
  const resources = new Map();
  for (const metaPath of listFiles(directory, suffix)) {
    const name = basename(metaPath, suffix);
    const contentType = String(
      parseXmlFile(metaPath).StaticResource?.contentType ??
        "application/octet-stream"
    );
    const folder = join(directory, name);
    if (existsSync(folder) && statSync(folder).isDirectory()) {
      resources.set(name, { contentType, path: folder, kind: "folder" });
      continue;
    }
    const file = readdirSync(directory).find(
      (entry) => entry.startsWith(`${name}.`) && !entry.endsWith("-meta.xml")
    );
    if (!file) {
      throw new Error(
        `Static resource ${name} has ${basename(metaPath)} but no content file or folder in ${directory}.`
      );
    }
    const isZip = /zip/.test(contentType);
    resources.set(name, {
      contentType,
      path: join(directory, file),
      kind: isZip ? "zip" : "file"
    });
  }
  return resources;
}

/**
 * Returns every custom metadata record as `{ type, name, values }`, sorted
 * by type and name. type is the type's API name without `__mdt`, name the
 * record's DeveloperName, and values maps each field to its text value
 * (an empty string for a field set to nil).
 */
export function readCustomMetadataRecords(metadataDir) {
  const suffix = ".md-meta.xml";
  const records = [];
  for (const path of listFiles(join(metadataDir, "customMetadata"), suffix)) {
    const [type, name] = basename(path, suffix).split(".");
    const values = {};
    for (const entry of parseXmlFile(path).CustomMetadata?.values ?? []) {
      const value = entry.value;
      values[String(entry.field)] =
        typeof value === "object" || value === undefined ? "" : String(value);
    }
    records.push({ type, name, values });
  }
  return records;
}
