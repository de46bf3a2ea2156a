/**
 * Turns a PolicyController overview into the rows and messages that the
 * Policies tab shows. Every value stays text, so the templates render it
 * as text.
 */
import type {
  AllowlistEntry,
  IndicatorRule,
  PolicyOverview
} from "oauth-guard/dto";
import {
  matchShippedPolicies,
  stateOf,
  type CatalogueEntryStatus,
  type ShippedPolicy
} from "c/policyCatalog";
import { readPolicyRules } from "c/policyDecision";
import type { PolicyRowThresholds } from "c/guardSettings";

/** One shipped policy as a row of the policies table. */
export interface PolicyRow {
  key: string;
  label: string;
  developerName: string;
  eventName: string;
  /** `enabled`, `disabled`, `not-deployed` or `unknown`, as the row's data-state. */
  state: string;
  stateText: string;
  actionText: string;
  thresholdText: string;
  /** The setting record that contains the threshold, or an empty string. */
  thresholdSetting: string;
  /** Sentence that names the events the policy checks. */
  checks: string;
}

export interface AllowlistRow {
  key: string;
  name: string;
  kind: string;
  value: string;
  reason: string;
  activeText: string;
}

export interface IndicatorRuleRow {
  key: string;
  ruleId: string;
  title: string;
  severity: string;
  matchKind: string;
  field: string;
  pattern: string;
  /** The source's date and name, for example `2025-08-26: advisory`. */
  sourceText: string;
  activeText: string;
  usedInPoliciesText: string;
}

/** Everything the Policies tab shows once the overview has loaded. */
export interface PolicyOverviewView {
  policies: PolicyRow[];
  stateReadable: boolean;
  /** The reason the states cannot be read, or null when they can. */
  stateProblem: string | null;
  /** True when the states were read and no shipped policy is in the org. */
  noneDeployed: boolean;
  allowlist: AllowlistRow[];
  indicatorRules: IndicatorRuleRow[];
  /** Settings, allowlist and indicator rule problems, one sentence each. */
  problems: string[];
}

/** Message for an unreadable state that Apex gave no reason for. */
export const UNEXPLAINED_STATE_PROBLEM =
  "OAuth Guard could not read whether its policies are enabled. Check " +
  "Setup > Transaction Security Policies.";

/** Large reads that each shipped policy counts, by developer name. */
const LARGE_READS: Readonly<Record<string, string>> = {
  OAuth_Guard_Api_Data_Pull: "API queries over the row threshold",
  OAuth_Guard_Bulk_Result_Download: "Every Bulk API result download",
  OAuth_Guard_Large_Report_Export:
    "Report exports and API report runs over the row threshold",
  OAuth_Guard_Large_List_View_Read:
    "List view reads through the API over the row threshold"
};

/** The word for each allowlist kind in the exemption clause. */
const EXEMPTION_NOUNS: Readonly<Record<string, string>> = {
  ConnectedApp: "app",
  User: "user",
  IpRange: "network"
};

function joinAsList(words: readonly string[]): string {
  if (words.length <= 1) {
    return words.join("");
  }
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * Describes the events a shipped policy checks and the allowlist kinds
 * that exempt them.
 */
export function describeChecks(policy: ShippedPolicy): string {
  const largeRead =
    LARGE_READS[policy.developerName] ?? `${policy.eventName} events`;
  const nouns = policy.allowlistKinds.map(
    (kind) => EXEMPTION_NOUNS[kind] ?? kind
  );
  return `${largeRead}, unless the ${joinAsList(nouns)} is on the allowlist.`;
}

function stateText(
  entry: CatalogueEntryStatus,
  stateReadable: boolean
): string {
  switch (entry.state) {
    case "enabled":
      return "Enabled";
    case "disabled":
      return "Disabled";
    case "not-deployed":
      return "Not deployed";
    default: {
      if (!stateReadable) {
        return "Cannot be read";
      }
      const raw = entry.records
        .filter((record) => stateOf(record) === "unknown")
        .map((record) => record.state ?? "none");
      return `Unknown (State: ${raw.join(", ")})`;
    }
  }
}

function thresholdText(
  policy: ShippedPolicy,
  thresholds: PolicyRowThresholds
): string {
  if (policy.rowThreshold === null) {
    return "None: every download counts";
  }
  return `${thresholds[policy.rowThreshold].toLocaleString()} rows`;
}

function actionText(policy: ShippedPolicy): string {
  return policy.shippedAction === "block"
    ? "Block"
    : "Notify (add recipients in Setup)";
}

function yesOrNo(value: boolean | null | undefined): string {
  return value === true ? "Yes" : "No";
}

/** Builds one row per shipped policy, in the catalogue's order. */
export function policyRows(
  overview: PolicyOverview,
  thresholds: PolicyRowThresholds
): PolicyRow[] {
  const readable = overview.stateReadable === true;
  return matchShippedPolicies(overview.policies ?? [], readable).map(
    (entry) => ({
      key: entry.policy.developerName,
      label: entry.policy.masterLabel,
      developerName: entry.policy.developerName,
      eventName: entry.policy.eventName,
      state: entry.state,
      stateText: stateText(entry, readable),
      actionText: actionText(entry.policy),
      thresholdText: thresholdText(entry.policy, thresholds),
      thresholdSetting: entry.policy.rowThresholdSetting ?? "",
      checks: describeChecks(entry.policy)
    })
  );
}

/** Builds one row per allowlist record, in the order Apex returned them. */
export function allowlistRows(
  entries: readonly AllowlistEntry[]
): AllowlistRow[] {
  return entries.map((entry, index) => ({
    key: `${index}:${entry.name}`,
    name: entry.name ?? "",
    kind: entry.kind ?? "",
    value: entry.value ?? "",
    reason: entry.reason ?? "",
    activeText: yesOrNo(entry.active)
  }));
}

/** Builds one row per indicator rule record, in the order Apex returned them. */
export function indicatorRuleRows(
  rules: readonly IndicatorRule[]
): IndicatorRuleRow[] {
  return rules.map((rule, index) => ({
    key: `${index}:${rule.name}`,
    ruleId: rule.ruleId ?? "",
    title: rule.title ?? "",
    severity: rule.severity ?? "",
    matchKind: rule.matchKind ?? "",
    field: rule.field ?? "",
    pattern: rule.pattern ?? "",
    sourceText: [rule.sourceDate, rule.source]
      .filter((part) => typeof part === "string" && part.trim() !== "")
      .join(": "),
    activeText: yesOrNo(rule.active),
    usedInPoliciesText: yesOrNo(rule.usedInPolicies)
  }));
}

/**
 * Reads the overview as the policies read the settings store. Apex leaves
 * null fields out of its JSON, so a missing list counts as empty.
 */
export function viewPolicyOverview(
  overview: PolicyOverview
): PolicyOverviewView {
  const store = {
    settings: overview.settings ?? [],
    allowlist: overview.allowlist ?? [],
    indicatorRules: overview.indicatorRules ?? []
  };
  const reading = readPolicyRules(store);
  const policies = policyRows(overview, reading.rules.thresholds);
  const stateReadable = overview.stateReadable === true;
  return {
    policies,
    stateReadable,
    stateProblem: stateReadable
      ? null
      : (overview.stateProblem ?? UNEXPLAINED_STATE_PROBLEM),
    noneDeployed:
      stateReadable && policies.every((row) => row.state === "not-deployed"),
    allowlist: allowlistRows(store.allowlist),
    indicatorRules: indicatorRuleRows(store.indicatorRules),
    problems: [
      ...reading.settingProblems,
      ...reading.allowlistProblems,
      ...reading.indicatorProblems
    ].map((problem) => problem.message)
  };
}
