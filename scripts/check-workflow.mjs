#!/usr/bin/env node
// Checks .github/workflows/ci.yml offline: the GitHub Actions schema (via
// action-validator), then the jobs and steps this project relies on.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const projectRoot =
  process.argv.find((arg) => arg.startsWith("--root="))?.slice(7) ??
  process.cwd();
const relativePath = ".github/workflows/ci.yml";
const workflowPath = join(projectRoot, relativePath);
const problems = [];

const schema = spawnSync(
  join(projectRoot, "node_modules/.bin/action-validator"),
  [workflowPath],
  { encoding: "utf8" }
);
if (schema.status !== 0) {
  problems.push(
    `does not match the GitHub Actions workflow schema:\n${schema.stdout}${schema.stderr}`
  );
}

const workflow = parse(readFileSync(workflowPath, "utf8")) ?? {};
const jobs = workflow.jobs ?? {};
const runs = (job) =>
  (job?.steps ?? []).map((step) => step.run ?? "").join("\n");

if (!jobs.static) {
  problems.push("has no `static` job");
} else if (
  !/npm ci/.test(runs(jobs.static)) ||
  !/npm test/.test(runs(jobs.static))
) {
  problems.push("job `static` must run `npm ci` then `npm test`");
}

const scratch = jobs["scratch-org"];
if (!scratch) {
  problems.push("has no `scratch-org` job");
} else {
  const scratchRuns = runs(scratch);
  const steps = scratch.steps ?? [];
  if (scratch.needs !== "static") {
    problems.push("job `scratch-org` must need `static`");
  }
  const skip = steps.find((step) => /skip/i.test(step.name ?? ""));
  if (!skip || !/secret/i.test(skip.run ?? "")) {
    problems.push(
      "job `scratch-org` must say why it skipped when the Dev Hub secret is missing"
    );
  }
  const definitions = (scratch.strategy?.matrix?.shape ?? []).map(
    (shape) => shape.definition
  );
  for (const definition of [
    "config/project-scratch-def.json",
    "config/event-monitoring-scratch-def.json"
  ]) {
    if (!definitions.includes(definition)) {
      problems.push(`job \`scratch-org\` does not create ${definition}`);
    }
    if (!existsSync(join(projectRoot, definition))) {
      problems.push(`names ${definition}, which does not exist`);
    }
  }
  for (const [pattern, need] of [
    [/--duration-days 1\b/, "create one-day scratch orgs"],
    [/npm run deploy/, "deploy with `npm run deploy`"],
    [/assign permset/, "assign the permission sets"],
    [/apex run test[^\n]*--code-coverage/, "run Apex tests with coverage"],
    [/check-apex-coverage\.mjs \S+ 85\b/, "fail under 85% coverage"]
  ]) {
    if (!pattern.test(scratchRuns)) {
      problems.push(`job \`scratch-org\` must ${need}`);
    }
  }
  const cleanup = steps.find((step) =>
    /org delete scratch/.test(step.run ?? "")
  );
  if (!cleanup || !/always\(\)/.test(cleanup.if ?? "")) {
    problems.push("job `scratch-org` must always delete its scratch org");
  }
}

for (const problem of problems) {
  console.error(`${relativePath}: ${problem}`);
}
if (problems.length > 0) {
  process.exit(1);
}
console.log(`workflow: ${relativePath} is valid and has the expected jobs`);
