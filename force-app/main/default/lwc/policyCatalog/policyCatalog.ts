/**
 * The transaction security policies that OAuth Guard ships, and how the
 * Policies tab matches them to the TransactionSecurityPolicy records that
 * Apex reads. The policy files under transactionSecurityPolicies/ are the
 * source of truth; a Jest test keeps this list equal to them.
 */
import type { PolicyStatus } from "oauth-guard/dto";
import type { PolicyRowThresholds } from "c/guardSettings";
import type { PolicyEventName } from "c/policyDecision";

export type PolicyAction = "block" | "notify";

export interface ShippedPolicy {
  developerName: string;
  masterLabel: string;
  eventName: PolicyEventName;
  /** The Apex class that implements TxnSecurity.EventCondition. */
  conditionClass: string;
  /** The action the shipped file sets; the admin may change it. */
  shippedAction: PolicyAction;
  /** The row threshold the policy reads, or null when it reads none. */
  rowThreshold: keyof PolicyRowThresholds | null;
  /** The setting record that contains that threshold, or null. */
  rowThresholdSetting: string | null;
  /** Allowlist kinds that exempt a large read from this policy. */
  allowlistKinds: readonly string[];
}

export const SHIPPED_POLICIES: readonly ShippedPolicy[] = Object.freeze([
  {
    developerName: "OAuth_Guard_Api_Data_Pull",
    masterLabel: "OAuth Guard: API data pulls",
    eventName: "ApiEvent",
    conditionClass: "ApiDataPullCondition",
    shippedAction: "block",
    rowThreshold: "api",
    rowThresholdSetting: "PolicyApiRowThreshold",
    allowlistKinds: ["ConnectedApp", "User", "IpRange"]
  },
  {
    developerName: "OAuth_Guard_Bulk_Result_Download",
    masterLabel: "OAuth Guard: Bulk API result downloads",
    eventName: "BulkApiResultEventStore",
    conditionClass: "BulkResultDownloadCondition",
    shippedAction: "block",
    rowThreshold: null,
    rowThresholdSetting: null,
    allowlistKinds: ["User", "IpRange"]
  },
  {
    developerName: "OAuth_Guard_Large_Report_Export",
    masterLabel: "OAuth Guard: Large report exports",
    eventName: "ReportEvent",
    conditionClass: "ReportExportCondition",
    shippedAction: "notify",
    rowThreshold: "report",
    rowThresholdSetting: "PolicyReportRowThreshold",
    allowlistKinds: ["User", "IpRange"]
  },
  {
    developerName: "OAuth_Guard_Large_List_View_Read",
    masterLabel: "OAuth Guard: Large list view reads",
    eventName: "ListViewEvent",
    conditionClass: "ListViewReadCondition",
    shippedAction: "notify",
    rowThreshold: "listView",
    rowThresholdSetting: "PolicyListViewRowThreshold",
    allowlistKinds: ["User", "IpRange"]
  }
]);

/**
 * Setup's Transaction Security page, where policies are switched on.
 * NOTE: this path has not been opened in an org, so it may be wrong.
 */
export const TRANSACTION_SECURITY_SETUP_PATH =
  "/lightning/setup/TransactionSecurityNew/home";

export type PolicyState = "enabled" | "disabled" | "not-deployed" | "unknown";

export interface CatalogueEntryStatus {
  policy: ShippedPolicy;
  /** Records that use the policy's condition class; usually one. */
  records: readonly PolicyStatus[];
  state: PolicyState;
}

/** Reads a TransactionSecurityPolicy State value. */
export function stateOf(record: PolicyStatus): PolicyState {
  const state = (record.state ?? "").trim().toLowerCase();
  if (state === "enabled") {
    return "enabled";
  }
  if (state === "disabled") {
    return "disabled";
  }
  return "unknown";
}

/**
 * Pairs each shipped policy with the records that run its condition
 * class. A policy is enabled when any of its records is. When the state
 * could not be read, every policy is `unknown`.
 */
export function matchShippedPolicies(
  records: readonly PolicyStatus[],
  stateReadable: boolean
): CatalogueEntryStatus[] {
  return SHIPPED_POLICIES.map((policy) => {
    const matching = records.filter(
      (record) => record.conditionClass === policy.conditionClass
    );
    let state: PolicyState = "unknown";
    if (stateReadable) {
      const states = matching.map(stateOf);
      if (matching.length === 0) {
        state = "not-deployed";
      } else if (states.includes("enabled")) {
        state = "enabled";
      } else if (states.every((each) => each === "disabled")) {
        state = "disabled";
      }
    }
    return { policy, records: matching, state };
  });
}
