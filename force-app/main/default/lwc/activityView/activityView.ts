/**
 * Per-app figures and a daily timeline from the daily capture's stored
 * summaries (one per event type, app, user and UTC day), folded in the
 * browser for the Activity tab.
 */
import type {
  ActivitySummary,
  ActivitySummaryPage,
  CapturedLogFile
} from "oauth-guard/dto";

export const UNATTRIBUTED_APP_KEY = "unattributed";

/** One app's figures over every summary it has. */
export interface AppActivityRow {
  appKey: string;
  appName: string;
  requests: number;
  /** Null when no request reported a row count. */
  rows: number | null;
  requestsWithUnknownRows: number;
  /** Null when no request reported a response size. */
  bytes: number | null;
  users: number;
  sourceIps: number;
  /** True when a summary kept only part of its source IPs. */
  sourceIpsTruncated: boolean;
  userAgents: number;
  userAgentsTruncated: boolean;
  /** ISO 8601 UTC. */
  firstSeen: string;
  lastSeen: string;
}

/** One UTC day of one app. */
export interface TimelineDay {
  day: string;
  requests: number;
  rows: number | null;
  bytes: number | null;
  users: number;
}

interface AppFold {
  row: AppActivityRow;
  users: Set<string>;
  sourceIps: Set<string>;
  userAgents: Set<string>;
}

function addNullable(total: number | null, value: number | null) {
  if (value === null) {
    return total;
  }
  return (total ?? 0) + value;
}

function appNameOf(summary: ActivitySummary): string {
  if (summary.appKey === UNATTRIBUTED_APP_KEY) {
    return "Unattributed (no connected app)";
  }
  return summary.appName ?? summary.connectedAppId ?? summary.appKey;
}

function newFold(summary: ActivitySummary): AppFold {
  return {
    row: {
      appKey: summary.appKey,
      appName: appNameOf(summary),
      requests: 0,
      rows: null,
      requestsWithUnknownRows: 0,
      bytes: null,
      users: 0,
      sourceIps: 0,
      sourceIpsTruncated: false,
      userAgents: 0,
      userAgentsTruncated: false,
      firstSeen: summary.firstSeen,
      lastSeen: summary.lastSeen
    },
    users: new Set(),
    sourceIps: new Set(),
    userAgents: new Set()
  };
}

function addToFold(fold: AppFold, summary: ActivitySummary): void {
  const row = fold.row;
  row.requests += summary.requests;
  row.rows = addNullable(row.rows, summary.rows);
  row.requestsWithUnknownRows += summary.requestsWithUnknownRows;
  row.bytes = addNullable(row.bytes, summary.bytes);
  // ISO 8601 UTC times of one format sort as text.
  if (summary.firstSeen < row.firstSeen) {
    row.firstSeen = summary.firstSeen;
  }
  if (summary.lastSeen > row.lastSeen) {
    row.lastSeen = summary.lastSeen;
  }
  if (summary.user !== null) {
    fold.users.add(summary.user);
  }
  summary.sourceIps.values.forEach((ip) => fold.sourceIps.add(ip));
  summary.userAgents.values.forEach((agent) => fold.userAgents.add(agent));
  row.sourceIpsTruncated ||= summary.sourceIps.truncated;
  row.userAgentsTruncated ||= summary.userAgents.truncated;
}

/**
 * Folds summaries into one row per app, the largest response volume
 * first, then the most requests. Distinct counts of a truncated list are
 * lower bounds, which the row's flags record.
 */
export function summariseApps(summaries: ActivitySummary[]): AppActivityRow[] {
  const folds = new Map<string, AppFold>();
  for (const summary of summaries) {
    let fold = folds.get(summary.appKey);
    if (!fold) {
      fold = newFold(summary);
      folds.set(summary.appKey, fold);
    }
    addToFold(fold, summary);
  }
  const rows = [...folds.values()].map((fold) => ({
    ...fold.row,
    users: fold.users.size,
    sourceIps: fold.sourceIps.size,
    userAgents: fold.userAgents.size
  }));
  return rows.sort(
    (first, second) =>
      (second.bytes ?? 0) - (first.bytes ?? 0) ||
      second.requests - first.requests ||
      first.appKey.localeCompare(second.appKey)
  );
}

/** Returns one app's figures per UTC day, oldest day first. */
export function timelineForApp(
  summaries: ActivitySummary[],
  appKey: string
): TimelineDay[] {
  const days = new Map<string, TimelineDay & { userSet: Set<string> }>();
  for (const summary of summaries) {
    if (summary.appKey !== appKey) {
      continue;
    }
    let day = days.get(summary.day);
    if (!day) {
      day = {
        day: summary.day,
        requests: 0,
        rows: null,
        bytes: null,
        users: 0,
        userSet: new Set()
      };
      days.set(summary.day, day);
    }
    day.requests += summary.requests;
    day.rows = addNullable(day.rows, summary.rows);
    day.bytes = addNullable(day.bytes, summary.bytes);
    if (summary.user !== null) {
      day.userSet.add(summary.user);
    }
  }
  return [...days.values()]
    .map(({ userSet, ...day }) => ({ ...day, users: userSet.size }))
    .sort((first, second) => first.day.localeCompare(second.day));
}

/** Returns the files the daily capture could not read. */
export function unreadCapturedFiles(
  files: CapturedLogFile[]
): CapturedLogFile[] {
  return files.filter(
    (file) => file.status === "TooLarge" || file.status === "Failed"
  );
}

/** Formats a byte count with binary units, e.g. `12.5 MiB`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) {
    return "unknown";
  }
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Formats a count that may be unknown, with its unknown share. */
export function formatRows(rows: number | null, unknown: number): string {
  if (rows === null) {
    return "unknown";
  }
  const text = rows.toLocaleString("en-US");
  return unknown > 0 ? `${text} (${unknown} requests unknown)` : text;
}

/**
 * Pages of summaries read before a reader stops and marks its figures as
 * lower bounds. NOTE: a guess, not sized against a real org.
 */
export const MAX_SUMMARY_PAGES = 50;

/**
 * Reads activity summaries page by page through `readPage` (the Apex
 * method, passed in so that this module imports no Apex), following each
 * page's cursor. Stops after MAX_SUMMARY_PAGES with `complete` false.
 */
export async function readSummaryPages(
  readPage: (cursor: string | null) => Promise<ActivitySummaryPage>
): Promise<{ summaries: ActivitySummary[]; complete: boolean }> {
  const summaries: ActivitySummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_SUMMARY_PAGES; page += 1) {
    // eslint-disable-next-line no-await-in-loop -- each page needs the previous cursor
    const result = await readPage(cursor);
    summaries.push(...result.summaries);
    cursor = result.nextCursor ?? null;
    if (cursor === null) {
      return { summaries, complete: true };
    }
  }
  return { summaries, complete: false };
}
