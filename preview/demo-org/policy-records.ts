/**
 * The demo org's transaction security policies and the records they read:
 * three of the four shipped policies deployed (one of them switched on),
 * a few allowlist entries, and the indicator rules from the build tree's
 * custom metadata.
 */
import type {
  AllowlistEntry,
  IndicatorRule,
  PolicyStatus
} from "oauth-guard/dto";

/** One custom metadata record as preview/metadata.mjs reads it. */
export interface CustomMetadataRecord {
  type: string;
  name: string;
  values: Record<string, string>;
}

function shippedPolicy(
  developerName: string,
  masterLabel: string,
  eventName: string,
  conditionClass: string,
  state: "Enabled" | "Disabled"
): PolicyStatus {
  // The Policies tab shows neither the block message nor the action
  // configuration, so the demo leaves both unset.
  return {
    developerName,
    masterLabel,
    eventName,
    conditionClass,
    conditionNamespace: null,
    state,
    blockMessage: null,
    actionConfig: null
  };
}

/**
 * TransactionSecurityPolicy records as an admin left them: the API data
 * pulls policy switched on, two policies deployed but off, and the list
 * view policy never deployed.
 */
export const DEMO_POLICY_RECORDS: readonly PolicyStatus[] = [
  shippedPolicy(
    "OAuth_Guard_Api_Data_Pull",
    "OAuth Guard: API data pulls",
    "ApiEvent",
    "ApiDataPullCondition",
    "Enabled"
  ),
  shippedPolicy(
    "OAuth_Guard_Bulk_Result_Download",
    "OAuth Guard: Bulk API result downloads",
    "BulkApiResultEventStore",
    "BulkResultDownloadCondition",
    "Disabled"
  ),
  shippedPolicy(
    "OAuth_Guard_Large_Report_Export",
    "OAuth Guard: Large report exports",
    "ReportEvent",
    "ReportExportCondition",
    "Disabled"
  )
];

/**
 * Allowlist records. The package ships none, so these are the demo's
 * own. Vpn_Pool has a value that is not a CIDR range, which the Policies
 * tab must report.
 */
export const DEMO_ALLOWLIST_ENTRIES: readonly AllowlistEntry[] = [
  {
    name: "Backup_Service_User",
    kind: "User",
    value: "backup.service@acme-demo.example",
    reason: "Weekly backup through the Bulk API, approved by IT security.",
    active: false
  },
  {
    name: "Etl_Integration_User",
    kind: "User",
    value: "etl.integration@acme-demo.example",
    reason: "Nightly export to the data warehouse, approved by the data team.",
    active: true
  },
  {
    name: "Office_Network",
    kind: "IpRange",
    value: "203.0.113.0/24",
    reason: "Head office egress addresses.",
    active: true
  },
  {
    name: "Vpn_Pool",
    kind: "IpRange",
    value: "198.51.100.10-198.51.100.60",
    reason: "VPN address pool.",
    active: true
  }
];

const INDICATOR_RULE_TYPE = "OAuth_Guard_Indicator_Rule";

function textOrNull(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

function numberOrNull(value: string | undefined): number | null {
  const number = Number(value);
  return value === undefined || value === "" || !Number.isFinite(number)
    ? null
    : number;
}

/**
 * Returns the indicator rule records among `records` as Apex
 * IndicatorRule.fromRecord copies them: an empty kind, match kind,
 * pattern, threshold, scope, source or date is null,
 * and a checkbox that is not `true` is false.
 */
export function indicatorRulesFromMetadata(
  records: readonly CustomMetadataRecord[]
): IndicatorRule[] {
  return records
    .filter((record) => record.type === INDICATOR_RULE_TYPE)
    .map((record) => ({
      name: record.name,
      ruleId: record.values.Rule_Id__c ?? "",
      title: record.values.Title__c ?? "",
      severity: record.values.Severity__c ?? "",
      kind: textOrNull(record.values.Kind__c),
      matchKind: textOrNull(record.values.Match_Kind__c),
      field: record.values.Field__c ?? "",
      pattern: textOrNull(record.values.Pattern__c),
      threshold: numberOrNull(record.values.Threshold__c),
      scope: textOrNull(record.values.Scope__c),
      source: textOrNull(record.values.Source__c),
      sourceDate: textOrNull(record.values.Source_Date__c),
      active: record.values.Active__c === "true",
      usedInPolicies: record.values.Use_In_Policies__c === "true"
    }));
}
