/**
 * Aggregation of activity records per connected app, user and UTC day.
 *
 * An app is keyed the way the token inventory keys it (c/appKey):
 * `id:<18-character id>` when the record names the app's id,
 * `name:<name>` when it names the app only by name. Records that name no
 * app go to the `unattributed` row, which keeps their users and client
 * names. No app is ever inferred from a client name or user agent.
 *
 * Strings that become map keys are copied once (detachText), so that a
 * key never keeps the chunk of file text it was sliced from alive.
 */
import { detachText, type ActivityRecord } from "c/activityRecord";

export const UNATTRIBUTED_APP_KEY = "unattributed";

const MILLISECONDS_PER_DAY = 86_400_000;

/** Figures shared by every level of the aggregation. */
export interface ActivityTotals {
  requests: number;
  /** Sum of rows over the requests that reported a row count. */
  rows: number;
  /** Requests whose row count is unknown (no rows field, or -1). */
  requestsWithUnknownRows: number;
  /** Sum of response sizes over the requests that reported one. */
  bytes: number;
  requestsWithUnknownBytes: number;
  /** UTC epoch milliseconds, or null before the first record. */
  firstSeen: number | null;
  lastSeen: number | null;
}

/** One app's figures, as the page, the command line and JSON show them. */
export interface AppActivitySummary extends ActivityTotals {
  appKey: string;
  connectedAppId: string | null;
  /** Names the records gave the app, sorted. */
  connectedAppNames: string[];
  /** Client names the callers declared, sorted. */
  clientNames: string[];
  /** User ids (or usernames when a record had no id), sorted. */
  users: string[];
  sourceIpCount: number;
  userAgentCount: number;
  /** Requests per event type. */
  eventTypes: Record<string, number>;
}

/**
 * Figures of one app, user and UTC day: the shape a daily capture stores,
 * one row per key.
 */
export interface DailyActivity extends ActivityTotals {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  appKey: string;
  connectedAppId: string | null;
  /** User id, or the username when the records had no id, or null. */
  user: string | null;
  username: string | null;
}

/**
 * Running totals. A class with numeric fields only (no nulls) keeps one
 * object shape, which keeps the per-record path fast in JavaScript
 * engines.
 */
class Tally {
  requests = 0;
  rows = 0;
  requestsWithUnknownRows = 0;
  bytes = 0;
  requestsWithUnknownBytes = 0;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  add(record: ActivityRecord): void {
    this.requests += 1;
    const rows = record.rows;
    if (rows === null) {
      this.requestsWithUnknownRows += 1;
    } else {
      this.rows += rows;
    }
    const bytes = record.bytes;
    if (bytes === null) {
      this.requestsWithUnknownBytes += 1;
    } else {
      this.bytes += bytes;
    }
    const time = record.time;
    if (time < this.firstSeen) {
      this.firstSeen = time;
    }
    if (time > this.lastSeen) {
      this.lastSeen = time;
    }
  }

  merge(other: Tally): void {
    this.requests += other.requests;
    this.rows += other.rows;
    this.requestsWithUnknownRows += other.requestsWithUnknownRows;
    this.bytes += other.bytes;
    this.requestsWithUnknownBytes += other.requestsWithUnknownBytes;
    this.firstSeen = Math.min(this.firstSeen, other.firstSeen);
    this.lastSeen = Math.max(this.lastSeen, other.lastSeen);
  }

  toTotals(): ActivityTotals {
    return {
      requests: this.requests,
      rows: this.rows,
      requestsWithUnknownRows: this.requestsWithUnknownRows,
      bytes: this.bytes,
      requestsWithUnknownBytes: this.requestsWithUnknownBytes,
      firstSeen: this.requests === 0 ? null : this.firstSeen,
      lastSeen: this.requests === 0 ? null : this.lastSeen
    };
  }
}

class UserEntry {
  readonly user: string | null;
  username: string | null;
  readonly days = new Map<number, Tally>();
  /** The day used last, because a daily log file has one day. */
  lastDayNumber = Number.NaN;
  lastDay: Tally | null = null;

  constructor(user: string | null, username: string | null) {
    this.user = user;
    this.username = username;
  }
}

class AppEntry {
  readonly tally = new Tally();
  readonly appKey: string;
  readonly connectedAppId: string | null;
  readonly names = new Set<string>();
  readonly clientNames = new Set<string>();
  readonly users = new Map<string, UserEntry>();
  readonly sourceIps = new Set<string>();
  readonly userAgents = new Set<string>();
  readonly eventTypes = new Map<string, number>();

  constructor(appKey: string, connectedAppId: string | null) {
    this.appKey = appKey;
    this.connectedAppId = connectedAppId;
  }
}

function addDetached(set: Set<string>, value: string | null): void {
  if (value !== null && !set.has(value)) {
    set.add(detachText(value));
  }
}

/** Compares by UTF-16 code units, the same in every locale. */
function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort(compareText);
}

/** Returns the app key of a record; see the module comment. */
export function activityAppKey(record: ActivityRecord): string {
  if (record.connectedAppId !== null) {
    return `id:${record.connectedAppId}`;
  }
  if (record.connectedAppName !== null) {
    return `name:${record.connectedAppName}`;
  }
  return UNATTRIBUTED_APP_KEY;
}

/** Returns the UTC day (YYYY-MM-DD) of epoch milliseconds. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Incremental aggregation: add records one by one, read figures any time. */
export class ActivityAggregator {
  private readonly appsById = new Map<string, AppEntry>();
  private readonly appsByName = new Map<string, AppEntry>();
  private unattributed: AppEntry | null = null;
  private readonly dayLabels = new Map<number, string>();

  /** Totals over every record added. */
  get totals(): ActivityTotals {
    const sum = new Tally();
    for (const app of this.entries()) {
      sum.merge(app.tally);
    }
    return sum.toTotals();
  }

  add(record: ActivityRecord): void {
    const app = this.appOf(record);
    app.tally.add(record);
    addDetached(app.names, record.connectedAppName);
    addDetached(app.clientNames, record.clientName);
    addDetached(app.sourceIps, record.sourceIp);
    addDetached(app.userAgents, record.userAgent);
    const eventTypeCount = app.eventTypes.get(record.eventType);
    if (eventTypeCount === undefined) {
      app.eventTypes.set(detachText(record.eventType), 1);
    } else {
      app.eventTypes.set(record.eventType, eventTypeCount + 1);
    }
    this.dayOf(app, record).add(record);
  }

  private dayOf(app: AppEntry, record: ActivityRecord): Tally {
    const userKey = record.userId ?? record.username ?? "";
    let user = app.users.get(userKey);
    if (user === undefined) {
      const label = record.userId ?? record.username;
      user = new UserEntry(
        label === null ? null : detachText(label),
        record.username === null ? null : detachText(record.username)
      );
      app.users.set(detachText(userKey), user);
    } else if (user.username === null && record.username !== null) {
      user.username = detachText(record.username);
    }
    const dayNumber = Math.floor(record.time / MILLISECONDS_PER_DAY);
    if (dayNumber === user.lastDayNumber && user.lastDay !== null) {
      return user.lastDay;
    }
    let day = user.days.get(dayNumber);
    if (day === undefined) {
      day = new Tally();
      user.days.set(dayNumber, day);
    }
    user.lastDayNumber = dayNumber;
    user.lastDay = day;
    return day;
  }

  private appOf(record: ActivityRecord): AppEntry {
    const id = record.connectedAppId;
    if (id !== null) {
      let app = this.appsById.get(id);
      if (app === undefined) {
        const detached = detachText(id);
        app = new AppEntry(`id:${detached}`, detached);
        this.appsById.set(detached, app);
      }
      return app;
    }
    const name = record.connectedAppName;
    if (name !== null) {
      let app = this.appsByName.get(name);
      if (app === undefined) {
        const detached = detachText(name);
        app = new AppEntry(`name:${detached}`, null);
        this.appsByName.set(detached, app);
      }
      return app;
    }
    this.unattributed ??= new AppEntry(UNATTRIBUTED_APP_KEY, null);
    return this.unattributed;
  }

  private entries(): AppEntry[] {
    const entries = [...this.appsById.values(), ...this.appsByName.values()];
    entries.sort(
      (first, second) => second.tally.requests - first.tally.requests
    );
    if (this.unattributed !== null) {
      entries.push(this.unattributed);
    }
    return entries;
  }

  /** Per-app figures, busiest first, with the unattributed row last. */
  summaries(): AppActivitySummary[] {
    return this.entries().map((app) => ({
      appKey: app.appKey,
      connectedAppId: app.connectedAppId,
      connectedAppNames: sorted(app.names),
      clientNames: sorted(app.clientNames),
      users: sorted(userLabels(app.users.values())),
      sourceIpCount: app.sourceIps.size,
      userAgentCount: app.userAgents.size,
      eventTypes: Object.fromEntries(app.eventTypes),
      ...app.tally.toTotals()
    }));
  }

  /** Figures per app, user and UTC day, in app, user and day order. */
  dailyActivity(): DailyActivity[] {
    const rows: DailyActivity[] = [];
    for (const app of this.entries()) {
      const users = [...app.users.values()].sort((first, second) =>
        compareText(first.user ?? "", second.user ?? "")
      );
      for (const user of users) {
        const days = [...user.days.entries()].sort(
          ([first], [second]) => first - second
        );
        for (const [dayNumber, day] of days) {
          rows.push({
            day: this.dayLabel(dayNumber),
            appKey: app.appKey,
            connectedAppId: app.connectedAppId,
            user: user.user,
            username: user.username,
            ...day.toTotals()
          });
        }
      }
    }
    return rows;
  }

  private dayLabel(dayNumber: number): string {
    let label = this.dayLabels.get(dayNumber);
    if (label === undefined) {
      label = utcDay(dayNumber * MILLISECONDS_PER_DAY);
      this.dayLabels.set(dayNumber, label);
    }
    return label;
  }
}

function userLabels(users: Iterable<UserEntry>): string[] {
  const labels: string[] = [];
  for (const user of users) {
    if (user.user !== null) {
      labels.push(user.user);
    }
  }
  return labels;
}

/** An app as the token inventory identifies it (c/appKey's AppIdentity). */
export interface InventoryApp {
  key: string;
  applicationId: string | null;
  appName: string | null;
}

/**
 * Matches each app's activity to an inventory app, by 18-character id
 * first. Activity without a matching id joins by name, and only to the
 * one inventory app of that name. When the activity carries an id, that
 * app must also have no id, because an inventory app with another id is
 * another app. Returns the inventory key per activity app key, and
 * leaves unmatched apps out.
 */
export function joinActivityToInventory(
  summaries: readonly Pick<
    AppActivitySummary,
    "appKey" | "connectedAppId" | "connectedAppNames"
  >[],
  inventory: readonly InventoryApp[]
): Map<string, string> {
  const byId = new Map<string, string>();
  const byName = new Map<string, InventoryApp[]>();
  for (const app of inventory) {
    if (app.applicationId !== null) {
      byId.set(app.applicationId, app.key);
    }
    if (app.appName !== null) {
      const named = byName.get(app.appName) ?? [];
      named.push(app);
      byName.set(app.appName, named);
    }
  }
  const joined = new Map<string, string>();
  for (const summary of summaries) {
    if (summary.appKey === UNATTRIBUTED_APP_KEY) {
      continue;
    }
    const idMatch =
      summary.connectedAppId === null
        ? undefined
        : byId.get(summary.connectedAppId);
    if (idMatch !== undefined) {
      joined.set(summary.appKey, idMatch);
      continue;
    }
    for (const name of summary.connectedAppNames) {
      const named = byName.get(name) ?? [];
      const only = named.length === 1 ? named[0] : undefined;
      if (
        only !== undefined &&
        (summary.connectedAppId === null || only.applicationId === null)
      ) {
        joined.set(summary.appKey, only.key);
        break;
      }
    }
  }
  return joined;
}
