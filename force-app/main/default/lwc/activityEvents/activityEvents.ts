/**
 * Per-app figures of the real-time sources and the events behind the
 * Activity tab's numbers, from the activity the page read from the org
 * (c/orgActivity).
 */
import type { ActivityRecord } from "c/activityRecord";
import {
  ActivityAggregator,
  activityAppKey,
  utcDay,
  UNATTRIBUTED_APP_KEY
} from "c/activityAggregate";
import type { OrgActivity } from "c/orgActivity";

/** One app's figures in one real-time source. */
export interface SourceAppRow {
  source: string;
  appKey: string;
  appName: string;
  events: number;
  rows: number;
  eventsWithUnknownRows: number;
  users: number;
  sourceIps: number;
  userAgents: number;
  /** UTC epoch milliseconds. */
  firstSeen: number;
  lastSeen: number;
}

/** An app as the Activity tab selects it: its key and its name. */
export interface SelectedApp {
  appKey: string;
  appName: string | null;
}

export interface AppEvents {
  /** The newest matching events, at most the limit, newest first. */
  events: ActivityRecord[];
  /** Every matching event, shown or not. */
  total: number;
}

/** Events listed at most for one app or day. */
export const MAX_EVENTS_SHOWN = 200;

function nameOf(
  appKey: string,
  names: readonly string[],
  appNames: Record<string, string>
): string {
  if (appKey === UNATTRIBUTED_APP_KEY) {
    return "Unattributed (no connected app)";
  }
  return appNames[appKey] ?? names[0] ?? appKey.replace(/^(id|name):/, "");
}

/**
 * Folds each real-time source into one row per app, the sources in the
 * order read and the apps by events, most first.
 */
export function sourceAppRows(
  activity: OrgActivity,
  appNames: Record<string, string> = {}
): SourceAppRow[] {
  const rows: SourceAppRow[] = [];
  for (const read of activity.rowSources) {
    const aggregator = new ActivityAggregator();
    read.records.forEach((record) => aggregator.add(record));
    const summaries = aggregator
      .summaries()
      .sort(
        (first, second) =>
          second.requests - first.requests ||
          first.appKey.localeCompare(second.appKey)
      );
    for (const summary of summaries) {
      rows.push({
        source: read.source,
        appKey: summary.appKey,
        appName: nameOf(summary.appKey, summary.connectedAppNames, appNames),
        events: summary.requests,
        rows: summary.rows,
        eventsWithUnknownRows: summary.requestsWithUnknownRows,
        users: summary.users.length,
        sourceIps: summary.sourceIpCount,
        userAgents: summary.userAgentCount,
        firstSeen: summary.firstSeen ?? 0,
        lastSeen: summary.lastSeen ?? 0
      });
    }
  }
  return rows;
}

/** True when the record belongs to the app, by key or by name. */
function belongsTo(record: ActivityRecord, app: SelectedApp): boolean {
  if (activityAppKey(record) === app.appKey) {
    return true;
  }
  // A name joins only events without an app id, because names repeat.
  return (
    record.connectedAppId === null &&
    app.appName !== null &&
    record.connectedAppName === app.appName
  );
}

/**
 * Returns the app's events, on one UTC day or on every day, newest
 * first, at most `limit` of them, with the count of all that match.
 */
export function eventsOfApp(
  records: readonly ActivityRecord[],
  app: SelectedApp,
  day: string | null = null,
  limit = MAX_EVENTS_SHOWN
): AppEvents {
  const matching = records.filter(
    (record) =>
      belongsTo(record, app) && (day === null || utcDay(record.time) === day)
  );
  matching.sort((first, second) => second.time - first.time);
  return { events: matching.slice(0, limit), total: matching.length };
}
