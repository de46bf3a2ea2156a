import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { PolicyOverview } from "oauth-guard/dto";
import { matchShippedPolicies } from "c/policyCatalog";
import { readPolicyRules } from "c/policyDecision";
import { APEX_METHODS } from "../apex-methods";
import type { ApexCallContext } from "../apex-method";
import { DemoOrg } from "../demo-org";
import { invokeApexMethod } from "../invoke";
import { VIEW_ALL_DATA_PROBLEM } from "../policy-controller";
import {
  DEMO_POLICY_RECORDS,
  indicatorRulesFromMetadata,
  type CustomMetadataRecord
} from "../policy-records";

const SOURCE_DIR = join(__dirname, "../../../force-app/main/default");
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === "values"
});

/** Reads the shipped custom metadata records as preview/metadata.mjs does. */
function shippedMetadataRecords(): CustomMetadataRecord[] {
  const directory = join(SOURCE_DIR, "customMetadata");
  const suffix = ".md-meta.xml";
  return readdirSync(directory)
    .filter((file) => file.endsWith(suffix))
    .map((file) => {
      const [type = "", name = ""] = file.slice(0, -suffix.length).split(".");
      const parsed = parser.parse(
        readFileSync(join(directory, file), "utf8")
      ) as {
        CustomMetadata: { values: { field: string; value: unknown }[] };
      };
      const values: Record<string, string> = {};
      for (const entry of parsed.CustomMetadata.values) {
        values[entry.field] =
          typeof entry.value === "string" ? entry.value : "";
      }
      return { type, name, values };
    });
}

function policyFile(developerName: string): string {
  return readFileSync(
    join(
      SOURCE_DIR,
      "transactionSecurityPolicies",
      `${developerName}.transactionSecurityPolicy-meta.xml`
    ),
    "utf8"
  );
}

function elementText(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
}

/** Joins the string literals of PolicyController.viewAllDataProblem. */
function apexViewAllDataProblem(): string {
  const apex = readFileSync(
    join(SOURCE_DIR, "classes/PolicyController.cls"),
    "utf8"
  );
  const body = /String viewAllDataProblem\(\) \{([^}]*)\}/.exec(apex)?.[1];
  return [...(body ?? "").matchAll(/'([^']*)'/g)]
    .map((match) => match[1])
    .join("");
}

const org = new DemoOrg({
  userCount: 2,
  indicatorRules: indicatorRulesFromMetadata(shippedMetadataRecords())
});

function overviewFor(
  persona: "admin" | "viewer",
  demoOrg: DemoOrg = org
): Promise<PolicyOverview> {
  const context: ApexCallContext = {
    org: demoOrg,
    runningUser: demoOrg.runningUsers[persona]
  };
  return invokeApexMethod(
    APEX_METHODS,
    "PolicyController.getPolicyOverview",
    {},
    context
  ) as Promise<PolicyOverview>;
}

describe("PolicyController.getPolicyOverview", () => {
  it("shows the admin a mix of states", async () => {
    const overview = await overviewFor("admin");
    expect(overview.stateReadable).toBe(true);
    expect("stateProblem" in overview).toBe(false);
    const states = matchShippedPolicies(overview.policies, true).map(
      (entry) => entry.state
    );
    expect(states).toEqual(["enabled", "disabled", "disabled", "not-deployed"]);
  });

  it("hides the states from the viewer", async () => {
    const overview = await overviewFor("viewer");
    expect(overview.stateReadable).toBe(false);
    expect(overview.policies).toEqual([]);
    expect(overview.stateProblem).toBe(VIEW_ALL_DATA_PROBLEM);
  });

  it("words the viewer's problem as Apex does", () => {
    expect(VIEW_ALL_DATA_PROBLEM).toBe(apexViewAllDataProblem());
  });

  it("gives the viewer the same records", async () => {
    const admin = await overviewFor("admin");
    const viewer = await overviewFor("viewer");
    expect(viewer.settings).toEqual(admin.settings);
    expect(viewer.allowlist).toEqual(admin.allowlist);
    expect(viewer.indicatorRules).toEqual(admin.indicatorRules);
  });

  it("reports only the invalid allowlist entry", async () => {
    const overview = await overviewFor("admin");
    const reading = readPolicyRules(overview);
    expect(reading.allowlistProblems.map((problem) => problem.name)).toEqual([
      "Vpn_Pool"
    ]);
    expect(reading.settingProblems).toEqual([]);
    expect(reading.indicatorProblems).toEqual([]);
  });

  it("sorts the allowlist by name", async () => {
    const overview = await overviewFor("admin");
    const names = overview.allowlist.map((entry) => entry.name);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(4);
  });

  it("leaves null fields out as Apex does", async () => {
    const overview = await overviewFor("admin");
    const values = [
      ...overview.policies,
      ...overview.allowlist,
      ...overview.indicatorRules
    ].flatMap((dto): unknown[] => Object.values(dto));
    expect(values).not.toContain(null);
    expect("blockMessage" in (overview.policies[0] ?? {})).toBe(false);
  });

  it("returns no rules unless the org has some", async () => {
    const bare = new DemoOrg({ userCount: 2 });
    const overview = await overviewFor("admin", bare);
    expect(overview.indicatorRules).toEqual([]);
    expect(overview.allowlist).toHaveLength(4);
  });
});

describe("DEMO_POLICY_RECORDS", () => {
  it.each(DEMO_POLICY_RECORDS.map((record) => [record.developerName, record]))(
    "matches the policy file of %s",
    (developerName, record) => {
      const xml = policyFile(developerName);
      expect(elementText(xml, "masterLabel")).toBe(record.masterLabel);
      expect(elementText(xml, "eventName")).toBe(record.eventName);
      expect(elementText(xml, "apexClass")).toBe(record.conditionClass);
    }
  );
});

describe("indicatorRulesFromMetadata", () => {
  const rules = indicatorRulesFromMetadata(shippedMetadataRecords());

  it("reads every shipped indicator rule", () => {
    const shippedNames = shippedMetadataRecords()
      .filter((record) => record.type === "OAuth_Guard_Indicator_Rule")
      .map((record) => record.name);
    expect(rules.map((rule) => rule.name)).toEqual(shippedNames);
    expect(rules.length).toBeGreaterThan(0);
  });

  it("keeps scripting user agents out of the policies", () => {
    const findingsOnly = rules
      .filter((rule) => rule.field === "USER_AGENT" && !rule.usedInPolicies)
      .map((rule) => rule.pattern);
    expect(findingsOnly).toEqual(
      expect.arrayContaining([
        "Python/3.11 aiohttp/3.12.15",
        "Python/3.11 aiohttp/3.13.1",
        "python-requests/2.32.4"
      ])
    );
  });

  it("copies the fields as Apex does", () => {
    const rule = rules.find(
      (each) => each.name === "UA_Python_Requests_2_32_4"
    );
    expect(rule).toMatchObject({
      ruleId: "UA-PYTHON-REQUESTS-2.32.4",
      severity: "Low",
      matchKind: "Exact",
      field: "USER_AGENT",
      pattern: "python-requests/2.32.4",
      sourceDate: "2025-08-26",
      active: true,
      usedInPolicies: false
    });
    expect(rule?.source).toMatch(/^Google Threat Intelligence Group/);
  });

  it("compiles without a problem", () => {
    const reading = readPolicyRules({
      settings: [],
      allowlist: [],
      indicatorRules: rules
    });
    expect(reading.indicatorProblems).toEqual([]);
  });

  it("ignores other metadata types", () => {
    expect(
      indicatorRulesFromMetadata([
        { type: "OAuth_Guard_Setting", name: "StaleAfterDays", values: {} }
      ])
    ).toEqual([]);
  });

  it("reads an empty source and date as null", () => {
    const [rule] = indicatorRulesFromMetadata([
      {
        type: "OAuth_Guard_Indicator_Rule",
        name: "Local_Rule",
        values: { Source__c: "", Active__c: "false" }
      }
    ]);
    expect(rule?.source).toBeNull();
    expect(rule?.sourceDate).toBeNull();
    expect(rule?.active).toBe(false);
  });
});
