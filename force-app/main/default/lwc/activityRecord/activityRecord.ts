/**
 * The normalised activity record: one request or event, whatever its
 * source, with the fields that attribute it to a connected app, a user
 * and a client, and the volume it moved.
 *
 * Every field but time, source and eventType may be null, because the
 * fields exist only in some event types, orgs and releases. Null means
 * unknown: RowsProcessed -1 (which the platform writes when it does not
 * know the count) becomes null, never -1 rows.
 *
 * Ids are normalised to 18 characters, because event log files carry
 * 15-character ids and SOQL returns 18. A value that is not a valid id is
 * kept as written.
 */
import { toEighteenCharacterId } from "c/appKey";
import { parseTimestamp } from "c/tokenAge";

export type ActivitySource = "event-log-file" | "real-time-event";

export interface ActivityRecord {
  /** UTC epoch milliseconds: TIMESTAMP_DERIVED or EventDate. */
  time: number;
  source: ActivitySource;
  /** EVENT_TYPE of a log row, or the real-time event's object name. */
  eventType: string;
  userId: string | null;
  username: string | null;
  connectedAppId: string | null;
  connectedAppName: string | null;
  /** Client that the caller declares (CLIENT_NAME, or ApiEvent Client). */
  clientName: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** Object or entity the request touched. */
  entity: string | null;
  /** Operation or method, such as query, GET or ReportExported. */
  operation: string | null;
  uri: string | null;
  /** Rows processed, or null when unknown. */
  rows: number | null;
  /** Response size in bytes, or null when unknown. */
  bytes: number | null;
  queryText: string | null;
  requestId: string | null;
  /** EventIdentifier of a real-time event, which is unique per event. */
  eventId: string | null;
  /** Every field of the source row or event by name, when requested. */
  fields?: Record<string, string>;
}

/** A problem in one input file, with the 1-based line where it starts. */
export interface ReadProblem {
  file: string;
  line: number;
  message: string;
}

/** Receives what a reader produces. */
export interface ActivityHandlers {
  record(record: ActivityRecord): void;
  problem(line: number, message: string): void;
}

/** Characters of a value quoted in a problem message. */
const MAX_QUOTED_VALUE_LENGTH = 80;

/** Shortens a value quoted in a message, so one bad row cannot flood it. */
export function quoteForMessage(value: string): string {
  return value.length > MAX_QUOTED_VALUE_LENGTH
    ? `${value.slice(0, MAX_QUOTED_VALUE_LENGTH)}…`
    : value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) {
      return -1;
    }
    value = value * 10 + digit;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The date part last parsed by parseUtcTimestamp, and its UTC midnight. */
let cachedDate = "";
let cachedMidnight = 0;

function sameDate(text: string): boolean {
  for (let index = 0; index < 10; index += 1) {
    if (text.charCodeAt(index) !== cachedDate.charCodeAt(index)) {
      return false;
    }
  }
  return cachedDate.length === 10;
}

/**
 * Returns the UTC midnight of the date that starts the text (YYYY-MM-DD),
 * or null for an impossible date. The last date is cached, because the
 * rows of a log file share a few dates.
 */
function utcMidnight(text: string): number | null {
  if (sameDate(text)) {
    return cachedMidnight;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) {
    return null;
  }
  const monthDays =
    month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) {
    return null;
  }
  cachedDate = text.slice(0, 10);
  cachedMidnight = Date.UTC(year, month - 1, day);
  return cachedMidnight;
}

/**
 * Parses the layout event log files write, 2025-10-01T11:00:03.509Z,
 * without building a Date. Returns undefined when the text has another
 * layout, and null when it has this layout but an impossible date.
 */
function parseUtcTimestamp(text: string): number | null | undefined {
  const length = text.length;
  if (
    (length !== 20 && length !== 24) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(length - 1) !== 90 ||
    (length === 24 && text.charCodeAt(19) !== 46)
  ) {
    return undefined;
  }
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millisecond = length === 24 ? digitsAt(text, 20, 3) : 0;
  if (
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millisecond < 0
  ) {
    return null;
  }
  const midnight = utcMidnight(text);
  if (midnight === null) {
    return null;
  }
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/**
 * Parses an event time: TIMESTAMP_DERIVED (2025-10-01T11:00:03.509Z) or
 * a real-time event's EventDate (2023-03-21T10:04:39.747+0000). Returns
 * UTC epoch milliseconds, or null when the text is not a timestamp with a
 * zone.
 */
export function parseEventTime(text: string): number | null {
  const fast = parseUtcTimestamp(text);
  if (fast !== undefined) {
    return fast;
  }
  return parseTimestamp(text.trim());
}

/** Returns the text, trimmed, or null when it is empty. */
export function presentText(value: string): string | null {
  if (value.length === 0) {
    return null;
  }
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first > 32 && last > 32) {
    return value;
  }
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

/**
 * Returns a copy of the text that shares no memory with the string it
 * was sliced from. V8 represents a slice of 13 characters or more as a
 * view into its parent, so a long-lived map key that is such a view
 * would keep a whole chunk of a file alive. The copy is read back as an
 * object's property name, which V8 stores once per distinct text. Equal
 * copies are therefore the same string, and map lookups by them compare
 * identities rather than characters. That made aggregation about 7%
 * faster in bench/run.mjs (Node 20).
 */
export function detachText(text: string): string {
  const names = Object.keys({ [text]: 0 });
  return names[0] ?? text;
}

/** Entries an IdNormaliser keeps before it starts over. */
const MAX_CACHED_IDS = 8192;

/**
 * Normalises ids with a cache, because a log file repeats the same few
 * user and app ids on every row. Returns detached strings (see
 * detachText), so a cached id never pins file text in memory.
 */
export class IdNormaliser {
  private readonly cache = new Map<string, string>();

  /** Returns the 18-character form of an id, or the id as written. */
  normalise(id: string): string {
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      return cached;
    }
    if (this.cache.size >= MAX_CACHED_IDS) {
      this.cache.clear();
    }
    const normalised = detachText(toEighteenCharacterId(id) ?? id);
    this.cache.set(detachText(id), normalised);
    return normalised;
  }
}

/** Returns an 18-character id, the value as written if not an id, or null. */
export function normaliseId(value: string): string | null {
  const text = presentText(value);
  if (text === null) {
    return null;
  }
  return toEighteenCharacterId(text) ?? text;
}

/**
 * Reads a count (rows or bytes). Returns null for an empty value, a
 * negative value (the platform writes -1 for unknown) or anything that is
 * not a whole number. Accepts "1000364.0", as JSON events write doubles.
 */
export function parseCount(value: string | number | null): number | null {
  if (value === null) {
    return null;
  }
  if (typeof value === "string") {
    if (value.length === 0) {
      return null;
    }
    const parsed = +value;
    return Number.isInteger(parsed) && parsed >= 0 ? parsed : null;
  }
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** Values that name no client address, kept as written in sourceIp. */
const SALESFORCE_INTERNAL_IP = "Salesforce.com IP";

/**
 * Chooses the address a request came from. CLIENT_IP wins, except when
 * it is empty or Salesforce's marker for its own traffic and SOURCE_IP
 * (written by login events) names the caller.
 */
export function chooseSourceIp(
  clientIp: string | null,
  sourceIp: string | null
): string | null {
  if (clientIp !== null && clientIp !== SALESFORCE_INTERNAL_IP) {
    return clientIp;
  }
  return sourceIp ?? clientIp;
}
