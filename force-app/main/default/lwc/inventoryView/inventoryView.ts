/**
 * What the inventory page shows of the core's app summaries: filtering by
 * text and risk level, sorting, one table row per app with text cells,
 * the Setup page for an app, and the age chart of an app's tokens.
 */
import type { AppKind } from "c/appKey";
import { countByAgeBucket, wholeDaysBetween } from "c/tokenAge";
import type { AppSummary, InventoryState } from "c/tokenInventory";
import type { RiskLevel } from "c/tokenRisk";

export type RiskFilter = RiskLevel | "all";

/** One row of the apps table. Every cell the admin reads is text. */
export interface AppTableRow {
  key: string;
  name: string;
  kind: string;
  installed: string;
  users: number;
  tokens: number;
  oldestCreated: string;
  lastUsed: string | null;
  totalUseCount: number;
  staleCount: number;
  oldCount: number;
  refreshTokenPolicy: string;
  permittedUsers: string;
  riskLevel: string;
  riskScore: number;
  riskReasons: string;
  /** Reason a row is not keyed by an app id, or empty when it is. */
  identityNote: string;
}

export type SortableColumn = Exclude<keyof AppTableRow, "key">;

const KIND_LABELS: Record<AppKind, string> = {
  "connected-app": "Connected app",
  "external-client-app": "External client app",
  unknown: "Unknown"
};

const POLICY_LABELS: Record<string, string> = {
  "never-expires": "Never expires",
  "expires-after-inactivity": "Expires after inactivity",
  "expires-after-period": "Expires after a period",
  unknown: "Unknown"
};

const PERMITTED_USERS_LABELS: Record<string, string> = {
  "admin-approved": "Admin-approved users only",
  "all-users": "All users may self-authorise",
  unknown: "Unknown"
};

const RISK_LABELS: Record<RiskLevel, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "None"
};

function installedLabel(installed: boolean | null): string {
  if (installed === null) {
    return "Unknown";
  }
  return installed ? "Installed" : "Not installed";
}

/** Returns the reasons behind a rating as one line of text. */
export function riskReasons(app: AppSummary): string {
  if (app.risk.factors.length === 0) {
    return "No risk factor applies.";
  }
  return app.risk.factors.map((factor) => factor.message).join(" ");
}

/**
 * Explains rows keyed by name. Tokens of an installed app that lack a menu
 * item carry no application id, so they form a row of their own beside the
 * app's id-keyed row. The note distinguishes the two.
 */
function identityNote(app: AppSummary): string {
  if (app.applicationId !== null && app.key.startsWith("id:")) {
    return "";
  }
  if (app.policyMatch === "name") {
    return "Tokens without a menu item, matched to the app by name";
  }
  return app.tokens > 0 && app.tokenAppNames.length === 0
    ? "Tokens that name no app"
    : "Known by name only";
}

/** Builds the table row of one app. */
export function toTableRow(app: AppSummary): AppTableRow {
  return {
    key: app.key,
    name: app.name,
    kind: KIND_LABELS[app.kind],
    installed: installedLabel(app.installed),
    users: app.users,
    tokens: app.tokens,
    oldestCreated: app.oldestCreated,
    lastUsed: app.lastUsed,
    totalUseCount: app.totalUseCount,
    staleCount: app.staleCount,
    oldCount: app.oldCount,
    refreshTokenPolicy:
      POLICY_LABELS[app.refreshTokenPolicy.policy] ?? "Unknown",
    permittedUsers: PERMITTED_USERS_LABELS[app.permittedUsers] ?? "Unknown",
    riskLevel: RISK_LABELS[app.risk.level],
    riskScore: app.risk.score,
    riskReasons: riskReasons(app),
    identityNote: identityNote(app)
  };
}

/**
 * Keeps the apps whose name, token app names or key contain the text
 * (case-insensitive) and whose risk level matches.
 */
export function filterApps(
  apps: readonly AppSummary[],
  text: string,
  risk: RiskFilter
): AppSummary[] {
  const needle = text.trim().toLowerCase();
  return apps.filter((app) => {
    if (risk !== "all" && app.risk.level !== risk) {
      return false;
    }
    if (needle === "") {
      return true;
    }
    return [app.name, app.key, ...app.tokenAppNames].some((value) =>
      value.toLowerCase().includes(needle)
    );
  });
}

function compareCells(
  first: string | number | null,
  second: string | number | null
): number {
  if (first === second) {
    return 0;
  }
  // Empty cells (an app never used) sort after every value.
  if (first === null) {
    return 1;
  }
  if (second === null) {
    return -1;
  }
  if (typeof first === "number" && typeof second === "number") {
    return first - second;
  }
  return String(first).localeCompare(String(second));
}

/**
 * Sorts table rows by one column. Risk level sorts by score, so that
 * "High" comes before "Medium" when descending. Ties keep their order.
 */
export function sortRows(
  rows: readonly AppTableRow[],
  column: SortableColumn,
  direction: "asc" | "desc"
): AppTableRow[] {
  const field: SortableColumn = column === "riskLevel" ? "riskScore" : column;
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort(
    (first, second) => sign * compareCells(first[field], second[field])
  );
}

const OAUTH_USAGE_PATH = "/lightning/setup/ConnectedAppsUsage/home";

function connectedAppPagePath(applicationId: string): string {
  const detail = `/app/mgmt/forceconnectedapps/forceAppDetail.apexp?applicationId=${applicationId}`;
  return `/lightning/setup/ConnectedApplication/page?address=${encodeURIComponent(detail)}`;
}

/**
 * Returns the Setup path where an admin blocks an app or changes its
 * refresh-token policy, which Apex cannot do. An installed connected app
 * opens its management page. Anything else opens the Connected Apps OAuth
 * Usage list, where every app with tokens can be blocked.
 *
 * NOTE: the management page address is the one Setup links to from the
 * OAuth usage list; it has not been checked against a live org.
 */
export function setupPathFor(app: AppSummary): string {
  if (app.kind === "connected-app" && app.applicationId && app.installed) {
    return connectedAppPagePath(app.applicationId);
  }
  return OAUTH_USAGE_PATH;
}

/**
 * Returns the Setup path for an app known only by its key, as an audit
 * record names it: a connected app's page for an `id:` key with the
 * ConnectedApplication prefix 0H4, else OAuth Connected Apps Usage, which
 * lists every app with tokens.
 */
export function setupPathForKey(appKey: string): string {
  const applicationId = appKey.startsWith("id:") ? appKey.slice(3) : "";
  if (
    applicationId.startsWith("0H4") &&
    /^[0-9A-Za-z]{18}$/.test(applicationId)
  ) {
    return connectedAppPagePath(applicationId);
  }
  return OAUTH_USAGE_PATH;
}

/** Counts an app's tokens per age bucket at `now`. */
export function ageBucketsForApp(
  state: InventoryState,
  key: string,
  now: number
): { label: string; count: number }[] {
  const entry = state.apps.get(key);
  const ages = (entry?.tokens ?? []).map((token) =>
    wholeDaysBetween(token.createdAt, now)
  );
  return countByAgeBucket(ages).map(({ label, count }) => ({ label, count }));
}
