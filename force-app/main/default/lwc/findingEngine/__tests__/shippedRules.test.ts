// Runs every shipped indicator rule (rules/indicator-rules.json, generated
// from the custom metadata records) on events it must match and events it
// must not. Published user agents and addresses get generated cases; the
// behaviour rules take theirs from data/behaviour-cases.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IndicatorRule } from "oauth-guard/dto";
import { emptyHistory, type ActivityHistory } from "c/activityHistory";
import { findFindings } from "c/findingEngine";
import {
  parseRulesFile,
  readFindingRules,
  type FindingRule
} from "c/findingRules";
import { activity, type RecordSpec } from "./activityRecords";

const RULES_PATH = join(
  __dirname,
  "../../../../../../rules/indicator-rules.json"
);

interface BehaviourCase {
  name: string;
  expect: "finding" | "none";
  baseline?: Partial<ActivityHistory>;
  events: RecordSpec[];
}

const records: IndicatorRule[] = parseRulesFile(
  readFileSync(RULES_PATH, "utf8"),
  "rules/indicator-rules.json"
);
const reading = readFindingRules(records);
const behaviourCases = JSON.parse(
  readFileSync(join(__dirname, "data/behaviour-cases.json"), "utf8")
) as { ruleId: string; cases: BehaviourCase[] }[];

function shippedRule(ruleId: string): FindingRule {
  const rule = reading.rules.find((candidate) => candidate.ruleId === ruleId);
  if (rule === undefined) {
    throw new Error(`No shipped rule has the id ${ruleId}.`);
  }
  return rule;
}

function ruleIdsFound(
  rule: FindingRule,
  events: RecordSpec[],
  baseline: ActivityHistory | null = null
): string[] {
  const report = findFindings(events.map(activity), {
    rules: [rule],
    baseline
  });
  return report.findings.map((finding) => finding.ruleId);
}

describe("shipped rules file", () => {
  it("has only valid, active rules", () => {
    expect(reading.problems).toEqual([]);
    expect(reading.inactiveCount).toBe(0);
    expect(reading.rules).toHaveLength(records.length);
  });

  it("gives every rule a source and date", () => {
    for (const rule of reading.rules) {
      expect(rule.source).not.toBeNull();
      expect(rule.sourceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("keeps behaviour rules out of the policies", () => {
    const inPolicies = reading.rules.filter(
      (rule) =>
        rule.usedInPolicies &&
        rule.kind !== "UserAgent" &&
        rule.kind !== "IpAddress"
    );
    expect(inPolicies).toEqual([]);
  });

  it("has test cases for every rule", () => {
    const covered = new Set([
      ...behaviourCases.map((entry) => entry.ruleId),
      ...reading.rules
        .filter(
          (rule) => rule.kind === "UserAgent" || rule.kind === "IpAddress"
        )
        .map((rule) => rule.ruleId)
    ]);
    const uncovered = reading.rules
      .map((rule) => rule.ruleId)
      .filter((ruleId) => !covered.has(ruleId));
    expect(uncovered).toEqual([]);
  });
});

describe("shipped user agent rules", () => {
  const rules = reading.rules.filter((rule) => rule.kind === "UserAgent");

  it.each(rules.map((rule) => [rule.ruleId, rule] as const))(
    "%s matches its agent in any case",
    (_ruleId, rule) => {
      const agent = rule.patterns[0] ?? "";
      expect(ruleIdsFound(rule, [{ userAgent: agent }])).toEqual([rule.ruleId]);
      expect(
        ruleIdsFound(rule, [{ userAgent: ` ${agent.toUpperCase()} ` }])
      ).toEqual([rule.ruleId]);
    }
  );

  it.each(rules.map((rule) => [rule.ruleId, rule] as const))(
    "%s ignores other versions and agents",
    (_ruleId, rule) => {
      const agent = rule.patterns[0] ?? "";
      expect(ruleIdsFound(rule, [{ userAgent: `${agent}.9` }])).toEqual([]);
      expect(ruleIdsFound(rule, [{ userAgent: "Mozilla/5.0" }])).toEqual([]);
      expect(ruleIdsFound(rule, [{ sourceIp: agent }])).toEqual([]);
    }
  );
});

describe("shipped address rules", () => {
  const rules = reading.rules.filter((rule) => rule.kind === "IpAddress");
  const listed = new Set(rules.flatMap((rule) => rule.patterns));

  /** Returns an address next to the pattern that no rule lists. */
  function neighbour(address: string): string {
    const parts = address.split(".").map(Number);
    const last = parts[3] ?? 0;
    for (const candidate of [last + 1, last - 1, last + 2]) {
      const text = [...parts.slice(0, 3), candidate].join(".");
      if (candidate >= 0 && candidate <= 255 && !listed.has(text)) {
        return text;
      }
    }
    throw new Error(`No free neighbour of ${address}.`);
  }

  it.each(rules.map((rule) => [rule.ruleId, rule] as const))(
    "%s matches its address, also IPv4-mapped",
    (_ruleId, rule) => {
      const address = rule.patterns[0] ?? "";
      expect(ruleIdsFound(rule, [{ sourceIp: address }])).toEqual([
        rule.ruleId
      ]);
      expect(ruleIdsFound(rule, [{ sourceIp: `::ffff:${address}` }])).toEqual([
        rule.ruleId
      ]);
    }
  );

  it.each(rules.map((rule) => [rule.ruleId, rule] as const))(
    "%s ignores neighbours and placeholders",
    (_ruleId, rule) => {
      const address = rule.patterns[0] ?? "";
      expect(ruleIdsFound(rule, [{ sourceIp: neighbour(address) }])).toEqual(
        []
      );
      expect(ruleIdsFound(rule, [{ sourceIp: "Salesforce.com IP" }])).toEqual(
        []
      );
      expect(ruleIdsFound(rule, [{ sourceIp: "w.x.y.z" }])).toEqual([]);
    }
  );
});

describe("shipped behaviour rules", () => {
  const table = behaviourCases.flatMap((entry) =>
    entry.cases.map(
      (testCase) => [entry.ruleId, testCase.name, testCase] as const
    )
  );

  it.each(table)("%s: %s", (ruleId, _name, testCase) => {
    const rule = shippedRule(ruleId);
    const baseline =
      testCase.baseline === undefined
        ? null
        : { ...emptyHistory(), ...testCase.baseline };
    const found = ruleIdsFound(rule, testCase.events, baseline);
    expect(found).toEqual(testCase.expect === "finding" ? [ruleId] : []);
  });
});
