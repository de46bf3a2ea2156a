/**
 * Arithmetic of the daily activity capture: event log files in, one
 * summary per event type, connected app, user and UTC day out. Besides
 * counts, each summary keeps the distinct source IPs, countries, user
 * agents and client names it saw, in bounded lists.
 *
 * The Apex class ActivityCapture computes the same summaries in the org,
 * unattended, and both pass the cases in vectors/activity-capture.json.
 *
 * Files are folded in one at a time, each into its own summaries, which
 * are then merged into the running ones, as the Apex job merges a file
 * into the stored summary records. A bounded list keeps the first
 * maxDistinctValues values in UTF-16 code unit order, so the result does
 * not depend on the order in which files arrive. Its flag records that
 * more values were seen than it keeps.
 */
import type { ActivitySummary, DistinctValues } from "oauth-guard/dto";
import { activityAppKey, utcDay } from "c/activityAggregate";
import { presentText, type ActivityRecord } from "c/activityRecord";
import { EventLogFileReader } from "c/eventLogFile";

/** Values a bounded list keeps unless the caller sets another bound. */
export const DEFAULT_MAX_DISTINCT_VALUES = 50;

/** Characters kept of each value, the length of a text field. */
export const MAX_VALUE_LENGTH = 255;

/**
 * Columns that may name the caller's country, in order of preference.
 * NOTE: no free event log type is confirmed to carry one. Without one,
 * the countries lists stay empty.
 */
export const COUNTRY_COLUMNS = ["COUNTRY_CODE", "COUNTRY"] as const;

/** One event log file: the EventLogFile's EventType and its CSV text. */
export interface CaptureFile {
  eventType: string;
  csv: string;
}

export interface CaptureOptions {
  /** Values each distinct-value list keeps, by default DEFAULT_MAX_DISTINCT_VALUES. */
  maxDistinctValues?: number;
}

/** Counts and problems of one file read. */
export interface FileCapture {
  eventType: string;
  /** Data rows with the header's number of fields. */
  rows: number;
  /** Rows counted in summaries. */
  records: number;
  /** Rows left out for lack of a usable TIMESTAMP_DERIVED. */
  undatedRows: number;
  /** True when the file is not an event log file, so nothing was counted. */
  rejected: boolean;
  /** 1-based line of each problem, in the order reported. */
  problemLines: number[];
  /** The message of each problem, in the same order. */
  problems: string[];
}

/**
 * Figures of one event type, app, user and UTC day: the shape Apex
 * returns for a stored summary (ActivitySummary), so that the page can
 * combine stored and freshly read summaries.
 */
export type CapturedSummary = ActivitySummary;

export interface CaptureResult {
  files: FileCapture[];
  /** Sorted by key in code unit order. */
  summaries: CapturedSummary[];
}

/** Compares by UTF-16 code units, the same in every locale. */
function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

/** Returns the first of two texts in code unit order, ignoring nulls. */
function firstText(first: string | null, second: string | null): string | null {
  if (first === null) {
    return second;
  }
  if (second === null) {
    return first;
  }
  return compareText(first, second) <= 0 ? first : second;
}

function escapeKeyPart(part: string): string {
  return part.replaceAll("\\", "\\\\").replaceAll("|", "\\|");
}

/**
 * Builds the key of a summary: event type, app key, user (empty when
 * null) and day, joined by `|`, with `\` and `|` inside a part escaped
 * by a backslash, so that two different summaries never share a key.
 */
export function summaryKey(
  eventType: string,
  appKey: string,
  user: string | null,
  day: string
): string {
  return [eventType, appKey, user ?? "", day].map(escapeKeyPart).join("|");
}

/** Returns the first `max` values in code unit order, and the flag. */
export function distinctValues(
  values: Iterable<string>,
  max: number,
  alreadyTruncated = false
): DistinctValues {
  const sorted = [...new Set(values)].sort(compareText);
  return {
    values: sorted.slice(0, max),
    truncated: alreadyTruncated || sorted.length > max
  };
}

/** Merges two lists into one with the same bound. */
export function mergeDistinctValues(
  first: DistinctValues,
  second: DistinctValues,
  max: number
): DistinctValues {
  return distinctValues(
    [...first.values, ...second.values],
    max,
    first.truncated || second.truncated
  );
}

function addNullable(
  first: number | null,
  second: number | null
): number | null {
  if (first === null) {
    return second;
  }
  return second === null ? first : first + second;
}

/** Merges the figures of one key. Both summaries must share the key. */
export function mergeSummaries(
  first: CapturedSummary,
  second: CapturedSummary,
  maxDistinctValues: number
): CapturedSummary {
  return {
    ...first,
    appName: firstText(first.appName, second.appName),
    username: firstText(first.username, second.username),
    requests: first.requests + second.requests,
    rows: addNullable(first.rows, second.rows),
    requestsWithUnknownRows:
      first.requestsWithUnknownRows + second.requestsWithUnknownRows,
    bytes: addNullable(first.bytes, second.bytes),
    requestsWithUnknownBytes:
      first.requestsWithUnknownBytes + second.requestsWithUnknownBytes,
    firstSeen:
      compareText(first.firstSeen, second.firstSeen) <= 0
        ? first.firstSeen
        : second.firstSeen,
    lastSeen:
      compareText(first.lastSeen, second.lastSeen) >= 0
        ? first.lastSeen
        : second.lastSeen,
    sourceIps: mergeDistinctValues(
      first.sourceIps,
      second.sourceIps,
      maxDistinctValues
    ),
    countries: mergeDistinctValues(
      first.countries,
      second.countries,
      maxDistinctValues
    ),
    userAgents: mergeDistinctValues(
      first.userAgents,
      second.userAgents,
      maxDistinctValues
    ),
    clientNames: mergeDistinctValues(
      first.clientNames,
      second.clientNames,
      maxDistinctValues
    )
  };
}

/** Running figures of one key while a file is read. */
class SummaryTally {
  appName: string | null = null;
  username: string | null = null;
  requests = 0;
  rows: number | null = null;
  requestsWithUnknownRows = 0;
  bytes: number | null = null;
  requestsWithUnknownBytes = 0;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;
  readonly sourceIps = new Set<string>();
  readonly countries = new Set<string>();
  readonly userAgents = new Set<string>();
  readonly clientNames = new Set<string>();

  constructor(
    readonly eventType: string,
    readonly appKey: string,
    readonly connectedAppId: string | null,
    readonly user: string | null,
    readonly day: string
  ) {}

  add(record: ActivityRecord, country: string | null): void {
    this.appName = firstText(this.appName, record.connectedAppName);
    this.username = firstText(this.username, record.username);
    this.requests += 1;
    if (record.rows === null) {
      this.requestsWithUnknownRows += 1;
    } else {
      this.rows = (this.rows ?? 0) + record.rows;
    }
    if (record.bytes === null) {
      this.requestsWithUnknownBytes += 1;
    } else {
      this.bytes = (this.bytes ?? 0) + record.bytes;
    }
    this.firstSeen = Math.min(this.firstSeen, record.time);
    this.lastSeen = Math.max(this.lastSeen, record.time);
    addValue(this.sourceIps, record.sourceIp);
    addValue(this.countries, country);
    addValue(this.userAgents, record.userAgent);
    addValue(this.clientNames, record.clientName);
  }

  toSummary(maxDistinctValues: number): CapturedSummary {
    return {
      key: summaryKey(this.eventType, this.appKey, this.user, this.day),
      eventType: this.eventType,
      day: this.day,
      appKey: this.appKey,
      connectedAppId: this.connectedAppId,
      appName: this.appName,
      user: this.user,
      username: this.username,
      requests: this.requests,
      rows: this.rows,
      requestsWithUnknownRows: this.requestsWithUnknownRows,
      bytes: this.bytes,
      requestsWithUnknownBytes: this.requestsWithUnknownBytes,
      firstSeen: new Date(this.firstSeen).toISOString(),
      lastSeen: new Date(this.lastSeen).toISOString(),
      sourceIps: distinctValues(this.sourceIps, maxDistinctValues),
      countries: distinctValues(this.countries, maxDistinctValues),
      userAgents: distinctValues(this.userAgents, maxDistinctValues),
      clientNames: distinctValues(this.clientNames, maxDistinctValues)
    };
  }
}

function addValue(values: Set<string>, value: string | null): void {
  if (value !== null) {
    values.add(value.slice(0, MAX_VALUE_LENGTH));
  }
}

/**
 * Returns the header names, as written, of the COUNTRY_COLUMNS the file
 * has, in order of preference. A name matches trimmed and in any case.
 */
function countryColumnsOf(columns: readonly string[]): string[] {
  const found: string[] = [];
  for (const candidate of COUNTRY_COLUMNS) {
    const column = columns.find(
      (name) => name.trim().toUpperCase() === candidate
    );
    if (column !== undefined) {
      found.push(column);
    }
  }
  return found;
}

/**
 * Returns the first non-blank country value of a record, read from its
 * fields by column name. With two columns of exactly one name, that is
 * the value of the last; the Apex reader does the same.
 */
function countryOf(record: ActivityRecord, columns: string[]): string | null {
  for (const column of columns) {
    const value = presentText(record.fields?.[column] ?? "");
    if (value !== null) {
      return value;
    }
  }
  return null;
}

/** Adds a record to the tally of its key, creating the tally if needed. */
function tallyRecord(
  tallies: Map<string, SummaryTally>,
  eventType: string,
  record: ActivityRecord,
  country: string | null
): void {
  const appKey = activityAppKey(record);
  const user = record.userId ?? record.username;
  const day = utcDay(record.time);
  const key = summaryKey(eventType, appKey, user, day);
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = new SummaryTally(
      eventType,
      appKey,
      record.connectedAppId,
      user,
      day
    );
    tallies.set(key, tally);
  }
  tally.add(record, country);
}

/** Reads one file into its own summaries, keyed by summary key. */
function captureFile(
  file: CaptureFile,
  maxDistinctValues: number
): { capture: FileCapture; summaries: Map<string, CapturedSummary> } {
  const capture: FileCapture = {
    eventType: file.eventType,
    rows: 0,
    records: 0,
    undatedRows: 0,
    rejected: false,
    problemLines: [],
    problems: []
  };
  const tallies = new Map<string, SummaryTally>();
  let countryColumns: string[] | null = null;
  const reader = new EventLogFileReader(
    {
      record: (record) => {
        countryColumns ??= countryColumnsOf(reader.columns ?? []);
        tallyRecord(
          tallies,
          file.eventType,
          record,
          countryOf(record, countryColumns)
        );
      },
      problem: (line, message) => {
        capture.problemLines.push(line);
        capture.problems.push(message);
      }
    },
    { keepFields: true }
  );
  reader.pushText(file.csv);
  reader.finish();

  capture.rows = reader.counts.rows;
  capture.records = reader.counts.records;
  capture.undatedRows = reader.counts.undatedRows;
  capture.rejected = reader.isRejected;

  const summaries = new Map<string, CapturedSummary>();
  for (const [key, tally] of tallies) {
    summaries.set(key, tally.toSummary(maxDistinctValues));
  }
  return { capture, summaries };
}

/**
 * Reads the files in order and returns what each contained and the
 * summaries of all of them, merged per key and sorted by key.
 */
export function captureSummaries(
  files: readonly CaptureFile[],
  options: CaptureOptions = {}
): CaptureResult {
  const maxDistinctValues =
    options.maxDistinctValues ?? DEFAULT_MAX_DISTINCT_VALUES;
  const merged = new Map<string, CapturedSummary>();
  const captures: FileCapture[] = [];
  for (const file of files) {
    const { capture, summaries } = captureFile(file, maxDistinctValues);
    captures.push(capture);
    for (const [key, summary] of summaries) {
      const existing = merged.get(key);
      merged.set(
        key,
        existing === undefined
          ? summary
          : mergeSummaries(existing, summary, maxDistinctValues)
      );
    }
  }
  const summaries = [...merged.values()].sort((first, second) =>
    compareText(first.key, second.key)
  );
  return { files: captures, summaries };
}
