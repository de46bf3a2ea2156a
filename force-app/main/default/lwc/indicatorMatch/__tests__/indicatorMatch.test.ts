// The shared vectors in policyDecision/__tests__/policyVectors.test.ts
// cover matching. These tests check the problems reported for unusable
// rules and the shape of a hit.
import type { IndicatorRule } from "oauth-guard/dto";
import {
  canonicalFieldName,
  compileIndicatorRules,
  matchIndicators
} from "c/indicatorMatch";

function rule(overrides: Partial<IndicatorRule>): IndicatorRule {
  return {
    name: "Fetcher_Agent",
    ruleId: "IOC-UA-FETCHER",
    title: "Fetcher user agent",
    severity: "High",
    matchKind: "Exact",
    field: "USER_AGENT",
    pattern: "Salesforce-Multi-Org-Fetcher/1.0",
    source: "Test source",
    sourceDate: "2025-08-26",
    active: true,
    usedInPolicies: true,
    ...overrides
  };
}

describe("compileIndicatorRules", () => {
  it("reports an invalid range with its pattern", () => {
    const matcher = compileIndicatorRules([
      rule({ matchKind: "IpRange", field: "SOURCE_IP", pattern: "10.0.0.0/40" })
    ]);
    expect(matcher.rules).toHaveLength(0);
    expect(matcher.problems).toHaveLength(1);
    expect(matcher.problems[0]?.message).toContain('"10.0.0.0/40"');
  });

  it("reports an unknown match kind", () => {
    const matcher = compileIndicatorRules([rule({ matchKind: "Regex" })]);
    expect(matcher.problems[0]?.message).toContain(
      'unknown match kind "Regex"'
    );
  });

  it("reports an empty field", () => {
    const matcher = compileIndicatorRules([rule({ field: " " })]);
    expect(matcher.problems[0]?.message).toContain("has no field");
  });

  it("reports an empty pattern", () => {
    const matcher = compileIndicatorRules([rule({ pattern: "" })]);
    expect(matcher.problems[0]?.message).toContain("empty pattern");
  });

  it("skips inactive rules without a problem", () => {
    const matcher = compileIndicatorRules([rule({ active: false })]);
    expect(matcher.rules).toHaveLength(0);
    expect(matcher.problems).toHaveLength(0);
  });

  it("keeps findings-only rules out of policies", () => {
    const rules = [rule({ usedInPolicies: false })];
    expect(compileIndicatorRules(rules).rules).toHaveLength(1);
    expect(
      compileIndicatorRules(rules, { forPolicies: true }).rules
    ).toHaveLength(0);
  });
});

describe("matchIndicators", () => {
  it("returns the rule and the value that matched", () => {
    const matcher = compileIndicatorRules([rule({})]);
    expect(
      matchIndicators(matcher, {
        USER_AGENT: "Salesforce-Multi-Org-Fetcher/1.0"
      })
    ).toEqual([
      {
        ruleId: "IOC-UA-FETCHER",
        name: "Fetcher_Agent",
        title: "Fetcher user agent",
        severity: "High",
        field: "USER_AGENT",
        value: "Salesforce-Multi-Org-Fetcher/1.0"
      }
    ]);
  });

  it("orders hits by rule id, then record name", () => {
    const matcher = compileIndicatorRules([
      rule({
        name: "B",
        ruleId: "IOC-2",
        matchKind: "Substring",
        pattern: "a"
      }),
      rule({
        name: "C",
        ruleId: "IOC-1",
        matchKind: "Substring",
        pattern: "a"
      }),
      rule({ name: "A", ruleId: "IOC-2", matchKind: "Substring", pattern: "a" })
    ]);
    const hits = matchIndicators(matcher, { USER_AGENT: "a" });
    expect(hits.map((hit) => hit.name)).toEqual(["C", "A", "B"]);
  });
});

describe("canonicalFieldName", () => {
  it.each([
    [" user_agent ", "USER_AGENT"],
    [null, ""],
    [undefined, ""]
  ])("turns %p into %p", (field, expected) => {
    expect(canonicalFieldName(field)).toBe(expected);
  });
});
