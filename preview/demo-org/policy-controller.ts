/**
 * The demo org's side of PolicyController: the same overview, and the
 * same reasons for an unreadable policy state, as the Apex class.
 */
import type { PolicyOverview } from "oauth-guard/dto";
import type { ApexCallContext } from "./apex-method";
import { withoutNullFields } from "./inventory-controllers";

/** The Apex message for an org without transaction security. */
export const NO_POLICY_OBJECT_PROBLEM =
  "This org has no TransactionSecurityPolicy object, so OAuth Guard " +
  "cannot show whether its policies are enabled. Transaction security " +
  "policies need Event Monitoring or Shield.";

/** The Apex message for a user who may not read TransactionSecurityPolicy. */
export const VIEW_ALL_DATA_PROBLEM =
  "Whether the policies are enabled can only be read with the View All " +
  "Data permission. Grant it, or check Setup > Transaction Security " +
  "Policies.";

function readStateProblem({
  org,
  runningUser
}: ApexCallContext): string | null {
  if (!org.hasEventMonitoring) {
    return NO_POLICY_OBJECT_PROBLEM;
  }
  // Reading TransactionSecurityPolicy needs View All Data, the only
  // permission that the demo org checks for it.
  if (!runningUser.systemPermissions.includes("ViewAllData")) {
    return VIEW_ALL_DATA_PROBLEM;
  }
  return null;
}

/**
 * PolicyController.getPolicyOverview: the settings, allowlist and
 * indicator rules for every user, and the policy records only when the
 * running user may read them.
 */
export function getPolicyOverview(context: ApexCallContext): PolicyOverview {
  const { org } = context;
  const stateProblem = readStateProblem(context);
  return withoutNullFields({
    policies:
      stateProblem === null
        ? org.policyRecords.map((record) => withoutNullFields(record))
        : [],
    stateReadable: stateProblem === null,
    stateProblem,
    settings: org.settingRecords.map((record) => ({ ...record })),
    allowlist: org.allowlistEntries.map((entry) => withoutNullFields(entry)),
    indicatorRules: org.indicatorRules.map((rule) => withoutNullFields(rule))
  });
}
