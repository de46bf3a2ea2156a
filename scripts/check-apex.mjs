#!/usr/bin/env node
// Checks the Apex under the project's package directories offline:
// apex-ls semantic errors (unknown methods, types, SObject fields, bad
// assignments), PMD security rules from scripts/pmd/apex-security.xml, and
// the suppression policy enforced by lib/apex-suppressions.mjs.
//
// Options: --root=DIR (project root with sfdx-project.json, default cwd).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  apexLsFindings,
  pmdFindings,
  runApexAnalysis
} from "./lib/apex-analysis.mjs";
import {
  checkNopmdScope,
  checkSuppressions
} from "./lib/apex-suppressions.mjs";
import { ErrorReport, parseCheckOptions } from "./lib/cli.mjs";
import { listFiles, readPackageDirectories } from "./lib/sfdx-project.mjs";

const SCRIPT = "check-apex";
const options = parseCheckOptions(`scripts/${SCRIPT}.mjs`);
const report = new ErrorReport(options.root);

let packageDirectories;
try {
  packageDirectories = readPackageDirectories(options.root);
} catch (error) {
  report.add("sfdx-project.json", 1, error.message);
  report.finish(SCRIPT, "");
}

const apexFiles = packageDirectories.flatMap((directory) =>
  listFiles(directory, (name) => /\.(cls|trigger)$/.test(name))
);

let analysis;
try {
  analysis = runApexAnalysis(options.root, packageDirectories);
} catch (error) {
  report.add("scripts/pmd/ApexAnalysis.java", null, error.message);
  report.finish(SCRIPT, "");
}

const findings = [
  ...apexLsFindings(analysis.apexLs, options.root),
  ...pmdFindings(analysis.pmd)
];
for (const path of apexFiles) {
  findings.push(...suppressionFindings(path));
}
for (const { path, line, message } of findings) {
  report.add(path, line, message);
}
report.finish(
  SCRIPT,
  `${apexFiles.length} Apex files pass apex-ls and ` +
    `${analysis.pmd.rules.length} PMD rules`
);

function suppressionFindings(path) {
  const { errors, nopmdRules } = checkSuppressions(
    readFileSync(path, "utf8"),
    analysis.pmd.rules
  );
  const suppressed = analysis.pmd.suppressed.filter(
    (violation) => resolve(violation.file) === path
  );
  return [...errors, ...checkNopmdScope(nopmdRules, suppressed)].map(
    (error) => ({ path, ...error })
  );
}
