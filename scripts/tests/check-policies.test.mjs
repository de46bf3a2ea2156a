// Tests for scripts/check-policies.mjs: each case plants one error in a
// copy of fixtures/policy-project and expects `path:LINE: message`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addFile,
  copyFixture,
  plant,
  removeCopy,
  runCheck
} from "./fixture-project.mjs";

const DEFAULT = "force-app/main/default";
const POLICY =
  `${DEFAULT}/transactionSecurityPolicies/` +
  "Large_Export.transactionSecurityPolicy-meta.xml";
const CONDITION = `${DEFAULT}/classes/ExportCondition.cls`;

/** Copies the fixture, applies `prepare(root)`, runs the check. */
async function checkFixture(prepare) {
  const root = copyFixture("policy-project");
  try {
    prepare(root);
    return await runCheck("check-policies.mjs", root);
  } finally {
    removeCopy(root);
  }
}

/** Plants one change in the policy file and runs the check. */
function checkPlantedPolicy(change) {
  return checkFixture((root) => plant(root, POLICY, change));
}

function assertReports({ status, output }, location, message) {
  assert.equal(status, 1, output);
  assert.ok(
    output.includes(`${location}: ${message}`),
    `expected "${location}: ${message}" in:\n${output}`
  );
}

describe("check-policies", { concurrency: 4 }, () => {
  test("valid fixture passes", async () => {
    const { status, output } = await checkFixture(() => {});
    assert.equal(status, 0, output);
    assert.match(output, /check-policies: 1 policies name global Apex/);
  });

  test("class that does not exist", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace(">ExportCondition<", ">MissingCondition<")
      ),
      `${POLICY}:10`,
      "apexClass MissingCondition names no Apex class in the project"
    );
  });

  test("class without the condition interface", async () => {
    assertReports(
      await checkFixture((root) =>
        plant(root, CONDITION, (text) =>
          text.replace(" implements TxnSecurity.EventCondition", "")
        )
      ),
      `${POLICY}:10`,
      "ExportCondition does not implement TxnSecurity.EventCondition"
    );
  });

  test("interface named only in a comment", async () => {
    assertReports(
      await checkFixture((root) =>
        plant(root, CONDITION, (text) =>
          text.replace(
            " implements TxnSecurity.EventCondition {",
            " /* implements TxnSecurity.EventCondition */ {"
          )
        )
      ),
      `${POLICY}:10`,
      "ExportCondition does not implement TxnSecurity.EventCondition"
    );
  });

  test("class that is not global", async () => {
    assertReports(
      await checkFixture((root) =>
        plant(root, CONDITION, (text) =>
          text.replace("global with sharing", "public with sharing")
        )
      ),
      `${POLICY}:10`,
      "ExportCondition is not global"
    );
  });

  test("class without evaluate", async () => {
    assertReports(
      await checkFixture((root) =>
        plant(root, CONDITION, (text) =>
          text.replace("Boolean evaluate(", "Boolean check(")
        )
      ),
      `${POLICY}:10`,
      "ExportCondition defines no evaluate(SObject) method"
    );
  });

  test("namespace of another package", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace(">ExportCondition<", ">other__ExportCondition<")
      ),
      `${POLICY}:10`,
      "apexClass other__ExportCondition names the namespace other"
    );
  });

  test("project namespace is accepted", async () => {
    const { status, output } = await checkFixture((root) => {
      plant(root, "sfdx-project.json", (text) =>
        text.replace('"namespace": ""', '"namespace": "guard"')
      );
      plant(root, POLICY, (text) =>
        text.replace(">ExportCondition<", ">guard__ExportCondition<")
      );
    });
    assert.equal(status, 0, output);
  });

  test("legacy eventType", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace(
          "<eventName>ReportEvent</eventName>",
          "<eventName>ReportEvent</eventName>\n    <eventType>DataExport</eventType>"
        )
      ),
      `${POLICY}:15`,
      "eventType belongs to legacy policies"
    );
  });

  test("missing eventName", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace("    <eventName>ReportEvent</eventName>\n", "")
      ),
      POLICY + ":1",
      "eventName is missing"
    );
  });

  test("condition builder type", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace("CustomApexPolicy", "CustomConditionBuilderPolicy")
      ),
      `${POLICY}:16`,
      "type must be CustomApexPolicy"
    );
  });

  test("active policy", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace("<active>false</active>", "<active>true</active>")
      ),
      `${POLICY}:9`,
      "active must be false"
    );
  });

  test("developerName that differs from the file name", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace(">Large_Export<", ">Big_Export<")
      ),
      `${POLICY}:13`,
      "developerName must equal the file name, Large_Export"
    );
  });

  test("missing block message", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace(/ {4}<blockMessage>[^\n]*\n/, "")
      ),
      POLICY + ":1",
      "blockMessage is missing"
    );
  });

  test("block message over 1,000 characters", async () => {
    assertReports(
      await checkPlantedPolicy((text) =>
        text.replace("Contact your administrator.", "x".repeat(1000))
      ),
      `${POLICY}:11`,
      "blockMessage has 1035 characters; the maximum is 1000"
    );
  });

  test("policy file that is not XML", async () => {
    assertReports(
      await checkFixture((root) =>
        addFile(
          root,
          `${DEFAULT}/transactionSecurityPolicies/` +
            "Broken.transactionSecurityPolicy-meta.xml",
          "<TransactionSecurityPolicy>\n"
        )
      ),
      `${DEFAULT}/transactionSecurityPolicies/` +
        "Broken.transactionSecurityPolicy-meta.xml:1",
      "malformed XML"
    );
  });
});
