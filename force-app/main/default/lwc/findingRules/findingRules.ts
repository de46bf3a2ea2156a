/**
 * Finding rules: the indicator rule records (OAuth_Guard_Indicator_Rule__mdt)
 * read as definitions of what the findings engine looks for. The page
 * receives the records from Apex, and the command line reads the same
 * records from rules/indicator-rules.json, which
 * scripts/generate-rules-file.mjs writes from the custom metadata files.
 *
 * Each record has a kind (Kind__c). Records written before Kind__c existed
 * have none, and their kind follows from Field__c and Match_Kind__c (see
 * inferRuleKind). Matching never uses regular expressions: a pattern is
 * compared as exact text, as a case-insensitive substring, or as an IP
 * range in CIDR notation.
 */
import type { IndicatorRule } from "oauth-guard/dto";
import { canonicalFieldName } from "c/indicatorMatch";
import { parseIpRange } from "c/ipRange";

export type FindingRuleKind =
  | "UserAgent"
  | "IpAddress"
  | "QueryPattern"
  | "SecretHunting"
  | "FieldMatch"
  | "BulkJobDeleted"
  | "ExportVolume"
  | "FirstSeenApp"
  | "NewRefreshLoginOrigin";

export const FINDING_RULE_KINDS: readonly FindingRuleKind[] = [
  "UserAgent",
  "IpAddress",
  "QueryPattern",
  "SecretHunting",
  "FieldMatch",
  "BulkJobDeleted",
  "ExportVolume",
  "FirstSeenApp",
  "NewRefreshLoginOrigin"
];

/**
 * Kinds that compare new activity with earlier history (a baseline). They
 * do not run without one.
 */
export const BASELINE_RULE_KINDS: readonly FindingRuleKind[] = [
  "FirstSeenApp",
  "NewRefreshLoginOrigin"
];

/**
 * Kinds that match published indicators. Like the transaction security
 * policies, the findings never let an allowlist entry excuse them: a
 * trusted app's stolen token used from an attacker's address is exactly
 * what they exist to show.
 */
export const INDICATOR_RULE_KINDS: readonly FindingRuleKind[] = [
  "UserAgent",
  "IpAddress"
];

export type Severity = "High" | "Medium" | "Low";

/** Severities from the most to the least severe. */
export const SEVERITIES: readonly Severity[] = ["High", "Medium", "Low"];

export type RuleMatchKind = "Exact" | "Substring" | "IpRange";

/** Whose activity a per-day or per-origin rule adds up. */
export type RuleScope = "App" | "User";

/** Field names that rules use, in event log file style. */
export const RULE_FIELDS = Object.freeze({
  userAgent: "USER_AGENT",
  sourceIp: "SOURCE_IP",
  query: "QUERY",
  jobStatus: "JOB_STATUS",
  rowsProcessed: "ROWS_PROCESSED",
  connectedApp: "CONNECTED_APP",
  country: "COUNTRY"
});

/** Separates alternative patterns of QueryPattern and SecretHunting rules. */
export const PATTERN_SEPARATOR = "|";

/** A rule after validation, as the engine and the evidence pack use it. */
export interface FindingRule {
  /** DeveloperName of the record. */
  name: string;
  ruleId: string;
  title: string;
  severity: Severity;
  kind: FindingRuleKind;
  /** Null for kinds that compare no pattern. */
  matchKind: RuleMatchKind | null;
  /** Canonical field name (trimmed, upper case). */
  field: string;
  /** Patterns as written, trimmed, in record order; empty when unused. */
  patterns: readonly string[];
  /**
   * ExportVolume: rows per UTC day above which the rule fires.
   * QueryPattern: distinct patterns of the rule that one scope must match
   * in one UTC day, or null for a finding on every match.
   */
  threshold: number | null;
  scope: RuleScope | null;
  source: string | null;
  sourceDate: string | null;
  usedInPolicies: boolean;
}

/** Stable code of the reason a rule record cannot be used. */
export type RuleProblemCode =
  | "missing-rule-id"
  | "missing-title"
  | "invalid-severity"
  | "unknown-kind"
  | "invalid-field"
  | "invalid-match-kind"
  | "missing-pattern"
  | "unexpected-pattern"
  | "invalid-ip-range"
  | "missing-threshold"
  | "invalid-threshold"
  | "unexpected-threshold"
  | "invalid-scope"
  | "duplicate-rule-id";

/** A rule that cannot be used, and why, for the admin to fix. */
export interface RuleProblem {
  /** DeveloperName of the record. */
  name: string;
  ruleId: string;
  code: RuleProblemCode;
  message: string;
}

export interface FindingRuleReading {
  /** Active, valid rules sorted by rule id, then name. */
  rules: FindingRule[];
  /** Active rules that cannot be used. Inactive rules are not checked. */
  problems: RuleProblem[];
  /** Records left out because Active__c is unchecked. */
  inactiveCount: number;
}

/** Largest threshold accepted: the largest whole number a double keeps. */
const MAX_THRESHOLD = Number.MAX_SAFE_INTEGER;

/** Matching rules on each kind: allowed fields, match kinds and pattern. */
interface KindShape {
  /** Allowed fields, or null for any field. */
  fields: readonly string[] | null;
  matchKinds: readonly RuleMatchKind[];
  pattern: "single" | "alternatives" | "none";
  threshold: "required" | "optional" | "none";
  scope: "required" | "optional" | "none";
}

const KIND_SHAPES: Readonly<Record<FindingRuleKind, KindShape>> = {
  UserAgent: {
    fields: [RULE_FIELDS.userAgent],
    matchKinds: ["Exact", "Substring"],
    pattern: "single",
    threshold: "none",
    scope: "none"
  },
  IpAddress: {
    fields: [RULE_FIELDS.sourceIp],
    matchKinds: ["IpRange"],
    pattern: "single",
    threshold: "none",
    scope: "none"
  },
  QueryPattern: {
    fields: [RULE_FIELDS.query],
    matchKinds: ["Exact", "Substring"],
    pattern: "alternatives",
    threshold: "optional",
    scope: "optional"
  },
  SecretHunting: {
    fields: [RULE_FIELDS.query],
    matchKinds: ["Substring"],
    pattern: "alternatives",
    threshold: "none",
    scope: "none"
  },
  FieldMatch: {
    fields: null,
    matchKinds: ["Exact", "Substring", "IpRange"],
    pattern: "single",
    threshold: "none",
    scope: "none"
  },
  BulkJobDeleted: {
    fields: [RULE_FIELDS.jobStatus],
    matchKinds: ["Exact", "Substring"],
    pattern: "single",
    threshold: "none",
    scope: "none"
  },
  ExportVolume: {
    fields: [RULE_FIELDS.rowsProcessed],
    matchKinds: [],
    pattern: "none",
    threshold: "required",
    scope: "required"
  },
  FirstSeenApp: {
    fields: [RULE_FIELDS.connectedApp],
    matchKinds: [],
    pattern: "none",
    threshold: "none",
    scope: "none"
  },
  NewRefreshLoginOrigin: {
    fields: [RULE_FIELDS.sourceIp, RULE_FIELDS.country],
    matchKinds: [],
    pattern: "none",
    threshold: "none",
    scope: "required"
  }
};

function isOneOf<T extends string>(
  value: string,
  allowed: readonly T[]
): value is T {
  return (allowed as readonly string[]).includes(value);
}

function trimmed(value: string | null | undefined): string {
  return typeof value === "string" ? value.trim() : "";
}

/**
 * Returns the kind a record without Kind__c stands for: USER_AGENT rules
 * match user agents, IpRange rules on SOURCE_IP match addresses, QUERY
 * rules match query text, and any other field is a plain field match.
 */
export function inferRuleKind(rule: IndicatorRule): FindingRuleKind {
  const field = canonicalFieldName(rule.field);
  const matchKind = trimmed(rule.matchKind);
  if (field === RULE_FIELDS.userAgent && matchKind !== "IpRange") {
    return "UserAgent";
  }
  if (field === RULE_FIELDS.sourceIp && matchKind === "IpRange") {
    return "IpAddress";
  }
  if (field === RULE_FIELDS.query && matchKind !== "IpRange") {
    return "QueryPattern";
  }
  return "FieldMatch";
}

/** Splits a pattern into its alternatives, or keeps it whole. */
function splitPatterns(pattern: string, shape: KindShape): string[] {
  if (pattern === "") {
    return [];
  }
  if (shape.pattern !== "alternatives") {
    return [pattern];
  }
  return pattern
    .split(PATTERN_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

class RuleValidation {
  readonly problems: RuleProblem[] = [];
  private readonly label: string;

  constructor(private readonly rule: IndicatorRule) {
    this.label = `Indicator rule ${rule.name} (${trimmed(rule.ruleId) || "no rule id"})`;
  }

  add(code: RuleProblemCode, message: string): void {
    this.problems.push({
      name: this.rule.name,
      ruleId: trimmed(this.rule.ruleId),
      code,
      message: `${this.label} ${message}`
    });
  }
}

function readKind(
  rule: IndicatorRule,
  validation: RuleValidation
): FindingRuleKind | null {
  const written = trimmed(rule.kind);
  if (written === "") {
    return inferRuleKind(rule);
  }
  if (isOneOf(written, FINDING_RULE_KINDS)) {
    return written;
  }
  validation.add(
    "unknown-kind",
    `has the unknown kind "${written}". Use one of ${FINDING_RULE_KINDS.join(", ")}.`
  );
  return null;
}

function readField(
  rule: IndicatorRule,
  kind: FindingRuleKind,
  validation: RuleValidation
): string {
  const field = canonicalFieldName(rule.field);
  const allowed = KIND_SHAPES[kind].fields;
  if (allowed === null) {
    if (field === "") {
      validation.add("invalid-field", "has no field. Name the field to read.");
    }
    return field;
  }
  if (!allowed.includes(field)) {
    validation.add(
      "invalid-field",
      `reads the field "${field}", but a ${kind} rule reads ` +
        `${allowed.join(" or ")}. Set Field to ${allowed.join(" or ")}.`
    );
  }
  return field;
}

function readMatchKind(
  rule: IndicatorRule,
  kind: FindingRuleKind,
  validation: RuleValidation
): RuleMatchKind | null {
  const allowed = KIND_SHAPES[kind].matchKinds;
  if (allowed.length === 0) {
    return null;
  }
  const written = trimmed(rule.matchKind);
  if (isOneOf(written, allowed)) {
    return written;
  }
  validation.add(
    "invalid-match-kind",
    `has the match kind "${written}", which a ${kind} rule cannot use. ` +
      `Use ${allowed.join(" or ")}.`
  );
  return null;
}

function readPatterns(
  rule: IndicatorRule,
  kind: FindingRuleKind,
  matchKind: RuleMatchKind | null,
  validation: RuleValidation
): string[] {
  const shape = KIND_SHAPES[kind];
  const pattern = trimmed(rule.pattern);
  if (shape.pattern === "none") {
    if (pattern !== "") {
      validation.add(
        "unexpected-pattern",
        `has the pattern "${pattern}", but a ${kind} rule compares no ` +
          `pattern. Clear Pattern.`
      );
    }
    return [];
  }
  const patterns = splitPatterns(pattern, shape);
  if (patterns.length === 0) {
    validation.add(
      "missing-pattern",
      "has an empty pattern. Enter the value to match."
    );
  }
  if (matchKind === "IpRange") {
    for (const candidate of patterns) {
      if (parseIpRange(candidate) === null) {
        validation.add(
          "invalid-ip-range",
          `has the pattern "${candidate}", which is not an IP address or ` +
            `CIDR range such as 203.0.113.0/24 or 2001:db8::/32.`
        );
      }
    }
  }
  return patterns;
}

function readThreshold(
  rule: IndicatorRule,
  kind: FindingRuleKind,
  patternCount: number,
  validation: RuleValidation
): number | null {
  const expected = KIND_SHAPES[kind].threshold;
  const threshold = rule.threshold ?? null;
  if (threshold === null) {
    if (expected === "required") {
      validation.add(
        "missing-threshold",
        `has no threshold. Set Threshold to the number of rows per UTC ` +
          `day above which the rule fires.`
      );
    }
    return null;
  }
  if (expected === "none") {
    validation.add(
      "unexpected-threshold",
      `has the threshold ${threshold}, but a ${kind} rule uses none. ` +
        `Clear Threshold.`
    );
    return null;
  }
  if (
    !Number.isInteger(threshold) ||
    threshold < 1 ||
    threshold > MAX_THRESHOLD
  ) {
    validation.add(
      "invalid-threshold",
      `has the threshold ${threshold}. Enter a whole number of at least 1.`
    );
    return null;
  }
  if (kind === "QueryPattern" && threshold > patternCount) {
    validation.add(
      "invalid-threshold",
      `asks for ${threshold} distinct patterns but lists ${patternCount}. ` +
        `Lower Threshold or add patterns separated by ` +
        `"${PATTERN_SEPARATOR}".`
    );
    return null;
  }
  return threshold;
}

function readScope(
  rule: IndicatorRule,
  kind: FindingRuleKind,
  threshold: number | null,
  validation: RuleValidation
): RuleScope | null {
  const expected = KIND_SHAPES[kind].scope;
  const written = trimmed(rule.scope);
  if (expected === "none") {
    return null;
  }
  if (isOneOf(written, ["App", "User"] as const)) {
    return written;
  }
  // A QueryPattern rule needs a scope only to add up distinct patterns.
  const needed =
    expected === "required" || (kind === "QueryPattern" && threshold !== null);
  if (written === "" && !needed) {
    return null;
  }
  validation.add(
    "invalid-scope",
    written === ""
      ? `has no scope. Set Scope to App or User.`
      : `has the unknown scope "${written}". Use App or User.`
  );
  return null;
}

/**
 * Validates one active record. Returns the rule, or the problems that
 * keep it out.
 */
export function readFindingRule(
  record: IndicatorRule
): FindingRule | RuleProblem[] {
  const validation = new RuleValidation(record);
  const ruleId = trimmed(record.ruleId);
  const title = trimmed(record.title);
  const severity = trimmed(record.severity);
  if (ruleId === "") {
    validation.add("missing-rule-id", "has no rule id. Enter a Rule Id.");
  }
  if (title === "") {
    validation.add("missing-title", "has no title. Enter a Title.");
  }
  if (!isOneOf(severity, SEVERITIES)) {
    validation.add(
      "invalid-severity",
      `has the severity "${severity}". Use High, Medium or Low.`
    );
  }
  const kind = readKind(record, validation);
  if (kind === null) {
    return validation.problems;
  }
  const field = readField(record, kind, validation);
  const matchKind = readMatchKind(record, kind, validation);
  const patterns = readPatterns(record, kind, matchKind, validation);
  const threshold = readThreshold(record, kind, patterns.length, validation);
  const scope = readScope(record, kind, threshold, validation);
  if (validation.problems.length > 0 || !isOneOf(severity, SEVERITIES)) {
    return validation.problems;
  }
  return {
    name: record.name,
    ruleId,
    title,
    severity,
    kind,
    matchKind,
    field,
    patterns,
    threshold,
    scope,
    source: trimmed(record.source) || null,
    sourceDate: trimmed(record.sourceDate) || null,
    usedInPolicies: record.usedInPolicies
  };
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

/**
 * Validates the active records. A record that cannot be used yields its
 * problems and is left out. Two active records with one rule id are both
 * left out, because findings name their rule by id.
 */
export function readFindingRules(
  records: readonly IndicatorRule[]
): FindingRuleReading {
  const rules: FindingRule[] = [];
  const problems: RuleProblem[] = [];
  let inactiveCount = 0;
  for (const record of records) {
    if (!record.active) {
      inactiveCount += 1;
      continue;
    }
    const result = readFindingRule(record);
    if (Array.isArray(result)) {
      problems.push(...result);
    } else {
      rules.push(result);
    }
  }
  const namesById = new Map<string, string[]>();
  for (const rule of rules) {
    namesById.set(rule.ruleId, [
      ...(namesById.get(rule.ruleId) ?? []),
      rule.name
    ]);
  }
  const uniqueRules = rules.filter((rule) => {
    const names = namesById.get(rule.ruleId) ?? [];
    if (names.length < 2) {
      return true;
    }
    const others = names.filter((name) => name !== rule.name);
    problems.push({
      name: rule.name,
      ruleId: rule.ruleId,
      code: "duplicate-rule-id",
      message:
        `Indicator rule ${rule.name} (${rule.ruleId}) has the same rule id ` +
        `as ${others.join(", ")}. Give each rule its own Rule Id.`
    });
    return false;
  });
  uniqueRules.sort(
    (first, second) =>
      compareText(first.ruleId, second.ruleId) ||
      compareText(first.name, second.name)
  );
  return { rules: uniqueRules, problems, inactiveCount };
}

/** Returns the numeric rank of a severity: 0 for High, 2 for Low. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Value of `format` in a rules file. */
export const RULES_FILE_FORMAT = "oauth-guard-indicator-rules";
export const RULES_FILE_VERSION = 1;

/** The rules file the command line reads, as JSON. */
export interface RulesFileDocument {
  format: typeof RULES_FILE_FORMAT;
  version: number;
  /** Origin of the rules, for readers of the file. */
  generatedFrom?: string;
  rules: IndicatorRule[];
}

export type RulesFileErrorCode =
  "invalid-json" | "invalid-document" | "invalid-rule";

/** A rules file that cannot be read at all. */
export class RulesFileError extends Error {
  readonly code: RulesFileErrorCode;

  constructor(code: RulesFileErrorCode, message: string) {
    super(message);
    this.name = "RulesFileError";
    this.code = code;
  }
}

const TEXT_PROPERTIES = [
  "ruleId",
  "title",
  "severity",
  "kind",
  "matchKind",
  "field",
  "pattern",
  "source",
  "sourceDate",
  "scope"
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textProperty(
  entry: Record<string, unknown>,
  property: string,
  where: string
): string | null {
  const value = entry[property];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== "string") {
    throw new RulesFileError(
      "invalid-rule",
      `${where}: "${property}" must be text or null.`
    );
  }
  return value;
}

function flagProperty(
  entry: Record<string, unknown>,
  property: string,
  fallback: boolean,
  where: string
): boolean {
  const value = entry[property];
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== "boolean") {
    throw new RulesFileError(
      "invalid-rule",
      `${where}: "${property}" must be true or false.`
    );
  }
  return value;
}

function readRuleEntry(entry: unknown, where: string): IndicatorRule {
  if (!isRecord(entry)) {
    throw new RulesFileError("invalid-rule", `${where} is not an object.`);
  }
  const name = textProperty(entry, "name", where)?.trim() ?? "";
  if (name === "") {
    throw new RulesFileError(
      "invalid-rule",
      `${where} has no "name". Give each rule a unique name, as a record's ` +
        `DeveloperName.`
    );
  }
  const texts: Partial<Record<(typeof TEXT_PROPERTIES)[number], string>> = {};
  for (const property of TEXT_PROPERTIES) {
    const value = textProperty(entry, property, `${where} (${name})`);
    if (value !== null) {
      texts[property] = value;
    }
  }
  const threshold = entry.threshold;
  if (
    threshold !== undefined &&
    threshold !== null &&
    typeof threshold !== "number"
  ) {
    throw new RulesFileError(
      "invalid-rule",
      `${where} (${name}): "threshold" must be a number or null.`
    );
  }
  return {
    name,
    ruleId: texts.ruleId ?? "",
    title: texts.title ?? "",
    severity: texts.severity ?? "",
    kind: texts.kind ?? null,
    matchKind: texts.matchKind ?? "",
    field: texts.field ?? "",
    pattern: texts.pattern ?? null,
    threshold: threshold ?? null,
    scope: texts.scope ?? null,
    source: texts.source ?? null,
    sourceDate: texts.sourceDate ?? null,
    active: flagProperty(entry, "active", true, `${where} (${name})`),
    usedInPolicies: flagProperty(
      entry,
      "usedInPolicies",
      false,
      `${where} (${name})`
    )
  };
}

/**
 * Reads a rules file: the document scripts/generate-rules-file.mjs writes,
 * or a plain JSON list of rules an admin wrote. A rule without `active`
 * is active, and one without `usedInPolicies` stays out of the policies.
 * Throws RulesFileError naming the file and the entry when the JSON or its
 * shape is invalid. Rule contents are checked later, by readFindingRules.
 */
export function parseRulesFile(text: string, label: string): IndicatorRule[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RulesFileError(
      "invalid-json",
      `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  let entries: unknown;
  if (Array.isArray(document)) {
    entries = document;
  } else if (isRecord(document) && document.format === RULES_FILE_FORMAT) {
    if (document.version !== RULES_FILE_VERSION) {
      throw new RulesFileError(
        "invalid-document",
        `${label} has version ${JSON.stringify(document.version)}, but this ` +
          `version of OAuth Guard reads version ${RULES_FILE_VERSION}.`
      );
    }
    entries = document.rules;
  }
  if (!Array.isArray(entries)) {
    throw new RulesFileError(
      "invalid-document",
      `${label} is neither a list of rules nor a rules file with ` +
        `"format": "${RULES_FILE_FORMAT}" and a "rules" list.`
    );
  }
  const names = new Set<string>();
  return entries.map((entry, index) => {
    const rule = readRuleEntry(entry, `${label}, rule ${index + 1}`);
    if (names.has(rule.name)) {
      throw new RulesFileError(
        "invalid-rule",
        `${label}, rule ${index + 1}: the name "${rule.name}" is used twice.`
      );
    }
    names.add(rule.name);
    return rule;
  });
}

/**
 * Combines rule sets by record name: a later set's rule replaces an
 * earlier rule of the same name, so an admin's file can switch a shipped
 * rule off (`"active": false`) or change it. Returns the rules sorted by
 * name.
 */
export function mergeRuleSets(
  ...sets: readonly (readonly IndicatorRule[])[]
): IndicatorRule[] {
  const byName = new Map<string, IndicatorRule>();
  for (const set of sets) {
    for (const rule of set) {
      byName.set(rule.name, rule);
    }
  }
  return [...byName.values()].sort((first, second) =>
    compareText(first.name, second.name)
  );
}
