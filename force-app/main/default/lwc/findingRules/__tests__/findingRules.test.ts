import type { IndicatorRule } from "oauth-guard/dto";
import {
  RulesFileError,
  inferRuleKind,
  mergeRuleSets,
  parseRulesFile,
  readFindingRule,
  readFindingRules,
  severityRank,
  type RuleProblem
} from "c/findingRules";

function record(overrides: Partial<IndicatorRule> = {}): IndicatorRule {
  return {
    name: "Fetcher_Agent",
    ruleId: "UA-FETCHER",
    title: "Fetcher user agent",
    severity: "High",
    kind: "UserAgent",
    matchKind: "Exact",
    field: "USER_AGENT",
    pattern: "Salesforce-Multi-Org-Fetcher/1.0",
    threshold: null,
    scope: null,
    source: "Test source",
    sourceDate: "2025-08-26",
    active: true,
    usedInPolicies: true,
    ...overrides
  };
}

function problemMessages(overrides: Partial<IndicatorRule>): string[] {
  const result = readFindingRule(record(overrides));
  return Array.isArray(result)
    ? result.map((problem: RuleProblem) => problem.message)
    : [];
}

function problemCodes(overrides: Partial<IndicatorRule>): string[] {
  const result = readFindingRule(record(overrides));
  return Array.isArray(result)
    ? result.map((problem: RuleProblem) => problem.code)
    : [];
}

const VOLUME: Partial<IndicatorRule> = {
  kind: "ExportVolume",
  matchKind: null,
  field: "ROWS_PROCESSED",
  pattern: null,
  threshold: 1000,
  scope: "App"
};

describe("readFindingRule", () => {
  it("reads a user agent rule", () => {
    expect(readFindingRule(record({ pattern: "  agent/1.0 " }))).toEqual({
      name: "Fetcher_Agent",
      ruleId: "UA-FETCHER",
      title: "Fetcher user agent",
      severity: "High",
      kind: "UserAgent",
      matchKind: "Exact",
      field: "USER_AGENT",
      patterns: ["agent/1.0"],
      threshold: null,
      scope: null,
      source: "Test source",
      sourceDate: "2025-08-26",
      usedInPolicies: true
    });
  });

  it("splits query alternatives and drops empty ones", () => {
    const rule = readFindingRule(
      record({
        kind: "QueryPattern",
        matchKind: "Substring",
        field: "query",
        pattern: "FROM Case | |FROM User",
        threshold: 2,
        scope: "User"
      })
    );
    expect(rule).toMatchObject({
      field: "QUERY",
      patterns: ["FROM Case", "FROM User"],
      threshold: 2,
      scope: "User"
    });
  });

  it("keeps a user agent pattern with a bar whole", () => {
    expect(readFindingRule(record({ pattern: "a|b" }))).toMatchObject({
      patterns: ["a|b"]
    });
  });

  it("reads an export volume rule", () => {
    expect(readFindingRule(record(VOLUME))).toMatchObject({
      kind: "ExportVolume",
      matchKind: null,
      patterns: [],
      threshold: 1000,
      scope: "App"
    });
  });

  it("infers the kind of a record without one", () => {
    expect(readFindingRule(record({ kind: null }))).toMatchObject({
      kind: "UserAgent"
    });
  });

  it.each([
    ["missing-rule-id", { ruleId: " " }],
    ["missing-title", { title: "" }],
    ["invalid-severity", { severity: "Critical" }],
    ["unknown-kind", { kind: "Regex" }],
    ["invalid-field", { field: "SOURCE_IP" }],
    ["invalid-match-kind", { matchKind: "IpRange" }],
    ["missing-pattern", { pattern: null }],
    ["unexpected-pattern", { ...VOLUME, pattern: "x" }],
    [
      "invalid-ip-range",
      {
        kind: "IpAddress",
        field: "SOURCE_IP",
        matchKind: "IpRange",
        pattern: "10.0.0.0/33"
      }
    ],
    ["missing-threshold", { ...VOLUME, threshold: null }],
    ["invalid-threshold", { ...VOLUME, threshold: 0 }],
    ["invalid-threshold", { ...VOLUME, threshold: 2.5 }],
    ["unexpected-threshold", { threshold: 5 }],
    ["invalid-scope", { ...VOLUME, scope: null }],
    ["invalid-scope", { ...VOLUME, scope: "Org" }]
  ] as [string, Partial<IndicatorRule>][])("reports %s", (code, overrides) => {
    expect(problemCodes(overrides)).toEqual([code]);
  });

  it("reports a threshold above the pattern count", () => {
    const messages = problemMessages({
      kind: "QueryPattern",
      matchKind: "Substring",
      field: "QUERY",
      pattern: "a|b",
      threshold: 3,
      scope: "User"
    });
    expect(messages[0]).toBe(
      "Indicator rule Fetcher_Agent (UA-FETCHER) asks for 3 distinct " +
        'patterns but lists 2. Lower Threshold or add patterns separated by "|".'
    );
  });

  it("needs a scope for a query threshold", () => {
    expect(
      problemCodes({
        kind: "QueryPattern",
        matchKind: "Substring",
        field: "QUERY",
        pattern: "a|b",
        threshold: 2
      })
    ).toEqual(["invalid-scope"]);
  });

  it("lets secret hunting read query text only", () => {
    const messages = problemMessages({
      kind: "SecretHunting",
      matchKind: "Substring",
      field: "URI",
      pattern: "AKIA"
    });
    expect(messages[0]).toBe(
      'Indicator rule Fetcher_Agent (UA-FETCHER) reads the field "URI", but ' +
        "a SecretHunting rule reads QUERY. Set Field to QUERY."
    );
  });

  it("needs a field for a field match", () => {
    expect(problemCodes({ kind: "FieldMatch", field: "" })).toEqual([
      "invalid-field"
    ]);
  });

  it("reports every problem of a record", () => {
    expect(problemCodes({ title: "", severity: "", pattern: "" })).toEqual([
      "missing-title",
      "invalid-severity",
      "missing-pattern"
    ]);
  });
});

describe("inferRuleKind", () => {
  it.each([
    ["USER_AGENT", "Exact", "UserAgent"],
    ["source_ip", "IpRange", "IpAddress"],
    ["SOURCE_IP", "Exact", "FieldMatch"],
    ["QUERY", "Substring", "QueryPattern"],
    ["URI", "Substring", "FieldMatch"]
  ])("reads %s with %s as %s", (field, matchKind, kind) => {
    expect(inferRuleKind(record({ kind: null, field, matchKind }))).toBe(kind);
  });
});

describe("readFindingRules", () => {
  it("skips inactive records and sorts by rule id", () => {
    const reading = readFindingRules([
      record({ name: "B", ruleId: "UA-B" }),
      record({ name: "Off", ruleId: "UA-OFF", active: false, title: "" }),
      record({ name: "A", ruleId: "UA-A" })
    ]);
    expect(reading.rules.map((rule) => rule.name)).toEqual(["A", "B"]);
    expect(reading.inactiveCount).toBe(1);
    expect(reading.problems).toEqual([]);
  });

  it("keeps out both rules that share an id", () => {
    const reading = readFindingRules([
      record({ name: "First" }),
      record({ name: "Second" }),
      record({ name: "Other", ruleId: "UA-OTHER" })
    ]);
    expect(reading.rules.map((rule) => rule.name)).toEqual(["Other"]);
    expect(reading.problems.map((problem) => problem.code)).toEqual([
      "duplicate-rule-id",
      "duplicate-rule-id"
    ]);
    expect(reading.problems[0]?.message).toBe(
      "Indicator rule First (UA-FETCHER) has the same rule id as Second. " +
        "Give each rule its own Rule Id."
    );
  });

  it("keeps out an unusable record", () => {
    const reading = readFindingRules([record({ severity: "Urgent" })]);
    expect(reading.rules).toEqual([]);
    expect(reading.problems[0]?.message).toBe(
      'Indicator rule Fetcher_Agent (UA-FETCHER) has the severity "Urgent". ' +
        "Use High, Medium or Low."
    );
  });
});

describe("parseRulesFile", () => {
  it("reads a generated rules file", () => {
    const text = JSON.stringify({
      format: "oauth-guard-indicator-rules",
      version: 1,
      rules: [record()]
    });
    expect(parseRulesFile(text, "rules.json")).toEqual([record()]);
  });

  it("reads a plain list with defaults", () => {
    const rules = parseRulesFile(
      JSON.stringify([{ name: " Mine ", ruleId: "MINE", threshold: 3 }]),
      "mine.json"
    );
    expect(rules[0]).toMatchObject({
      name: "Mine",
      ruleId: "MINE",
      kind: null,
      pattern: null,
      threshold: 3,
      active: true,
      usedInPolicies: false
    });
  });

  it.each([
    ["not json", "invalid-json", "mine.json is not valid JSON"],
    ["{}", "invalid-document", "mine.json is neither a list of rules"],
    [
      '{"format":"oauth-guard-indicator-rules","version":2,"rules":[]}',
      "invalid-document",
      "mine.json has version 2"
    ],
    ["[1]", "invalid-rule", "mine.json, rule 1 is not an object."],
    ['[{"ruleId":"X"}]', "invalid-rule", 'mine.json, rule 1 has no "name"'],
    [
      '[{"name":"A","title":5}]',
      "invalid-rule",
      'mine.json, rule 1 (A): "title" must be text or null.'
    ],
    [
      '[{"name":"A","active":"yes"}]',
      "invalid-rule",
      'mine.json, rule 1 (A): "active" must be true or false.'
    ],
    [
      '[{"name":"A","threshold":"5"}]',
      "invalid-rule",
      'mine.json, rule 1 (A): "threshold" must be a number or null.'
    ],
    [
      '[{"name":"A"},{"name":"A"}]',
      "invalid-rule",
      'mine.json, rule 2: the name "A" is used twice.'
    ]
  ])("rejects %s", (text, code, message) => {
    let caught: unknown;
    try {
      parseRulesFile(text, "mine.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RulesFileError);
    expect((caught as RulesFileError).code).toBe(code);
    expect((caught as RulesFileError).message).toContain(message);
  });
});

describe("mergeRuleSets", () => {
  it("lets a later rule replace one of the same name", () => {
    const merged = mergeRuleSets(
      [record({ name: "B" }), record({ name: "A" })],
      [record({ name: "B", active: false })]
    );
    expect(merged.map((rule) => [rule.name, rule.active])).toEqual([
      ["A", true],
      ["B", false]
    ]);
  });
});

describe("severityRank", () => {
  it("ranks High first and Low last", () => {
    expect(
      ["Low", "High", "Medium"].map((s) => severityRank(s as "Low"))
    ).toEqual([2, 0, 1]);
  });
});
