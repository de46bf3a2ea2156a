// Runs scripts/pmd/ApexAnalysis.java (apex-ls CheckForIssues plus a PMD
// ruleset, in one JVM) on the jars that @salesforce/code-analyzer-pmd-engine
// ships, and returns its parsed JSON report.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const scriptsDirectory = dirname(dirname(fileURLToPath(import.meta.url)));

export const RULESET_PATH = join(scriptsDirectory, "pmd", "apex-security.xml");
const RUNNER_PATH = join(scriptsDirectory, "pmd", "ApexAnalysis.java");

// apex-ls 6.0.2, bundled with code-analyzer-pmd-engine 0.46.0, has no type
// for TxnSecurity.EventCondition, the interface that an Apex transaction
// security policy implements. Only that exact message is dropped.
const KNOWN_APEX_LS_GAPS = new Set([
  "No type declaration found for 'TxnSecurity.EventCondition'"
]);

function javaLibraryDirectory() {
  const packageJson =
    require.resolve("@salesforce/code-analyzer-pmd-engine/package.json");
  return join(dirname(packageJson), "dist", "java-lib");
}

/**
 * Runs the analysis with `root` as the apex-ls workspace and PMD over
 * `directories`, and returns `{ apexLs, pmd }` as ApexAnalysis.java prints
 * it. Throws an Error with Java's output when the JVM fails.
 */
export function runApexAnalysis(root, directories) {
  const classpath = `${javaLibraryDirectory()}/*`;
  const result = spawnSync(
    "java",
    [
      // C1 only, because a run of a few seconds ends before C2 compilation
      // pays off. On a 2-core machine this halved the run on this project.
      "-XX:TieredStopAtLevel=1",
      "-cp",
      classpath,
      RUNNER_PATH,
      root,
      RULESET_PATH,
      ...directories
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (result.error) {
    throw new Error(
      `could not start java (JDK 17 or later is required): ` +
        result.error.message
    );
  }
  if (result.status !== 0) {
    throw new Error(
      `ApexAnalysis.java exited with status ${result.status}:\n` +
        `${result.stderr}${result.stdout}`
    );
  }
  if (result.stderr.trim() !== "") {
    process.stderr.write(result.stderr);
  }
  return JSON.parse(result.stdout);
}

/**
 * Converts apex-ls's result into `[{ path, line, message }]`, without the
 * known gaps. An apex-ls failure becomes one error on the workspace.
 */
export function apexLsFindings(apexLs, root) {
  const findings = [];
  // CheckForIssues exits with 4 when it reports issues.
  if (!apexLs.report || ![0, 4].includes(apexLs.status)) {
    findings.push({
      path: join(root, "sfdx-project.json"),
      line: null,
      message:
        `apex-ls failed with status ${apexLs.status}: ` +
        (apexLs.output || "no output")
    });
    return findings;
  }
  for (const file of apexLs.report.files) {
    for (const issue of file.messages) {
      if (KNOWN_APEX_LS_GAPS.has(issue.message)) {
        continue;
      }
      findings.push({
        path: file.path,
        line: issue.start.line,
        message: `apex-ls: ${issue.category}: ${issue.message}`
      });
    }
  }
  return findings;
}

/**
 * Converts PMD's violations, processing errors and ruleset errors into
 * `[{ path, line, message }]`.
 */
export function pmdFindings(pmd) {
  const findings = pmd.violations.map((violation) => ({
    path: violation.file,
    line: violation.line,
    message: `${violation.rule}: ${violation.message}`
  }));
  for (const error of pmd.processingErrors) {
    findings.push({
      path: error.file,
      line: 1,
      message: `PMD could not analyse this file: ${error.message}`
    });
  }
  for (const message of [...pmd.configurationErrors, ...pmd.reporterErrors]) {
    findings.push({
      path: RULESET_PATH,
      line: null,
      message: `PMD: ${message}`
    });
  }
  if (pmd.rules.length === 0) {
    findings.push({
      path: RULESET_PATH,
      line: null,
      message: "PMD loaded no rules from this ruleset"
    });
  }
  return findings;
}
