#!/usr/bin/env node
// Checks the transaction security policies under the project's package
// directories. Each policy must use current elements only (eventName, type
// CustomApexPolicy, no legacy eventType) and ship inactive. Its description
// and block message must be present and within the Metadata API's limits.
// Its apexClass must name a global Apex class of the project that
// implements TxnSecurity.EventCondition and defines evaluate(SObject).
// check-metadata does the typed XML check.
//
// Options: --root=DIR (project root with sfdx-project.json, default cwd).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ErrorReport, parseCheckOptions } from "./lib/cli.mjs";
import {
  checkPolicyFile,
  indexApexClasses,
  listPolicyFiles
} from "./lib/policy-files.mjs";
import { readPackageDirectories } from "./lib/sfdx-project.mjs";

const SCRIPT = "check-policies";
const options = parseCheckOptions(`scripts/${SCRIPT}.mjs`);
const report = new ErrorReport(options.root);

let packageDirectories;
let namespace;
try {
  packageDirectories = readPackageDirectories(options.root);
  const project = JSON.parse(
    readFileSync(join(options.root, "sfdx-project.json"), "utf8")
  );
  namespace = project.namespace ?? "";
} catch (error) {
  report.add("sfdx-project.json", 1, error.message);
  report.finish(SCRIPT, "");
}

const policyFiles = listPolicyFiles(packageDirectories);
const classes = indexApexClasses(packageDirectories);
for (const path of policyFiles) {
  for (const { line, message } of checkPolicyFile(path, classes, namespace)) {
    report.add(path, line, message);
  }
}
report.finish(
  SCRIPT,
  `${policyFiles.length} policies name global Apex classes that implement ` +
    "TxnSecurity.EventCondition"
);
