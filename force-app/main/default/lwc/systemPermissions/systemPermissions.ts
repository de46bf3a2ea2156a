/**
 * The system permissions OAuth Guard relies on, what each unlocks, and the
 * wording the pages use when one is missing. Packaged permission sets
 * cannot grant these, so an admin adds them by hand.
 */

export interface PermissionStatus {
  name: string;
  granted: boolean;
  available: boolean;
}

export interface PermissionRequirement {
  name: string;
  label: string;
  unlocks: string;
}

export interface PermissionFinding extends PermissionRequirement {
  state: "granted" | "missing" | "unavailable";
  message: string;
}

export const PERMISSION_REQUIREMENTS: readonly PermissionRequirement[] = [
  {
    name: "CustomizeApplication",
    label: "Customize Application",
    unlocks: "every user's OAuth tokens, not only your own"
  },
  {
    name: "ViewAllData",
    label: "View All Data",
    unlocks: "Transaction Security Policy status and every user's records"
  },
  {
    name: "ViewEventLogFiles",
    label: "View Event Log Files",
    unlocks: "API, Bulk API, report export, login and logout event log files"
  },
  {
    name: "ManageUsers",
    label: "Manage Users",
    unlocks: "login history, to see where OAuth logins came from"
  },
  {
    name: "ApiEnabled",
    label: "API Enabled",
    unlocks: "event log file contents, which are only served over the API"
  },
  {
    name: "ViewRealTimeEventMonitoringData",
    label: "View Real-Time Event Monitoring Data",
    unlocks: "real-time API, report and Bulk API result events"
  }
];

/**
 * Joins the statuses Apex reports with what each permission unlocks.
 * A permission Apex did not report counts as missing, so an older Apex
 * version can never make a requirement look satisfied.
 */
export function assessPermissions(
  statuses: readonly PermissionStatus[]
): PermissionFinding[] {
  const byName = new Map(statuses.map((status) => [status.name, status]));
  return PERMISSION_REQUIREMENTS.map((requirement) => {
    const status = byName.get(requirement.name);
    if (status && !status.available) {
      return {
        ...requirement,
        state: "unavailable",
        message: `${requirement.label} is not available in this org, so OAuth Guard cannot show ${requirement.unlocks}.`
      };
    }
    if (status?.granted) {
      return {
        ...requirement,
        state: "granted",
        message: `${requirement.label} lets OAuth Guard show ${requirement.unlocks}.`
      };
    }
    return {
      ...requirement,
      state: "missing",
      message: `Without ${requirement.label}, OAuth Guard cannot show ${requirement.unlocks}.`
    };
  });
}

/** Returns the findings that need an admin's attention. */
export function missingPermissions(
  findings: readonly PermissionFinding[]
): PermissionFinding[] {
  return findings.filter((finding) => finding.state !== "granted");
}
