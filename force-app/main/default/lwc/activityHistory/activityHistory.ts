/**
 * Activity history: what earlier activity showed, so that the first-seen
 * rules (FirstSeenApp, NewRefreshLoginOrigin) can tell new from known.
 * The page builds it from the org's daily captures and snapshots. The
 * command line reads it from a baseline file, which is an earlier
 * `oauth-guard analyze --json` output or evidence pack. Every findings run
 * also returns the history of its own input, for the next run to compare
 * against.
 *
 * Apps are stored by the keys the token inventory uses (c/appKey):
 * `id:<18-character id>` and `name:<app name>`. An app is known when its
 * id or any of its names was seen, because one source names an app by id
 * and another by name.
 */
import type { ActivitySummary, DistinctValues } from "oauth-guard/dto";
import { detachText, type ActivityRecord } from "c/activityRecord";
import { formatIpRange, parseIpAddress } from "c/ipRange";
import type { RuleScope } from "c/findingRules";

export type OriginField = "SOURCE_IP" | "COUNTRY";

/** Origins of the OAuth refresh logins of one app or user. */
export interface RefreshLoginOrigins {
  scope: RuleScope;
  /** An app key, `client:<client name>`, or a user id or username. */
  key: string;
  field: OriginField;
  /** Canonical addresses or ISO country codes, sorted. */
  values: string[];
}

export interface ActivityHistory {
  /** App keys seen, sorted. */
  apps: string[];
  /** Sorted by scope, key and field. */
  refreshLoginOrigins: RefreshLoginOrigins[];
  /**
   * False when the source could not carry refresh login origins (daily
   * captures, or --json output made before findings existed). The
   * NewRefreshLoginOrigin rules do not run against such a history.
   */
  coversRefreshLogins: boolean;
  /** UTC epoch milliseconds of the earliest and latest activity, or null. */
  firstTime: number | null;
  lastTime: number | null;
}

/** The OAuth refresh login facts of one record. */
export interface RefreshLogin {
  /** Scope keys: the app (or client) and the user, each null if unknown. */
  appScopeKey: string | null;
  userScopeKey: string | null;
  /** Canonical address, or null when the address field has no address. */
  address: string | null;
  /** ISO country code in upper case, or null when the source has none. */
  country: string | null;
}

/**
 * Values kept per app or user and origin field. Past this many, further
 * values are not stored, so they would show as new in a later run.
 */
export const MAX_ORIGIN_VALUES = 5000;

const REFRESH_SUB_TYPE = "oauthrefreshtoken";

/** Fields that name a login's sub type, in event log and object style. */
const SUB_TYPE_FIELDS = ["LOGIN_SUB_TYPE", "LoginSubType"];
/** Fields that carry an ISO country code. */
const COUNTRY_FIELDS = ["COUNTRY_CODE", "CountryIso", "COUNTRY_ISO"];

function fieldValue(
  record: ActivityRecord,
  names: readonly string[]
): string | null {
  const fields = record.fields;
  if (fields === undefined) {
    return null;
  }
  for (const name of names) {
    const value = fields[name]?.trim();
    if (value !== undefined && value !== "") {
      return value;
    }
  }
  return null;
}

/**
 * Returns the canonical text of an address: IPv4 dotted, IPv6 as eight
 * hexadecimal groups. Returns null for a value that is not an address,
 * such as `Salesforce.com IP`.
 */
export function canonicalAddress(value: string | null): string | null {
  const address = parseIpAddress(value);
  if (address === null) {
    return null;
  }
  const text = formatIpRange({
    ...address,
    prefixLength: address.version === 4 ? 32 : 128
  });
  return text.slice(0, text.lastIndexOf("/"));
}

/**
 * True when the login sub type names an OAuth refresh token login:
 * `oauthrefreshtoken` in event log files, and the same words with spaces
 * or underscores elsewhere.
 */
export function isRefreshSubType(subType: string | null): boolean {
  if (subType === null) {
    return false;
  }
  return subType.replace(/[\s_]/g, "").toLowerCase() === REFRESH_SUB_TYPE;
}

/** Returns the scope key of a record's app, as origins are stored. */
export function appScopeKeyOf(
  appKey: string,
  clientName: string | null
): string | null {
  if (appKey !== "unattributed") {
    return appKey;
  }
  // Login rows name no app id, only the OAuth client in BROWSER_TYPE.
  return clientName === null ? null : `client:${clientName}`;
}

/**
 * Returns the refresh login facts of a record, or null when it is not an
 * OAuth refresh token login. The sub type is read from the record's
 * fields, so the reader must keep them (keepFields).
 */
export function refreshLoginOf(
  record: ActivityRecord,
  appKey: string
): RefreshLogin | null {
  if (!isRefreshSubType(fieldValue(record, SUB_TYPE_FIELDS))) {
    return null;
  }
  const country = fieldValue(record, COUNTRY_FIELDS);
  return {
    appScopeKey: appScopeKeyOf(appKey, record.clientName),
    userScopeKey: record.userId ?? record.username,
    address: canonicalAddress(record.sourceIp),
    country: country === null ? null : country.toUpperCase()
  };
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

function originKey(scope: RuleScope, key: string, field: OriginField): string {
  return `${scope}\u0000${field}\u0000${key}`;
}

/** Returns an empty history that covers refresh logins. */
export function emptyHistory(): ActivityHistory {
  return {
    apps: [],
    refreshLoginOrigins: [],
    coversRefreshLogins: true,
    firstTime: null,
    lastTime: null
  };
}

/**
 * Collects a history from records and merged histories. The findings
 * engine feeds it every record it reads.
 */
export class HistoryCollector {
  private readonly apps = new Set<string>();
  private readonly origins = new Map<
    string,
    { scope: RuleScope; key: string; field: OriginField; values: Set<string> }
  >();
  private coversRefreshLogins = true;
  private firstTime = Number.POSITIVE_INFINITY;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastAppId: string | null = null;
  private lastAppName: string | null = null;

  /** Adds a record's app and time, and its refresh login facts if any. */
  addRecord(record: ActivityRecord, refreshLogin: RefreshLogin | null): void {
    this.addTime(record.time);
    // Rows repeat the same app, so the last one is skipped without
    // building its key.
    if (
      record.connectedAppId !== null &&
      record.connectedAppId !== this.lastAppId
    ) {
      this.lastAppId = record.connectedAppId;
      this.addApp(`id:${record.connectedAppId}`);
    }
    if (
      record.connectedAppName !== null &&
      record.connectedAppName !== this.lastAppName
    ) {
      this.lastAppName = record.connectedAppName;
      this.addApp(`name:${record.connectedAppName}`);
    }
    if (refreshLogin !== null) {
      this.addRefreshLogin(refreshLogin);
    }
  }

  /**
   * Adds an app key. Keys are copied (detachText), so that a key built
   * from file text never keeps a chunk of the file in memory.
   */
  addApp(key: string): void {
    if (!this.apps.has(key)) {
      this.apps.add(detachText(key));
    }
  }

  addTime(time: number): void {
    this.firstTime = Math.min(this.firstTime, time);
    this.lastTime = Math.max(this.lastTime, time);
  }

  addOrigin(
    scope: RuleScope,
    key: string,
    field: OriginField,
    value: string
  ): void {
    const mapKey = originKey(scope, key, field);
    let entry = this.origins.get(mapKey);
    if (entry === undefined) {
      entry = { scope, key: detachText(key), field, values: new Set() };
      this.origins.set(detachText(mapKey), entry);
    }
    if (entry.values.size < MAX_ORIGIN_VALUES && !entry.values.has(value)) {
      entry.values.add(detachText(value));
    }
  }

  addRefreshLogin(login: RefreshLogin): void {
    const scopes: [RuleScope, string | null][] = [
      ["App", login.appScopeKey],
      ["User", login.userScopeKey]
    ];
    for (const [scope, key] of scopes) {
      if (key === null) {
        continue;
      }
      if (login.address !== null) {
        this.addOrigin(scope, key, "SOURCE_IP", login.address);
      }
      if (login.country !== null) {
        this.addOrigin(scope, key, "COUNTRY", login.country);
      }
    }
  }

  /** Adds everything a history holds. */
  addHistory(history: ActivityHistory): void {
    history.apps.forEach((app) => this.apps.add(app));
    for (const origins of history.refreshLoginOrigins) {
      for (const value of origins.values) {
        this.addOrigin(origins.scope, origins.key, origins.field, value);
      }
    }
    if (!history.coversRefreshLogins) {
      this.coversRefreshLogins = false;
    }
    if (history.firstTime !== null) {
      this.addTime(history.firstTime);
    }
    if (history.lastTime !== null) {
      this.addTime(history.lastTime);
    }
  }

  /** Marks the history as one that cannot show refresh login origins. */
  markRefreshLoginsUncovered(): void {
    this.coversRefreshLogins = false;
  }

  toHistory(): ActivityHistory {
    const origins = [...this.origins.values()]
      .map((entry) => ({
        scope: entry.scope,
        key: entry.key,
        field: entry.field,
        values: [...entry.values].sort(compareText)
      }))
      .sort(
        (first, second) =>
          compareText(first.scope, second.scope) ||
          compareText(first.key, second.key) ||
          compareText(first.field, second.field)
      );
    const empty = this.firstTime > this.lastTime;
    return {
      apps: [...this.apps].sort(compareText),
      refreshLoginOrigins: origins,
      coversRefreshLogins: this.coversRefreshLogins,
      firstTime: empty ? null : this.firstTime,
      lastTime: empty ? null : this.lastTime
    };
  }
}

/** Combines histories, for example several days of captures. */
export function mergeHistories(
  ...histories: readonly ActivityHistory[]
): ActivityHistory {
  const collector = new HistoryCollector();
  histories.forEach((history) => collector.addHistory(history));
  return collector.toHistory();
}

/** Daily figures as the page's captures store them (c/activityAggregate). */
export interface DailyActivityRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  appKey: string;
  connectedAppId: string | null;
}

/**
 * Builds a history from daily captures and snapshot app keys. Captures
 * store no logins, so the history does not cover refresh logins, and the
 * page must add origins it stored some other way (addOrigin) for the
 * NewRefreshLoginOrigin rules to run.
 */
export function historyFromDailyActivity(
  rows: readonly DailyActivityRow[],
  snapshotAppKeys: readonly string[] = []
): ActivityHistory {
  const collector = new HistoryCollector();
  collector.markRefreshLoginsUncovered();
  for (const row of rows) {
    if (row.appKey !== "unattributed") {
      collector.addApp(row.appKey);
    }
    if (row.connectedAppId !== null) {
      collector.addApp(`id:${row.connectedAppId}`);
    }
    const midnight = Date.parse(`${row.day}T00:00:00.000Z`);
    if (!Number.isNaN(midnight)) {
      collector.addTime(midnight);
    }
  }
  snapshotAppKeys.forEach((key) => collector.addApp(key));
  return collector.toHistory();
}

/**
 * Builds a history from the daily capture's summaries (Apex
 * ActivitySummary, c/activityCapture) and snapshot app keys. Login
 * summaries give the origins: their source IPs and countries per user,
 * and per app or OAuth client when the summary names one client only.
 * A list the capture truncated leaves its app or user out of the origins,
 * so that a value the capture dropped is never called new.
 * NOTE: Login summaries cover every login, not only OAuth refresh token
 * logins, so this baseline contains more origins than refresh logins used
 * and reports fewer of them as new.
 */
export function historyFromCapturedSummaries(
  summaries: readonly ActivitySummary[],
  snapshotAppKeys: readonly string[] = []
): ActivityHistory {
  const collector = new HistoryCollector();
  const incomplete = new Set<string>();
  let loginSummaries = 0;
  for (const summary of summaries) {
    addSummaryApps(collector, summary);
    if (summary.eventType !== "Login") {
      continue;
    }
    loginSummaries += 1;
    const clients = summary.clientNames.values;
    const scopes: [RuleScope, string | null][] = [
      [
        "App",
        appScopeKeyOf(
          summary.appKey,
          clients.length === 1 && !summary.clientNames.truncated
            ? (clients[0] ?? null)
            : null
        )
      ],
      ["User", summary.user]
    ];
    for (const [scope, key] of scopes) {
      if (key === null) {
        continue;
      }
      addSummaryOrigins(collector, incomplete, scope, key, summary);
    }
  }
  snapshotAppKeys.forEach((key) => collector.addApp(key));
  if (loginSummaries === 0) {
    collector.markRefreshLoginsUncovered();
  }
  const history = collector.toHistory();
  return {
    ...history,
    refreshLoginOrigins: history.refreshLoginOrigins.filter(
      (origins) =>
        !incomplete.has(originKey(origins.scope, origins.key, origins.field))
    )
  };
}

function addSummaryApps(
  collector: HistoryCollector,
  summary: ActivitySummary
): void {
  if (summary.appKey !== "unattributed") {
    collector.addApp(summary.appKey);
  }
  if (summary.connectedAppId !== null) {
    collector.addApp(`id:${summary.connectedAppId}`);
  }
  if (summary.appName !== null) {
    collector.addApp(`name:${summary.appName}`);
  }
  for (const time of [summary.firstSeen, summary.lastSeen]) {
    const parsed = Date.parse(time);
    if (!Number.isNaN(parsed)) {
      collector.addTime(parsed);
    }
  }
}

function addSummaryOrigins(
  collector: HistoryCollector,
  incomplete: Set<string>,
  scope: RuleScope,
  key: string,
  summary: ActivitySummary
): void {
  const lists: [
    OriginField,
    DistinctValues,
    (value: string) => string | null
  ][] = [
    ["SOURCE_IP", summary.sourceIps, canonicalAddress],
    [
      "COUNTRY",
      summary.countries,
      (value) => value.trim().toUpperCase() || null
    ]
  ];
  for (const [field, list, canonical] of lists) {
    if (list.truncated) {
      incomplete.add(originKey(scope, key, field));
    }
    for (const value of list.values) {
      const text = canonical(value);
      if (text !== null) {
        collector.addOrigin(scope, key, field, text);
      }
    }
  }
}

/** The history as JSON, with times as ISO 8601 text. */
export interface ActivityHistoryJson {
  apps: string[];
  refreshLoginOrigins: RefreshLoginOrigins[];
  coversRefreshLogins: boolean;
  firstTime: string | null;
  lastTime: string | null;
}

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

export function historyToJson(history: ActivityHistory): ActivityHistoryJson {
  return {
    apps: history.apps,
    refreshLoginOrigins: history.refreshLoginOrigins,
    coversRefreshLogins: history.coversRefreshLogins,
    firstTime: isoOrNull(history.firstTime),
    lastTime: isoOrNull(history.lastTime)
  };
}

/** A baseline file that cannot be read. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaselineError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  const texts = value.filter(
    (item): item is string => typeof item === "string"
  );
  return texts.length === value.length ? texts : null;
}

function timeOrNull(value: unknown): number | null {
  if (typeof value !== "string") {
    return null;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

function readOrigins(value: unknown, label: string): RefreshLoginOrigins[] {
  if (!Array.isArray(value)) {
    throw new BaselineError(
      `${label}: history.refreshLoginOrigins must be a list.`
    );
  }
  return value.map((entry, index) => {
    const values = isRecord(entry) ? stringList(entry.values) : null;
    if (
      !isRecord(entry) ||
      (entry.scope !== "App" && entry.scope !== "User") ||
      typeof entry.key !== "string" ||
      (entry.field !== "SOURCE_IP" && entry.field !== "COUNTRY") ||
      values === null
    ) {
      throw new BaselineError(
        `${label}: history.refreshLoginOrigins entry ${index + 1} needs ` +
          `scope (App or User), key, field (SOURCE_IP or COUNTRY) and a ` +
          `list of values.`
      );
    }
    return {
      scope: entry.scope,
      key: entry.key,
      field: entry.field,
      values
    };
  });
}

function readHistoryJson(value: unknown, label: string): ActivityHistory {
  const apps = isRecord(value) ? stringList(value.apps) : null;
  if (!isRecord(value) || apps === null) {
    throw new BaselineError(`${label}: history.apps must be a list of text.`);
  }
  const collector = new HistoryCollector();
  collector.addHistory({
    apps,
    refreshLoginOrigins: readOrigins(value.refreshLoginOrigins, label),
    coversRefreshLogins: value.coversRefreshLogins !== false,
    firstTime: timeOrNull(value.firstTime),
    lastTime: timeOrNull(value.lastTime)
  });
  return collector.toHistory();
}

/** Reads the app list of --json output made before `history` existed. */
function historyFromAppSummaries(
  apps: unknown[],
  label: string
): ActivityHistory {
  const collector = new HistoryCollector();
  collector.markRefreshLoginsUncovered();
  apps.forEach((app, index) => {
    if (!isRecord(app) || typeof app.appKey !== "string") {
      throw new BaselineError(
        `${label}: apps entry ${index + 1} has no appKey.`
      );
    }
    if (app.appKey !== "unattributed") {
      collector.addApp(app.appKey);
    }
    const names = stringList(app.connectedAppNames) ?? [];
    names.forEach((name) => collector.addApp(`name:${name}`));
    for (const time of [app.firstSeen, app.lastSeen]) {
      const parsed = timeOrNull(time);
      if (parsed !== null) {
        collector.addTime(parsed);
      }
    }
  });
  return collector.toHistory();
}

/**
 * Reads a baseline: the text of an earlier `oauth-guard analyze --json`
 * output or of an evidence pack. Both carry a `history`; --json output
 * made before findings existed carries only `apps`, which gives a history
 * without refresh login origins. Throws BaselineError naming the file.
 */
export function parseBaseline(text: string, label: string): ActivityHistory {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(
      `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  if (!isRecord(document)) {
    throw new BaselineError(
      `${label} is not an oauth-guard analyze --json output or evidence pack.`
    );
  }
  if (document.history !== undefined) {
    return readHistoryJson(document.history, label);
  }
  if (Array.isArray(document.apps)) {
    return historyFromAppSummaries(document.apps, label);
  }
  throw new BaselineError(
    `${label} has neither "history" nor "apps", so it is not an ` +
      `oauth-guard analyze --json output or evidence pack.`
  );
}
