/**
 * Matches activity fields against indicator rules (published user agents,
 * addresses and the like) kept as custom metadata records. The Apex class
 * IndicatorMatcher implements the same rules for the transaction security
 * policies, and vectors/policy-vectors.json contains the shared cases.
 *
 * Match kinds, all without regular expressions:
 * - `Exact`: the whole value equals the pattern, ignoring case and
 *   surrounding whitespace.
 * - `Substring`: the value contains the pattern, ignoring case.
 * - `IpRange`: the value is an IP address inside the pattern's CIDR range.
 *   A value that is not an address, such as `Salesforce.com IP`, matches
 *   no range.
 */
import type { IndicatorRule } from "oauth-guard/dto";
import { parseIpAddress, parseIpRange, rangeContains } from "c/ipRange";
import type { IpRange } from "c/ipRange";

/** Field names that rules use, in event log file style. */
export const INDICATOR_FIELDS = Object.freeze({
  userAgent: "USER_AGENT",
  sourceIp: "SOURCE_IP"
});

export type MatchKind = "Exact" | "Substring" | "IpRange";

interface TextRule {
  rule: IndicatorRule;
  field: string;
  matchKind: "Exact" | "Substring";
  foldedPattern: string;
}

interface RangeRule {
  rule: IndicatorRule;
  field: string;
  matchKind: "IpRange";
  range: IpRange;
}

export type CompiledRule = TextRule | RangeRule;

/** A rule that cannot be used, and why, for the admin to fix. */
export interface RuleProblem {
  name: string;
  ruleId: string;
  message: string;
}

export interface IndicatorMatcher {
  rules: readonly CompiledRule[];
  problems: readonly RuleProblem[];
}

/** One rule that matched one field. */
export interface IndicatorHit {
  ruleId: string;
  name: string;
  title: string;
  severity: string;
  field: string;
  value: string;
}

export interface CompileOptions {
  /** Keep only rules whose Use_In_Policies__c is checked. */
  forPolicies?: boolean;
}

/**
 * Lower-cases text for comparison. Apex folds with the en_US locale, which
 * gives the same result for the characters of user agents and addresses.
 * The two may differ for rare non-ASCII characters.
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Returns the key a rule's Field__c stands for: trimmed, upper case. */
export function canonicalFieldName(field: string | null | undefined): string {
  return (field ?? "").trim().toUpperCase();
}

function problem(rule: IndicatorRule, message: string): RuleProblem {
  return { name: rule.name, ruleId: rule.ruleId, message };
}

function compileRule(rule: IndicatorRule): CompiledRule | RuleProblem {
  const label = `Indicator rule ${rule.name} (${rule.ruleId})`;
  const field = canonicalFieldName(rule.field);
  const pattern = (rule.pattern ?? "").trim();
  if (field === "") {
    return problem(
      rule,
      `${label} has no field. Set Field to USER_AGENT or SOURCE_IP.`
    );
  }
  if (pattern === "") {
    return problem(
      rule,
      `${label} has an empty pattern. Enter the value to match.`
    );
  }
  switch (rule.matchKind) {
    case "Exact":
    case "Substring":
      return {
        rule,
        field,
        matchKind: rule.matchKind,
        foldedPattern: foldCase(pattern)
      };
    case "IpRange": {
      const range = parseIpRange(pattern);
      if (range === null) {
        return problem(
          rule,
          `${label} has the pattern "${pattern}", which is not an IP ` +
            `address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32. ` +
            `OAuth Guard skips the rule until it is fixed.`
        );
      }
      return { rule, field, matchKind: "IpRange", range };
    }
    default:
      return problem(
        rule,
        `${label} has the unknown match kind "${rule.matchKind}". ` +
          `Use Exact, Substring or IpRange.`
      );
  }
}

/**
 * Compiles the active rules. A rule that cannot be used yields a problem
 * and is left out; inactive rules are left out silently.
 */
export function compileIndicatorRules(
  rules: readonly IndicatorRule[],
  options: CompileOptions = {}
): IndicatorMatcher {
  const compiled: CompiledRule[] = [];
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    if (
      !rule.active ||
      (options.forPolicies === true && !rule.usedInPolicies)
    ) {
      continue;
    }
    const result = compileRule(rule);
    if ("message" in result) {
      problems.push(result);
    } else {
      compiled.push(result);
    }
  }
  return { rules: compiled, problems };
}

function matches(rule: CompiledRule, value: string): boolean {
  if (rule.matchKind === "IpRange") {
    const address = parseIpAddress(value);
    return address !== null && rangeContains(rule.range, address);
  }
  if (rule.matchKind === "Exact") {
    return foldCase(value.trim()) === rule.foldedPattern;
  }
  return foldCase(value).includes(rule.foldedPattern);
}

/**
 * Returns every rule that matches the given field values, sorted by rule
 * id and then record name. Values are keyed by field name (any case);
 * null, undefined and blank values match nothing.
 */
export function matchIndicators(
  matcher: IndicatorMatcher,
  values: Readonly<Record<string, string | null | undefined>>
): IndicatorHit[] {
  const valuesByField = new Map<string, string>();
  for (const [field, value] of Object.entries(values)) {
    if (typeof value === "string" && value.trim() !== "") {
      valuesByField.set(canonicalFieldName(field), value);
    }
  }
  const hits: IndicatorHit[] = [];
  for (const rule of matcher.rules) {
    const value = valuesByField.get(rule.field);
    if (value !== undefined && matches(rule, value)) {
      hits.push({
        ruleId: rule.rule.ruleId,
        name: rule.rule.name,
        title: rule.rule.title,
        severity: rule.rule.severity,
        field: rule.field,
        value
      });
    }
  }
  return hits.sort(
    (first, second) =>
      compareText(first.ruleId, second.ruleId) ||
      compareText(first.name, second.name)
  );
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}
