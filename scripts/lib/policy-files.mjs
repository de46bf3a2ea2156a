// Reads transaction security policy files and the Apex classes they name,
// for scripts/check-policies.mjs and scripts/policy-bundle.mjs.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { splitApexSource } from "./apex-source.mjs";
import { listFiles } from "./sfdx-project.mjs";
import { parseXmlDocument } from "./xml-document.mjs";

export const POLICY_SUFFIX = ".transactionSecurityPolicy-meta.xml";

// Elements of the old, pre-Apex policies. eventType accepts only
// AuditTrail, Login, Entity, DataExport and AccessResource, so a policy on
// ApiEvent must use eventName instead.
const LEGACY_ELEMENTS = ["eventType", "executionUser", "resourceName"];
// The Metadata API limits both texts to 1,000 characters.
const MAXIMUM_TEXT_CHARACTERS = 1000;
// Custom block messages work on these events only.
const BLOCK_MESSAGE_EVENTS = [
  "ApiEvent",
  "BulkApiResultEventStore",
  "ListViewEvent",
  "ReportEvent"
];

/** Lists the policy files under the package directories. */
export function listPolicyFiles(packageDirectories) {
  return packageDirectories.flatMap((directory) =>
    listFiles(directory, (name) => name.endsWith(POLICY_SUFFIX))
  );
}

/**
 * Maps each Apex class name, lower-cased because Apex names are
 * case-insensitive, to the path of its .cls file.
 */
export function indexApexClasses(packageDirectories) {
  const classes = new Map();
  for (const directory of packageDirectories) {
    for (const path of listFiles(directory, (name) => name.endsWith(".cls"))) {
      classes.set(basename(path, ".cls").toLowerCase(), path);
    }
  }
  return classes;
}

/**
 * Reads a policy file into `{ root, values, lines }`: the element tree, the
 * text of each top-level element by name, and the line of each. Returns
 * `{ error: { line, message } }` for malformed XML.
 */
export function readPolicy(path) {
  const parsed = parseXmlDocument(readFileSync(path, "utf8"));
  if (parsed.error) {
    return {
      error: {
        line: parsed.error.line,
        message: `malformed XML: ${parsed.error.message}`
      }
    };
  }
  const values = new Map();
  const lines = new Map();
  for (const child of parsed.root.children) {
    values.set(child.name, child.text.trim());
    lines.set(child.name, child.line);
  }
  return { root: parsed.root, values, lines };
}

/**
 * Splits an apexClass value into its namespace and class name:
 * `acme__ApiDataPullCondition` gives `{ namespace: "acme", name:
 * "ApiDataPullCondition" }`, a plain name gives namespace null.
 */
export function splitClassReference(reference) {
  const separator = reference.indexOf("__");
  return separator < 0
    ? { namespace: null, name: reference }
    : {
        namespace: reference.slice(0, separator),
        name: reference.slice(separator + 2)
      };
}

/**
 * Finds the declaration of class `name` in Apex source, comments and
 * strings ignored. Returns `{ line, modifiers, header }` (modifiers: the
 * words before `class`; header: the text between the name and `{`), or
 * null when the source declares no such class.
 */
export function findClassDeclaration(source, name) {
  const { code } = splitApexSource(source);
  const escaped = name.replace(/[^A-Za-z0-9_]/g, "");
  const declaration = new RegExp(
    `((?:\\b[A-Za-z]+\\s+)*)class\\s+${escaped}\\b([^{]*)\\{`,
    "i"
  );
  const match = declaration.exec(code);
  if (!match) {
    return null;
  }
  const line = code.slice(0, match.index).split("\n").length;
  return { line, modifiers: match[1] ?? "", header: match[2] ?? "", code };
}

/**
 * Checks one policy file against the rules OAuth Guard's policies follow.
 * `classes` comes from indexApexClasses; `namespace` is the project's
 * namespace ("" for none). Returns errors as `[{ path, line, message }]`.
 */
export function checkPolicyFile(path, classes, namespace) {
  const policy = readPolicy(path);
  if (policy.error) {
    return [{ path, ...policy.error }];
  }
  const errors = [];
  const report = (element, message) =>
    errors.push({ path, line: policy.lines.get(element) ?? 1, message });
  const { values } = policy;

  if (policy.root.name !== "TransactionSecurityPolicy") {
    report(
      null,
      `root element is ${policy.root.name}, expected TransactionSecurityPolicy`
    );
    return errors;
  }
  const developerName = basename(path, POLICY_SUFFIX);
  if (values.get("developerName") !== developerName) {
    report(
      "developerName",
      `developerName must equal the file name, ${developerName}`
    );
  }
  if (values.get("type") !== "CustomApexPolicy") {
    report("type", "type must be CustomApexPolicy for an Apex condition");
  }
  const eventName = values.get("eventName");
  if (!eventName) {
    report(
      "eventName",
      "eventName is missing: name the event the policy watches"
    );
  }
  for (const element of LEGACY_ELEMENTS.filter((name) => values.has(name))) {
    report(
      element,
      `${element} belongs to legacy policies; use eventName and an Apex condition`
    );
  }
  if (values.get("active") !== "false") {
    report(
      "active",
      "active must be false: policies ship inactive and an admin switches them on"
    );
  }
  checkTexts(values, eventName, report);
  checkCondition(values.get("apexClass"), classes, namespace, report);
  return errors;
}

function checkTexts(values, eventName, report) {
  for (const element of ["description", "blockMessage"]) {
    const text = values.get(element) ?? "";
    if (text.length > MAXIMUM_TEXT_CHARACTERS) {
      report(
        element,
        `${element} has ${text.length} characters; the maximum is ${MAXIMUM_TEXT_CHARACTERS}`
      );
    }
  }
  if (!values.get("description")) {
    report(
      "description",
      "description is missing: say what the policy catches and why"
    );
  }
  if (BLOCK_MESSAGE_EVENTS.includes(eventName) && !values.get("blockMessage")) {
    report(
      "blockMessage",
      "blockMessage is missing: tell the user what happened and whom to contact"
    );
  }
}

function checkCondition(reference, classes, namespace, report) {
  if (!reference) {
    report("apexClass", "apexClass is missing: name the condition class");
    return;
  }
  const { namespace: classNamespace, name } = splitClassReference(reference);
  if (classNamespace !== null && classNamespace !== namespace) {
    report(
      "apexClass",
      `apexClass ${reference} names the namespace ${classNamespace}, but ` +
        `this project's namespace is ${namespace ? `"${namespace}"` : "empty"}`
    );
    return;
  }
  const classPath = classes.get(name.toLowerCase());
  if (!classPath) {
    report(
      "apexClass",
      `apexClass ${reference} names no Apex class in the project`
    );
    return;
  }
  const declaration = findClassDeclaration(
    readFileSync(classPath, "utf8"),
    name
  );
  if (!declaration) {
    report("apexClass", `${basename(classPath)} declares no class ${name}`);
    return;
  }
  if (
    !/\bimplements\b[^]*\bTxnSecurity\s*\.\s*EventCondition\b/i.test(
      declaration.header
    )
  ) {
    report(
      "apexClass",
      `${name} does not implement TxnSecurity.EventCondition`
    );
  }
  if (!/\bglobal\b/i.test(declaration.modifiers)) {
    report(
      "apexClass",
      `${name} is not global, so a policy deployed outside the package cannot name it`
    );
  }
  if (!/\bBoolean\s+evaluate\s*\(\s*SObject\b/i.test(declaration.code)) {
    report("apexClass", `${name} defines no evaluate(SObject) method`);
  }
}
