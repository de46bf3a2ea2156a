// Tests for scripts/check-apex.mjs on copies of fixtures/apex-project. The
// planted errors share one copy, because each run starts a JVM.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apexLsFindings } from "../lib/apex-analysis.mjs";
import {
  addFile,
  copyFixture,
  removeCopy,
  runCheck
} from "./fixture-project.mjs";

const CLASSES = "force-app/main/default/classes";
const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>64.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

const PLANTED = {
  UnknownCall: `public with sharing class UnknownCall {
  public static Integer run() {
    return TokenReport.countTokenz();
  }
}
`,
  DynamicQuery: `public with sharing class DynamicQuery {
  public static List<User> byName(String name) {
    return Database.query(
      'SELECT Id FROM User WHERE Name = \\'' + name + '\\''
    );
  }
}
`,
  NoSharing: `public class NoSharing {
  public static List<User> users() {
    return [SELECT Id FROM User WITH USER_MODE];
  }
}
`,
  BareNopmd: `public with sharing class BareNopmd {
  public static Integer count() {
    return [SELECT COUNT() FROM User]; // NOPMD
  }
}
`,
  ClassSuppression: `// Fixture: every query here is reviewed.
@SuppressWarnings('PMD.ApexCRUDViolation')
public with sharing class ClassSuppression {
  public static Integer count() {
    return [SELECT COUNT() FROM User];
  }
}
`
};

test("clean fixture passes", async () => {
  const root = copyFixture("apex-project");
  try {
    const { status, output } = await runCheck("check-apex.mjs", root);
    assert.equal(status, 0, output);
    assert.match(output, /check-apex: 3 Apex files pass/);
  } finally {
    removeCopy(root);
  }
});

describe("planted Apex errors", () => {
  let root;
  let result;

  before(async () => {
    root = copyFixture("apex-project");
    for (const [name, source] of Object.entries(PLANTED)) {
      addFile(root, `${CLASSES}/${name}.cls`, source);
      addFile(root, `${CLASSES}/${name}.cls-meta.xml`, CLASS_META);
    }
    result = await runCheck("check-apex.mjs", root);
  });

  after(() => removeCopy(root));

  /** Asserts that the output contains the line `LOCATION: MESSAGE...`. */
  const assertReports = (location, message) =>
    assert.ok(
      result.output.includes(`${location}: ${message}`),
      `expected "${location}: ${message}" in:\n${result.output}`
    );

  test("check fails", () => {
    assert.equal(result.status, 1, result.output);
  });

  test("unknown method named by apex-ls", () => {
    assertReports(
      `${CLASSES}/UnknownCall.cls:3`,
      "apex-ls: Missing: No matching method found for 'countTokenz'"
    );
  });

  test("concatenated dynamic query", () => {
    assertReports(`${CLASSES}/DynamicQuery.cls:4`, "ApexSOQLInjection: ");
  });

  test("class without sharing", () => {
    assertReports(`${CLASSES}/NoSharing.cls:1`, "ApexSharingViolations: ");
  });

  test("NOPMD without rule or reason", () => {
    assertReports(
      `${CLASSES}/BareNopmd.cls:3`,
      "NOPMD must name one rule and give a reason"
    );
  });

  test("class-level suppression", () => {
    assertReports(
      `${CLASSES}/ClassSuppression.cls:2`,
      "@SuppressWarnings on a class is not allowed"
    );
  });

  test("TxnSecurity gap stays filtered", () => {
    assert.doesNotMatch(result.output, /LoginPolicy\.cls/);
  });
});

describe("apexLsFindings", () => {
  const report = (message) => ({
    status: 4,
    report: {
      files: [
        {
          path: "/project/force-app/main/default/classes/Policy.cls",
          messages: [{ start: { line: 2 }, category: "Missing", message }]
        }
      ]
    }
  });

  test("drops the EventCondition gap", () => {
    const message =
      "No type declaration found for 'TxnSecurity.EventCondition'";
    assert.deepEqual(apexLsFindings(report(message), "/project"), []);
  });

  test("keeps other TxnSecurity types", () => {
    const message = "No type declaration found for 'TxnSecurity.Event'";
    const findings = apexLsFindings(report(message), "/project");
    assert.equal(findings.length, 1);
    assert.equal(findings[0].line, 2);
    assert.match(findings[0].message, /TxnSecurity\.Event'/);
  });

  test("reports an apex-ls failure", () => {
    const findings = apexLsFindings(
      { status: 1, report: null, output: "boom" },
      "/project"
    );
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /apex-ls failed with status 1: boom/);
  });
});
