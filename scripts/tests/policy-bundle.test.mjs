// Tests for scripts/policy-bundle.mjs on a copy of fixtures/policy-project.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { copyFixture, removeCopy, runCheck } from "./fixture-project.mjs";

const BUNDLED_POLICY =
  "policies/transactionSecurityPolicies/" +
  "Large_Export.transactionSecurityPolicy-meta.xml";

/** Runs the script on a fixture copy and returns its output and bundle. */
async function bundle(extraArgs) {
  const root = copyFixture("policy-project");
  try {
    const result = await runCheck("policy-bundle.mjs", root, extraArgs);
    const out = join(root, "build/standalone-policies");
    const policyPath = join(out, BUNDLED_POLICY);
    return {
      ...result,
      policy: existsSync(policyPath) ? readFileSync(policyPath, "utf8") : null,
      project: existsSync(join(out, "sfdx-project.json"))
        ? JSON.parse(readFileSync(join(out, "sfdx-project.json"), "utf8"))
        : null
    };
  } finally {
    removeCopy(root);
  }
}

describe("policy-bundle", { concurrency: 4 }, () => {
  test("qualifies the class with the namespace", async () => {
    const { status, output, policy, project } = await bundle([
      "--namespace=acme"
    ]);
    assert.equal(status, 0, output);
    assert.match(policy, /<apexClass>acme__ExportCondition<\/apexClass>/);
    assert.deepEqual(project.packageDirectories, [
      { path: "policies", default: true }
    ]);
  });

  test("keeps plain names without a namespace", async () => {
    const { status, output, policy } = await bundle(["--namespace="]);
    assert.equal(status, 0, output);
    assert.match(policy, /<apexClass>ExportCondition<\/apexClass>/);
  });

  test("keeps the policy inactive", async () => {
    const { policy } = await bundle(["--namespace=acme"]);
    assert.match(policy, /<active>false<\/active>/);
  });

  test("requires --namespace", async () => {
    const { status, output } = await bundle([]);
    assert.equal(status, 1, output);
    assert.match(output, /--namespace is missing/);
  });

  test("rejects an invalid namespace", async () => {
    const { status, output } = await bundle(["--namespace=9lives"]);
    assert.equal(status, 1, output);
    assert.match(output, /--namespace "9lives" is invalid/);
  });
});
