// Each gate plants one small error in a temporary copy of the project and
// asserts that the check meant to catch it fails and names the file.
import assert from "node:assert/strict";
import { test } from "node:test";
import { basename } from "node:path";

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
import { copyProject, plant, removeCopy, runScript } from "./project-copy.mjs";

const LWC = "force-app/main/default/lwc";
const CLASSES = "force-app/main/default/classes";

const GATES = [
  {
    name: "type check catches a type error",
    script: "typecheck",
    file: `${LWC}/systemPermissions/systemPermissions.ts`,
    failure: (name) => `${name}\\(\\d+,\\d+\\): error TS`,
    change: (text) => `${text}\nexport const plantedCount: number = "text";\n`
  },
  {
    name: "lint catches a lint error",
    script: "lint",
    file: `${LWC}/errorText/errorText.ts`,
    failure: (name) => `${name}\\n\\s+\\d+:\\d+\\s+error`,
    change: (text) =>
      `${text}\nexport const plantedValue: unknown = eval("1");\n`
  },
  {
    name: "format check catches an unformatted file",
    script: "format:check",
    file: `${LWC}/errorText/errorText.ts`,
    failure: (name) => `\\[warn\\] \\S*${name}`,
    change: (text) => `${text}\nexport   const   plantedSpacing =   1 ;\n`
  },
  {
    name: "unit tests catch a failing test",
    script: "test:unit",
    file: `${LWC}/errorText/__tests__/errorText.test.ts`,
    failure: (name) => `FAIL .*${name}`,
    change: (text) =>
      `${text}\nit("planted failure", () => {\n  expect(1).toBe(2);\n});\n`
  },
  {
    name: "LWC compile catches a template the platform rejects",
    script: "check:lwc",
    file: `${LWC}/oauthGuardApp/oauthGuardApp.html`,
    failure: (name) => `${name}:\\d+: `,
    change: (text) =>
      text.replace(
        "</template>\n",
        "<p>{activeTab.length + 1}</p></template>\n"
      )
  },
  {
    name: "metadata check catches a bad enum value",
    script: "check:metadata",
    file: "force-app/main/default/tabs/OAuth_Guard.tab-meta.xml",
    failure: (name) => `${name}:\\d+: .*motif`,
    change: (text) =>
      text.replace(/<motif>[^<]*<\/motif>/, "<motif>Sometimes</motif>")
  },
  {
    name: "Apex check catches a call to an unknown method",
    script: "check:apex",
    file: `${CLASSES}/SystemPermissionController.cls`,
    failure: (name) => `${name}:\\d+: .*getPlantedNothing`,
    change: (text) =>
      text.replace(
        "Set<String> granted = new Set<String>();",
        "Set<String> granted = new Set<String>();\n    String planted = UserInfo.getPlantedNothing();"
      )
  },
  {
    name: "Apex check catches a query built by concatenation",
    script: "check:apex",
    file: `${CLASSES}/SystemPermissionController.cls`,
    failure: (name) => `${name}:\\d+: ApexSOQLInjection`,
    change: (text) =>
      text.replace(
        /\n}\s*$/,
        "\n  public static List<User> findPlanted(String name) {\n    return Database.query('SELECT Id FROM User WHERE Name = \\'' + name + '\\'');\n  }\n}\n"
      )
  },
  {
    name: "policy check catches a condition without its interface",
    script: "check:policies",
    file:
      "force-app/main/default/transactionSecurityPolicies/" +
      "OAuth_Guard_Api_Data_Pull.transactionSecurityPolicy-meta.xml",
    edits: `${CLASSES}/ApiDataPullCondition.cls`,
    failure: (name) =>
      `${name}:\\d+: .*does not implement TxnSecurity\\.EventCondition`,
    change: (text) => text.replace(" implements TxnSecurity.EventCondition", "")
  },
  {
    name: "vector check catches stale Apex test data",
    script: "vectors:check",
    file: "force-app/main/default/classes/AppFiguresVectors.cls",
    edits: "vectors/app-figures.json",
    failure: (name) => `${name}`,
    change: (text) =>
      text.replace('"staleAfterDays": 90', '"staleAfterDays": 91')
  },
  {
    name: "workflow check catches a missing skip message",
    script: "check:workflow",
    file: ".github/workflows/ci.yml",
    failure: (name) =>
      `${name}: .*why it skipped when the Dev Hub secret is missing`,
    change: (text) => text.replace("Skip without a Dev Hub", "Dev Hub notice")
  }
];

for (const gate of GATES) {
  test(gate.name, () => {
    const copyRoot = copyProject();
    try {
      // Most gates plant the error in the file the check must name; the
      // vector gate edits the JSON and expects the stale class named.
      const edited = gate.edits ?? gate.file;
      plant(copyRoot, edited, (text) => {
        const changed = gate.change(text);
        assert.notEqual(changed, text, `the gate did not change ${edited}`);
        return changed;
      });
      const { status, output } = runScript(copyRoot, gate.script);
      assert.notEqual(status, 0, `npm run ${gate.script} passed:\n${output}`);
      const pattern = new RegExp(
        gate.failure(escapeRegExp(basename(gate.file)))
      );
      assert.match(
        output,
        pattern,
        `npm run ${gate.script} failed without reporting ${gate.file}:\n${output}`
      );
    } finally {
      removeCopy(copyRoot);
    }
  });
}
