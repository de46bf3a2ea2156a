#!/usr/bin/env node
// Writes rules/indicator-rules.json, the rules file `oauth-guard analyze`
// reads, from the OAuth_Guard_Indicator_Rule__mdt records under
// force-app/main/default/customMetadata, so that the page (which reads the
// records in the org) and the command line share one set of definitions.
// Each rule has the shape of the IndicatorRule DTO that Apex returns.
//
// Options: --root=DIR (project root, default cwd); --check (write nothing,
// exit 1 when the file differs from what the records generate).
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync
} from "node:fs";
import { dirname, join } from "node:path";
import * as prettier from "prettier";
import { ErrorReport, parseCheckOptions } from "./lib/cli.mjs";
import { parseXmlDocument } from "./lib/xml-document.mjs";

const SCRIPT = "generate-rules-file";
const RECORDS_DIRECTORY = "force-app/main/default/customMetadata";
const RECORD_PREFIX = "OAuth_Guard_Indicator_Rule.";
const RECORD_SUFFIX = ".md-meta.xml";
const RULES_FILE = "rules/indicator-rules.json";
const FORMAT = "oauth-guard-indicator-rules";
const VERSION = 1;

/** Record fields by API name, with the DTO property and value type. */
const FIELDS = {
  Rule_Id__c: ["ruleId", "text"],
  Title__c: ["title", "text"],
  Severity__c: ["severity", "text"],
  Kind__c: ["kind", "text"],
  Match_Kind__c: ["matchKind", "text"],
  Field__c: ["field", "text"],
  Pattern__c: ["pattern", "text"],
  Threshold__c: ["threshold", "number"],
  Scope__c: ["scope", "text"],
  Source__c: ["source", "text"],
  Source_Date__c: ["sourceDate", "date"],
  Active__c: ["active", "boolean"],
  Use_In_Policies__c: ["usedInPolicies", "boolean"]
};

const options = parseCheckOptions(`scripts/${SCRIPT}.mjs`, {
  check: { type: "boolean" }
});
const report = new ErrorReport(options.root);

function child(element, name) {
  return element.children.find((node) => node.name === name) ?? null;
}

/**
 * Converts one field value. Returns undefined and records an error when
 * the value does not fit the field's type.
 */
function convert(path, valueElement, type, field) {
  const nil = valueElement.attributes["xsi:nil"] === "true";
  const text = valueElement.text.trim();
  if (nil) {
    return null;
  }
  if (type === "boolean") {
    if (text !== "true" && text !== "false") {
      report.add(path, valueElement.line, `${field} must be true or false.`);
      return undefined;
    }
    return text === "true";
  }
  if (type === "number") {
    const number = Number(text);
    if (text === "" || !Number.isFinite(number)) {
      report.add(path, valueElement.line, `${field} must be a number.`);
      return undefined;
    }
    return number;
  }
  if (type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    report.add(path, valueElement.line, `${field} must be a yyyy-mm-dd date.`);
    return undefined;
  }
  // Text keeps its spaces: the core trims what it compares.
  return valueElement.text;
}

/** Reads one record file into a rule, or returns null after an error. */
function readRecord(fileName) {
  const path = `${RECORDS_DIRECTORY}/${fileName}`;
  const parsed = parseXmlDocument(
    readFileSync(join(options.root, path), "utf8")
  );
  if (parsed.error) {
    report.add(path, parsed.error.line, `Invalid XML: ${parsed.error.message}`);
    return null;
  }
  const rule = {
    name: fileName.slice(RECORD_PREFIX.length, -RECORD_SUFFIX.length)
  };
  for (const [property] of Object.values(FIELDS)) {
    rule[property] = null;
  }
  rule.active = false;
  rule.usedInPolicies = false;
  for (const values of parsed.root.children) {
    if (values.name !== "values") {
      continue;
    }
    const field = child(values, "field")?.text.trim();
    const value = child(values, "value");
    const definition = FIELDS[field];
    if (definition === undefined || value === null) {
      report.add(
        path,
        values.line,
        `Unknown field "${field}" on an indicator rule record. Add it to ` +
          `FIELDS in scripts/${SCRIPT}.mjs if the type gained it.`
      );
      continue;
    }
    const converted = convert(path, value, definition[1], field);
    if (converted !== undefined) {
      rule[definition[0]] = converted;
    }
  }
  return rule;
}

/** Builds the rules file text from the records, and counts the rules. */
async function generate() {
  const directory = join(options.root, RECORDS_DIRECTORY);
  const files = existsSync(directory)
    ? readdirSync(directory)
        .filter(
          (name) =>
            name.startsWith(RECORD_PREFIX) && name.endsWith(RECORD_SUFFIX)
        )
        .sort()
    : [];
  const rules = files.map(readRecord).filter((rule) => rule !== null);
  const document = {
    format: FORMAT,
    version: VERSION,
    generatedFrom:
      `${RECORDS_DIRECTORY}/${RECORD_PREFIX}*${RECORD_SUFFIX} ` +
      `by scripts/${SCRIPT}.mjs. Edit the records, then run ` +
      `npm run rules.`,
    rules
  };
  const text = await prettier.format(JSON.stringify(document), {
    parser: "json"
  });
  return { text, count: rules.length };
}

const { text, count } = await generate();
const target = join(options.root, RULES_FILE);
if (report.errors.length === 0) {
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (options.check) {
    if (current !== text) {
      report.add(
        RULES_FILE,
        null,
        `The file is ${current === null ? "missing" : "stale"}: it ` +
          `differs from what the indicator rule records generate. Run ` +
          `\`node scripts/${SCRIPT}.mjs\` and commit the result.`
      );
    }
  } else if (current !== text) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
report.finish(
  SCRIPT,
  options.check
    ? `${RULES_FILE} matches the ${count} indicator rule records`
    : `${RULES_FILE} written from ${count} indicator rule records`
);
