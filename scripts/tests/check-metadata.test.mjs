// Tests for scripts/check-metadata.mjs: each case plants one error in a
// copy of fixtures/metadata-project and expects `path:LINE: message`.
import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  addFile,
  copyFixture,
  plant,
  removeCopy,
  runCheck
} from "./fixture-project.mjs";

const DEFAULT = "force-app/main/default";
const PERMISSION_SET =
  `${DEFAULT}/permissionsets/` + "Guard_Viewer.permissionset-meta.xml";
const TAB = `${DEFAULT}/tabs/Guard_Home.tab-meta.xml`;
const FIELD =
  `${DEFAULT}/objects/Guard_Setting__mdt/fields/` +
  "Stale_After_Days__c.field-meta.xml";
const BUNDLE = `${DEFAULT}/lwc/guardHome/guardHome.js-meta.xml`;
const RESOURCE_CONTENT = `${DEFAULT}/staticresources/guardIcons/icons.xml`;
const NAMESPACE = ' xmlns="http://soap.sforce.com/2006/04/metadata"';

/** Copies the fixture, applies `prepare(root)`, runs the check. */
async function checkFixture(prepare, extraArgs = []) {
  const root = copyFixture("metadata-project");
  try {
    prepare(root);
    return await runCheck("check-metadata.mjs", root, extraArgs);
  } finally {
    removeCopy(root);
  }
}

/** Asserts that `output` contains the line `LOCATION: MESSAGE...`. */
function assertReports(output, location, message) {
  assert.ok(
    output.includes(`${location}: ${message}`),
    `expected "${location}: ${message}" in:\n${output}`
  );
}

describe("check-metadata", { concurrency: 4 }, () => {
  test("valid fixture passes and lists types", async () => {
    const { status, output } = await checkFixture(() => {}, [
      "--expect-types=ApexClass,CustomTab,LightningComponentBundle"
    ]);
    assert.equal(status, 0, output);
    assert.ok(
      output.includes(
        "package.xml types: ApexClass, CustomField, CustomMetadata, " +
          "CustomObject, CustomTab, LightningComponentBundle, " +
          "PermissionSet, StaticResource"
      ),
      output
    );
  });

  test("bad enum value in nested field", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, PERMISSION_SET, (text) =>
        text.replace(
          "<visibility>Visible</visibility>",
          "<visibility>Sometimes</visibility>"
        )
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${PERMISSION_SET}:12`,
      'invalid value "Sometimes" in <visibility>: expected one of ' +
        '"None", "Available", "Visible"'
    );
  });

  test("bad tab motif", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, TAB, (text) =>
        text.replace("Custom19: Wrench", "Custom19: Spanner")
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${TAB}:5`,
      'invalid value "Custom19: Spanner" in <motif>'
    );
  });

  test("boolean field with another value", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, BUNDLE, (text) =>
        text.replace("<isExposed>true", "<isExposed>yes")
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${BUNDLE}:4`,
      'invalid value "yes" in <isExposed>: expected true or false'
    );
  });

  test("unknown element", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, PERMISSION_SET, (text) =>
        text.replace(
          "<label>Guard Viewer</label>",
          "<label>Guard Viewer</label>\n    <isVisible>true</isVisible>"
        )
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${PERMISSION_SET}:10`,
      "unknown element <isVisible> in PermissionSet"
    );
  });

  test("unknown element in nested type", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, PERMISSION_SET, (text) =>
        text.replace("<tab>Guard_Home</tab>", "<tabName>Guard_Home</tabName>")
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${PERMISSION_SET}:11`,
      "unknown element <tabName> in PermissionSetTabSetting"
    );
  });

  test("wrong root element", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, PERMISSION_SET, (text) =>
        text.replaceAll("PermissionSet", "CustomTab")
      )
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${PERMISSION_SET}:2`,
      "root element <CustomTab> does not match the file's metadata type: " +
        "expected <PermissionSet>"
    );
  });

  test("missing metadata namespace", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, TAB, (text) => text.replace(NAMESPACE, ""))
    );
    assert.equal(status, 1, output);
    assertReports(output, `${TAB}:2`, "<CustomTab> must declare xmlns");
  });

  test("malformed XML in a decomposed child", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, FIELD, (text) =>
        text.replace("<precision>4</precision>", "<precision>4</scale>")
      )
    );
    assert.equal(status, 1, output);
    assertReports(output, `${FIELD}:7`, "malformed XML (column ");
  });

  test("malformed XML in static resource content", async () => {
    const { status, output } = await checkFixture((root) =>
      plant(root, RESOURCE_CONTENT, (text) =>
        text.replace("</icons>", "</icon>")
      )
    );
    assert.equal(status, 1, output);
    assertReports(output, `${RESOURCE_CONTENT}:4`, "malformed XML (column ");
  });

  test("misnamed metadata file", async () => {
    const misnamed = `${DEFAULT}/permissionsets/Guard_Admin.permissionset.xml`;
    const { status, output } = await checkFixture((root) =>
      addFile(root, misnamed, `<PermissionSet${NAMESPACE}/>\n`)
    );
    assert.equal(status, 1, output);
    assertReports(output, `${misnamed}:1`, "not resolved to any metadata type");
  });

  test("missing expected type", async () => {
    const { status, output } = await checkFixture(() => {}, [
      "--expect-types=ApexClass,ApexTrigger"
    ]);
    assert.equal(status, 1, output);
    assertReports(
      output,
      "force-app",
      "expected metadata type ApexTrigger is missing"
    );
    assert.ok(!output.includes("type ApexClass is missing"), output);
  });

  test("conversion of --source instead", async () => {
    const { status, output } = await checkFixture(
      (root) => {
        cpSync(join(root, "force-app"), join(root, "build/force-app"), {
          recursive: true
        });
        rmSync(join(root, "build", TAB));
      },
      ["--source=build/force-app", "--expect-types=ApexClass,CustomTab"]
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      "build/force-app",
      "expected metadata type CustomTab is missing"
    );
  });

  test("conversion failure names the file", async () => {
    const built = "build/force-app/main/default/classes/Built.cls-meta.xml";
    const { status, output } = await checkFixture(
      (root) => addFile(root, built, `<ApexClass${NAMESPACE}/>\n`),
      ["--source=build/force-app"]
    );
    assert.equal(status, 1, output);
    assertReports(
      output,
      `${built}:1`,
      "conversion to Metadata API format failed"
    );
  });
});
