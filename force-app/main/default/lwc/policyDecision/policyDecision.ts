/**
 * The decision each OAuth Guard transaction security policy makes about
 * one real-time event, given the settings store: row thresholds, the
 * allowlist and the indicator rules. The Apex classes PolicyEvent,
 * PolicySettings and PolicyDecision make the same decision inside the
 * policies' conditions, and vectors/policy-vectors.json contains the
 * shared cases.
 *
 * An event triggers its policy when either
 * - an indicator rule that is active and used in policies matches its user
 *   agent or source IP address (allowlist entries never excuse this), or
 * - it is a large read that no allowlist entry exempts. Large means more
 *   rows than the threshold, or an unknown row count (RowsProcessed below
 *   zero, which the platform reports for big objects). Every Bulk API
 *   result download counts, because that event carries no row count.
 *
 * ApiEvent.ConnectedAppId is null when the user already held a valid
 * token. Such an event cannot match a connected app entry, so only a user
 * or IP range entry exempts it: treating a missing app as allowed would let
 * any reused session pull data unchecked.
 */
import type {
  AllowlistEntry,
  GuardSetting,
  IndicatorRule
} from "oauth-guard/dto";
import { toEighteenCharacterId } from "c/appKey";
import { settingsFromRecords } from "c/guardSettings";
import type { PolicyRowThresholds, SettingProblem } from "c/guardSettings";
import {
  INDICATOR_FIELDS,
  compileIndicatorRules,
  foldCase,
  matchIndicators
} from "c/indicatorMatch";
import type { IndicatorMatcher, RuleProblem } from "c/indicatorMatch";
import { parseIpAddress, parseIpRange, rangeContains } from "c/ipRange";
import type { IpRange } from "c/ipRange";

/** The event each policy watches, by the policy's condition. */
export type PolicyEventName =
  "ApiEvent" | "ReportEvent" | "BulkApiResultEventStore" | "ListViewEvent";

export const POLICY_EVENT_NAMES: readonly PolicyEventName[] = [
  "ApiEvent",
  "ReportEvent",
  "BulkApiResultEventStore",
  "ListViewEvent"
];

/** The event fields the policies read, each null when absent. */
export interface PolicyEvent {
  rowsProcessed: number | null;
  connectedAppId: string | null;
  userId: string | null;
  username: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** ReportEvent.Operation, for example `ReportExported`. */
  operation: string | null;
  /** EventSource: `API`, `Classic` or `Lightning`. */
  eventSource: string | null;
}

/** Why an event triggered: an indicator or a large read. */
export type DecisionReason =
  | `indicator:${string}`
  | "rows-over-threshold"
  | "rows-unknown"
  | "bulk-result-download";

export type Exemption =
  "allowlisted-app" | "allowlisted-user" | "allowlisted-ip";

export interface PolicyDecision {
  triggered: boolean;
  /** Every reason, indicators first, without repeats. */
  reasons: DecisionReason[];
  /** The allowlist entry kind that excused a large read, if any. */
  exemptedBy: Exemption | null;
}

/** A problem with an allowlist entry, for the admin to fix. */
export interface AllowlistProblem {
  name: string;
  message: string;
}

/** The allowlist's active entries, validated and indexed. */
export interface CompiledAllowlist {
  /** 18-character connected app ids. */
  connectedAppIds: ReadonlySet<string>;
  /** 18-character user ids. */
  userIds: ReadonlySet<string>;
  /** Usernames, case folded. */
  usernames: ReadonlySet<string>;
  ipRanges: readonly IpRange[];
  problems: readonly AllowlistProblem[];
}

/** Everything the policies read from the settings store, compiled. */
export interface PolicyRules {
  thresholds: PolicyRowThresholds;
  allowlist: CompiledAllowlist;
  indicators: IndicatorMatcher;
}

export interface PolicyRulesReading {
  rules: PolicyRules;
  settingProblems: readonly SettingProblem[];
  allowlistProblems: readonly AllowlistProblem[];
  indicatorProblems: readonly RuleProblem[];
}

function textOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * Reads the policy fields from an event's field values, keyed by API name
 * as the platform, a streaming payload or a query result names them.
 * Values of the wrong type count as absent.
 */
export function policyEventFromFields(
  fields: Readonly<Record<string, unknown>> | null | undefined
): PolicyEvent {
  const source = fields ?? {};
  const rows = source.RowsProcessed;
  return {
    rowsProcessed:
      typeof rows === "number" && Number.isFinite(rows) ? rows : null,
    connectedAppId: textOrNull(source.ConnectedAppId),
    userId: textOrNull(source.UserId),
    username: textOrNull(source.Username),
    sourceIp: textOrNull(source.SourceIp),
    userAgent: textOrNull(source.UserAgent),
    operation: textOrNull(source.Operation),
    eventSource: textOrNull(source.EventSource)
  };
}

function addAllowlistEntry(
  entry: AllowlistEntry,
  allowlist: {
    connectedAppIds: Set<string>;
    userIds: Set<string>;
    usernames: Set<string>;
    ipRanges: IpRange[];
  },
  problems: AllowlistProblem[]
): void {
  const value = (entry.value ?? "").trim();
  const label = `Allowlist entry ${entry.name}`;
  if (value === "") {
    problems.push({ name: entry.name, message: `${label} has no value.` });
    return;
  }
  switch (entry.kind) {
    case "ConnectedApp": {
      const id = toEighteenCharacterId(value);
      if (id === null) {
        problems.push({
          name: entry.name,
          message:
            `${label} names the app "${value}" by name. The policies ` +
            `match apps by id only, because ApiEvent carries no app name: ` +
            `enter the connected app's 15- or 18-character id.`
        });
        return;
      }
      allowlist.connectedAppIds.add(id);
      return;
    }
    case "User": {
      const id = toEighteenCharacterId(value);
      if (id !== null) {
        allowlist.userIds.add(id);
      } else {
        allowlist.usernames.add(foldCase(value));
      }
      return;
    }
    case "IpRange": {
      const range = parseIpRange(value);
      if (range === null) {
        problems.push({
          name: entry.name,
          message:
            `${label} has the value "${value}", which is not an IP ` +
            `address or CIDR range such as 203.0.113.0/24.`
        });
        return;
      }
      allowlist.ipRanges.push(range);
      return;
    }
    default:
      problems.push({
        name: entry.name,
        message:
          `${label} has the unknown kind "${entry.kind}". ` +
          `Use ConnectedApp, IpRange or User.`
      });
  }
}

/** Validates and indexes the active allowlist entries. */
export function compileAllowlist(
  entries: readonly AllowlistEntry[]
): CompiledAllowlist {
  const allowlist = {
    connectedAppIds: new Set<string>(),
    userIds: new Set<string>(),
    usernames: new Set<string>(),
    ipRanges: [] as IpRange[]
  };
  const problems: AllowlistProblem[] = [];
  for (const entry of entries) {
    if (entry.active) {
      addAllowlistEntry(entry, allowlist, problems);
    }
  }
  return { ...allowlist, problems };
}

/** Reads the settings store as the policies' conditions read it. */
export function readPolicyRules(store: {
  settings: readonly GuardSetting[];
  allowlist: readonly AllowlistEntry[];
  indicatorRules: readonly IndicatorRule[];
}): PolicyRulesReading {
  const settings = settingsFromRecords(store.settings);
  const allowlist = compileAllowlist(store.allowlist);
  const indicators = compileIndicatorRules(store.indicatorRules, {
    forPolicies: true
  });
  return {
    rules: {
      thresholds: settings.settings.policyRowThresholds,
      allowlist,
      indicators
    },
    settingProblems: settings.problems,
    allowlistProblems: allowlist.problems,
    indicatorProblems: indicators.problems
  };
}

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === "";
}

/**
 * True when the event delivers its rows to the client rather than showing
 * them in the browser. Reports count when exported or run through the
 * API; list views count when read through the API. An event that names
 * neither its operation nor its source counts, since nothing shows that it
 * stayed in the browser.
 */
function deliversRows(eventName: PolicyEventName, event: PolicyEvent): boolean {
  const fromApi = foldCase((event.eventSource ?? "").trim()) === "api";
  if (eventName === "ReportEvent") {
    if (isBlank(event.operation) && isBlank(event.eventSource)) {
      return true;
    }
    return fromApi || foldCase(event.operation ?? "").includes("export");
  }
  if (eventName === "ListViewEvent") {
    return fromApi || isBlank(event.eventSource);
  }
  return true;
}

function rowThreshold(
  eventName: PolicyEventName,
  thresholds: PolicyRowThresholds
): number | null {
  if (eventName === "ApiEvent") {
    return thresholds.api;
  }
  if (eventName === "ReportEvent") {
    return thresholds.report;
  }
  if (eventName === "ListViewEvent") {
    return thresholds.listView;
  }
  // BulkApiResultEventStore carries no row count.
  return null;
}

/** Returns why the event is a large read, or null when it is not one. */
function largeReadReason(
  eventName: PolicyEventName,
  event: PolicyEvent,
  thresholds: PolicyRowThresholds
): DecisionReason | null {
  const threshold = rowThreshold(eventName, thresholds);
  if (threshold === null) {
    return "bulk-result-download";
  }
  if (event.rowsProcessed === null || !deliversRows(eventName, event)) {
    return null;
  }
  if (event.rowsProcessed < 0) {
    return "rows-unknown";
  }
  return event.rowsProcessed > threshold ? "rows-over-threshold" : null;
}

/** Returns the allowlist entry kind that exempts the event, if any. */
function exemptionFor(
  eventName: PolicyEventName,
  event: PolicyEvent,
  allowlist: CompiledAllowlist
): Exemption | null {
  if (eventName === "ApiEvent" && event.connectedAppId !== null) {
    const appId = toEighteenCharacterId(event.connectedAppId);
    if (appId !== null && allowlist.connectedAppIds.has(appId)) {
      return "allowlisted-app";
    }
  }
  const userId =
    event.userId === null ? null : toEighteenCharacterId(event.userId);
  const username = (event.username ?? "").trim();
  if (
    (userId !== null && allowlist.userIds.has(userId)) ||
    (username !== "" && allowlist.usernames.has(foldCase(username)))
  ) {
    return "allowlisted-user";
  }
  const address = parseIpAddress(event.sourceIp);
  if (
    address !== null &&
    allowlist.ipRanges.some((range) => rangeContains(range, address))
  ) {
    return "allowlisted-ip";
  }
  return null;
}

/** Decides whether one event triggers the policy that watches its kind. */
export function decidePolicy(
  eventName: PolicyEventName,
  event: PolicyEvent,
  rules: PolicyRules
): PolicyDecision {
  const reasons: DecisionReason[] = [];
  const hits = matchIndicators(rules.indicators, {
    [INDICATOR_FIELDS.userAgent]: event.userAgent,
    [INDICATOR_FIELDS.sourceIp]: event.sourceIp
  });
  for (const hit of hits) {
    const reason: DecisionReason = `indicator:${hit.ruleId}`;
    if (!reasons.includes(reason)) {
      reasons.push(reason);
    }
  }
  let exemptedBy: Exemption | null = null;
  const largeRead = largeReadReason(eventName, event, rules.thresholds);
  if (largeRead !== null) {
    exemptedBy = exemptionFor(eventName, event, rules.allowlist);
    if (exemptedBy === null) {
      reasons.push(largeRead);
    }
  }
  return { triggered: reasons.length > 0, reasons, exemptedBy };
}
