// Checks the policy matching against the shared vectors in
// vectors/policy-vectors.json. The Apex tests read the same file through
// the generated PolicyVectors class, so that the TypeScript findings engine
// and the Apex policy conditions decide alike.
import type {
  AllowlistEntry,
  GuardSetting,
  IndicatorRule
} from "oauth-guard/dto";
import { settingsFromRecords } from "c/guardSettings";
import type { PolicyRowThresholds } from "c/guardSettings";
import { compileIndicatorRules, matchIndicators } from "c/indicatorMatch";
import { parseIpAddress, parseIpRange, rangeContains } from "c/ipRange";
import {
  decidePolicy,
  policyEventFromFields,
  readPolicyRules
} from "c/policyDecision";
import type { PolicyDecision, PolicyEventName } from "c/policyDecision";

interface FixtureCase {
  name: string;
  kind: "fixture";
  indicatorRules?: IndicatorRule[];
  allowlist?: AllowlistEntry[];
}

interface IpRangeCase {
  name: string;
  kind: "ipRange";
  range: string;
  address: string;
  rangeValid: boolean;
  addressValid: boolean;
  contains: boolean;
}

interface IndicatorCase {
  name: string;
  kind: "indicator";
  indicatorRules: IndicatorRule[] | string;
  values: Record<string, string | null>;
  expectedRuleIds: string[];
}

interface SettingsCase {
  name: string;
  kind: "settings";
  settings: GuardSetting[];
  expectedThresholds: PolicyRowThresholds;
}

interface DecisionCase {
  name: string;
  kind: "decision";
  eventName: PolicyEventName;
  settings: GuardSetting[];
  allowlist: AllowlistEntry[] | string;
  indicatorRules: IndicatorRule[] | string;
  event: Record<string, unknown>;
  expected: PolicyDecision;
}

type VectorCase =
  FixtureCase | IpRangeCase | IndicatorCase | SettingsCase | DecisionCase;

function loadCases(): VectorCase[] {
  const parsed = jest.requireActual<object>(
    "../../../../../../vectors/policy-vectors.json"
  );
  if (!Array.isArray(parsed)) {
    throw new Error("vectors/policy-vectors.json must hold a list of cases.");
  }
  return parsed as VectorCase[];
}

const CASES = loadCases();

function casesOf<Kind extends VectorCase["kind"]>(
  kind: Kind
): [string, Extract<VectorCase, { kind: Kind }>][] {
  return CASES.filter(
    (testCase): testCase is Extract<VectorCase, { kind: Kind }> =>
      testCase.kind === kind
  ).map((testCase) => [testCase.name, testCase]);
}

function fixture(name: string): FixtureCase {
  const found = casesOf("fixture").find(
    ([fixtureName]) => fixtureName === name
  );
  if (!found) {
    throw new Error(`No fixture named "${name}" in the vectors.`);
  }
  return found[1];
}

function rulesOf(value: IndicatorRule[] | string): IndicatorRule[] {
  return typeof value === "string"
    ? (fixture(value).indicatorRules ?? [])
    : value;
}

function allowlistOf(value: AllowlistEntry[] | string): AllowlistEntry[] {
  return typeof value === "string" ? (fixture(value).allowlist ?? []) : value;
}

describe("policy vectors", () => {
  it("gives every case a distinct name", () => {
    const names = CASES.map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(["ipRange", "indicator", "settings", "decision"] as const)(
    "holds %s cases",
    (kind) => {
      expect(casesOf(kind).length).toBeGreaterThan(0);
    }
  );

  describe("ipRange", () => {
    it.each(casesOf("ipRange"))("%s", (_name, testCase) => {
      const range = parseIpRange(testCase.range);
      const address = parseIpAddress(testCase.address);
      expect(range !== null).toBe(testCase.rangeValid);
      expect(address !== null).toBe(testCase.addressValid);
      expect(
        range !== null && address !== null && rangeContains(range, address)
      ).toBe(testCase.contains);
    });
  });

  describe("indicator", () => {
    it.each(casesOf("indicator"))("%s", (_name, testCase) => {
      const matcher = compileIndicatorRules(rulesOf(testCase.indicatorRules));
      const hits = matchIndicators(matcher, testCase.values);
      expect(hits.map((hit) => hit.ruleId)).toEqual(testCase.expectedRuleIds);
    });
  });

  describe("settings", () => {
    it.each(casesOf("settings"))("%s", (_name, testCase) => {
      const reading = settingsFromRecords(testCase.settings);
      expect(reading.settings.policyRowThresholds).toEqual(
        testCase.expectedThresholds
      );
    });
  });

  describe("decision", () => {
    it.each(casesOf("decision"))("%s", (_name, testCase) => {
      const { rules } = readPolicyRules({
        settings: testCase.settings,
        allowlist: allowlistOf(testCase.allowlist),
        indicatorRules: rulesOf(testCase.indicatorRules)
      });
      const decision = decidePolicy(
        testCase.eventName,
        policyEventFromFields(testCase.event),
        rules
      );
      expect(decision).toEqual(testCase.expected);
    });
  });
});
