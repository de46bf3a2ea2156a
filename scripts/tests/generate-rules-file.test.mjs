// Tests for scripts/generate-rules-file.mjs on small projects made in a
// temporary folder.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { addFile, removeCopy, runCheck } from "./fixture-project.mjs";

const RECORDS = "force-app/main/default/customMetadata";
const RULES_FILE = "rules/indicator-rules.json";

function recordXml(values) {
  const fields = Object.entries(values)
    .map(
      ([field, [type, value]]) =>
        `    <values>\n        <field>${field}</field>\n` +
        (value === null
          ? `        <value xsi:nil="true"/>\n`
          : `        <value xsi:type="xsd:${type}">${value}</value>\n`) +
        `    </values>\n`
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" ?>\n<CustomMetadata ` +
    `xmlns="http://soap.sforce.com/2006/04/metadata" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n` +
    `    <label>Rule</label>\n    <protected>false</protected>\n` +
    `${fields}</CustomMetadata>\n`
  );
}

const AGENT = {
  Active__c: ["boolean", "true"],
  Field__c: ["string", "USER_AGENT"],
  Kind__c: ["string", "UserAgent"],
  Match_Kind__c: ["string", "Exact"],
  Pattern__c: ["string", "agent/1.0"],
  Rule_Id__c: ["string", "UA-AGENT"],
  Severity__c: ["string", "High"],
  Source_Date__c: ["date", "2025-08-26"],
  Source__c: ["string", "Advisory"],
  Title__c: ["string", "Agent"],
  Use_In_Policies__c: ["boolean", "true"]
};

const VOLUME = {
  Active__c: ["boolean", "true"],
  Field__c: ["string", "ROWS_PROCESSED"],
  Kind__c: ["string", "ExportVolume"],
  Pattern__c: ["string", null],
  Rule_Id__c: ["string", "VOLUME"],
  Scope__c: ["string", "App"],
  Severity__c: ["string", "Medium"],
  Threshold__c: ["double", "500000.0"],
  Title__c: ["string", "Volume"],
  Use_In_Policies__c: ["boolean", "false"]
};

/** Makes a project with the given records and returns its folder. */
function project(records) {
  const root = mkdtempSync(join(tmpdir(), "oauth-guard-rules-"));
  for (const [name, values] of Object.entries(records)) {
    addFile(
      root,
      `${RECORDS}/OAuth_Guard_Indicator_Rule.${name}.md-meta.xml`,
      recordXml(values)
    );
  }
  addFile(root, `${RECORDS}/OAuth_Guard_Setting.Other.md-meta.xml`, "<x/>");
  return root;
}

describe("generate-rules-file", { concurrency: 4 }, () => {
  test("writes every record in the DTO shape", async () => {
    const root = project({ Agent: AGENT, Volume: VOLUME });
    try {
      const { status, output } = await runCheck(
        "generate-rules-file.mjs",
        root
      );
      assert.equal(status, 0, output);
      const document = JSON.parse(readFileSync(join(root, RULES_FILE), "utf8"));
      assert.equal(document.format, "oauth-guard-indicator-rules");
      assert.deepEqual(document.rules, [
        {
          name: "Agent",
          ruleId: "UA-AGENT",
          title: "Agent",
          severity: "High",
          kind: "UserAgent",
          matchKind: "Exact",
          field: "USER_AGENT",
          pattern: "agent/1.0",
          threshold: null,
          scope: null,
          source: "Advisory",
          sourceDate: "2025-08-26",
          active: true,
          usedInPolicies: true
        },
        {
          name: "Volume",
          ruleId: "VOLUME",
          title: "Volume",
          severity: "Medium",
          kind: "ExportVolume",
          matchKind: null,
          field: "ROWS_PROCESSED",
          pattern: null,
          threshold: 500000,
          scope: "App",
          source: null,
          sourceDate: null,
          active: true,
          usedInPolicies: false
        }
      ]);
    } finally {
      removeCopy(root);
    }
  });

  test("passes --check on a current file", async () => {
    const root = project({ Agent: AGENT });
    try {
      await runCheck("generate-rules-file.mjs", root);
      const { status, output } = await runCheck(
        "generate-rules-file.mjs",
        root,
        ["--check"]
      );
      assert.equal(status, 0, output);
      assert.match(output, /matches the 1 indicator rule records/);
    } finally {
      removeCopy(root);
    }
  });

  test("fails --check on a stale file", async () => {
    const root = project({ Agent: AGENT });
    try {
      await runCheck("generate-rules-file.mjs", root);
      writeFileSync(join(root, RULES_FILE), "{}\n");
      const { status, output } = await runCheck(
        "generate-rules-file.mjs",
        root,
        ["--check"]
      );
      assert.equal(status, 1);
      assert.match(output, /rules\/indicator-rules\.json:1: The file is stale/);
    } finally {
      removeCopy(root);
    }
  });

  test("fails --check on a missing file", async () => {
    const root = project({ Agent: AGENT });
    try {
      const { status, output } = await runCheck(
        "generate-rules-file.mjs",
        root,
        ["--check"]
      );
      assert.equal(status, 1);
      assert.match(output, /The file is missing/);
    } finally {
      removeCopy(root);
    }
  });

  test("names an unknown field and a bad value", async () => {
    const root = project({
      Odd: { ...AGENT, Colour__c: ["string", "red"] },
      Bad: { ...AGENT, Active__c: ["boolean", "yes"] }
    });
    try {
      const { status, output } = await runCheck(
        "generate-rules-file.mjs",
        root
      );
      assert.equal(status, 1);
      assert.match(output, /Unknown field "Colour__c"/);
      assert.match(output, /Active__c must be true or false/);
    } finally {
      removeCopy(root);
    }
  });
});
