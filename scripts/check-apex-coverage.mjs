#!/usr/bin/env node
// Fails when the Apex test run in DIR (written by `sf apex run test
// --output-dir DIR --code-coverage`) covered less than MINIMUM percent.
// Usage: node scripts/check-apex-coverage.mjs DIR MINIMUM
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [resultDir, minimumText] = process.argv.slice(2);
const minimum = Number(minimumText);
if (!resultDir || !Number.isFinite(minimum)) {
  console.error("Usage: node scripts/check-apex-coverage.mjs DIR MINIMUM");
  process.exit(2);
}

function readSummary() {
  for (const file of readdirSync(resultDir)) {
    if (!/^test-result.*\.json$/.test(file) || /codecoverage/.test(file)) {
      continue;
    }
    const summary = JSON.parse(
      readFileSync(join(resultDir, file), "utf8")
    ).summary;
    if (summary?.testRunCoverage) {
      return { file, summary };
    }
  }
  return null;
}

const found = readSummary();
if (!found) {
  console.error(`${resultDir}: no test result with a coverage summary found`);
  process.exit(1);
}
const coverage = Number.parseFloat(found.summary.testRunCoverage);
if (!(coverage >= minimum)) {
  console.error(
    `${join(resultDir, found.file)}: Apex coverage ${found.summary.testRunCoverage} is below ${minimum}%`
  );
  process.exit(1);
}
console.log(
  `Apex coverage ${found.summary.testRunCoverage} (minimum ${minimum}%)`
);
