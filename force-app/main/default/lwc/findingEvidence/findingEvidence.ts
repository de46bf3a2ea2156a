/**
 * Event-level facts the findings engine reads, and the events it keeps as
 * evidence: an event's stable key, whether it exported rows, the Bulk API
 * 2.0 job it belongs to, and a bounded sample of matching events.
 */
import {
  detachText,
  type ActivityRecord,
  type ActivitySource
} from "c/activityRecord";

/** One matching event, as a finding keeps it. */
export interface FindingEvent {
  /** Stable key (see recordEventKey), or null when the event has none. */
  key: string | null;
  /** UTC epoch milliseconds. */
  time: number;
  source: ActivitySource;
  eventType: string;
  userId: string | null;
  username: string | null;
  connectedAppId: string | null;
  connectedAppName: string | null;
  clientName: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  operation: string | null;
  entity: string | null;
  uri: string | null;
  rows: number | null;
  queryText: string | null;
  requestId: string | null;
  eventId: string | null;
  /** Matched text: a value, a pattern, a job id or a scope key. */
  matched: string;
}

/**
 * Returns the parts of a key that names the event in every file that
 * carries it. A real-time event is named by its EventIdentifier, type and
 * time. An event log row is named by its REQUEST_ID and TIMESTAMP_DERIVED
 * with the organization and the other identifying fields, because one
 * request can write several rows. The type and time keep apart anonymised samples
 * that give every event one placeholder identifier. Returns null when the
 * event has neither identifier, so it cannot be matched with a copy of
 * itself.
 */
function eventKeyParts(record: ActivityRecord): string[] | null {
  if (record.eventId !== null) {
    return ["event", record.eventType, record.eventId, String(record.time)];
  }
  if (record.requestId === null) {
    return null;
  }
  return [
    "request",
    record.eventType,
    record.requestId,
    String(record.time),
    record.fields?.ORGANIZATION_ID ?? "",
    record.userId ?? "",
    record.sourceIp ?? "",
    record.operation ?? "",
    record.entity ?? "",
    record.rows === null ? "" : String(record.rows),
    record.uri ?? ""
  ];
}

/** Separates the parts of a key; visible, so that CSV cells stay readable. */
const KEY_SEPARATOR = "|";
const KEY_SEPARATOR_CODE = KEY_SEPARATOR.charCodeAt(0);

/** Returns the event's key as text (see eventKeyParts), or null. */
export function recordEventKey(record: ActivityRecord): string | null {
  return eventKeyParts(record)?.join(KEY_SEPARATOR) ?? null;
}

/**
 * Hashes the parts of a key as they come, without joining them into
 * text: the hot path runs once per counted event.
 */
class KeyHasher {
  private first = 0x811c9dc5;
  private second = 0x9747b28c;

  private mix(code: number): void {
    this.first = Math.imul(this.first ^ code, 0x01000193);
    this.second = Math.imul(this.second ^ code, 0x5bd1e995);
    this.second ^= this.second >>> 13;
  }

  /** Adds a part and the separator after it; null counts as empty. */
  text(part: string | null): void {
    if (part !== null) {
      for (let index = 0; index < part.length; index += 1) {
        this.mix(part.charCodeAt(index));
      }
    }
    this.mix(KEY_SEPARATOR_CODE);
  }

  /** Adds a number (a time or a row count) by its two 32-bit halves. */
  number(value: number | null): void {
    if (value !== null) {
      this.mix(value >>> 0);
      this.mix(Math.floor(value / 0x100000000) >>> 0);
    }
    this.mix(KEY_SEPARATOR_CODE);
  }

  value(): number {
    const first = Math.imul(this.first ^ (this.first >>> 16), 0x85ebca6b);
    const second = Math.imul(this.second ^ (this.second >>> 15), 0xc2b2ae35);
    return (first >>> 0) * 0x200000 + ((second >>> 0) >>> 11);
  }
}

/**
 * Returns the event's key as a number, for the duplicate check: two 32-bit
 * multiplicative hashes of the key's parts, 53 bits in all, computed
 * without building the text. Keys are many (one per counted event), and
 * a number costs less memory than the text.
 * NOTE: two distinct keys can share a number. The chance is about
 * n^2 / 2^54 for n events, about 1 in 180 over ten million, and such an
 * event would be counted as a duplicate.
 */
export function hashRecordKey(record: ActivityRecord): number | null {
  if (record.eventId === null && record.requestId === null) {
    return null;
  }
  const hasher = new KeyHasher();
  if (record.eventId !== null) {
    hasher.text("event");
    hasher.text(record.eventType);
    hasher.text(record.eventId);
    hasher.number(record.time);
    return hasher.value();
  }
  hasher.text("request");
  hasher.text(record.eventType);
  hasher.text(record.requestId);
  hasher.number(record.time);
  hasher.text(record.fields?.ORGANIZATION_ID ?? null);
  hasher.text(record.userId);
  hasher.text(record.sourceIp);
  hasher.text(record.operation);
  hasher.text(record.entity);
  hasher.number(record.rows);
  hasher.text(record.uri);
  return hasher.value();
}

/**
 * Operations that write rather than read: SOAP and Bulk API operation
 * names, and the HTTP methods REST writes use. Their rows are changed
 * records, not exported ones.
 */
const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  "create",
  "insert",
  "update",
  "upsert",
  "delete",
  "harddelete",
  "undelete",
  "merge",
  "convertlead",
  "post",
  "put",
  "patch"
]);

function rawField(
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

/** The last operation folded, because rows repeat a few operations. */
let lastOperation: string | null = null;
let lastFoldedOperation = "";

function foldedOperation(operation: string | null): string {
  if (operation !== lastOperation) {
    lastOperation = operation;
    lastFoldedOperation = (operation ?? "").trim().toLowerCase();
  }
  return lastFoldedOperation;
}

/**
 * True when the event read rows out of the org: it reported rows, its
 * operation is not a write, and for reports and list views the rows left
 * the browser. Reports count when exported or run through the API, list
 * views when read through the API, and either counts when the event names
 * neither, as the transaction security policies decide.
 */
export function isExportRead(record: ActivityRecord): boolean {
  if (record.rows === null || record.rows <= 0) {
    return false;
  }
  const operation = foldedOperation(record.operation);
  if (WRITE_OPERATIONS.has(operation)) {
    return false;
  }
  const eventSource = (rawField(record, ["EventSource"]) ?? "").toLowerCase();
  if (record.eventType === "ReportEvent") {
    if (operation === "" && eventSource === "") {
      return true;
    }
    return eventSource === "api" || operation.includes("export");
  }
  if (record.eventType === "ListViewEvent") {
    return eventSource === "api" || eventSource === "";
  }
  return true;
}

/** One Bulk API 2.0 event's job, as the BulkJobDeleted rule reads it. */
export interface JobFacts {
  jobId: string;
  /** Job status as written, for example JobComplete, or null. */
  status: string | null;
  isQuery: boolean;
  completed: boolean;
}

/**
 * Returns the job facts of a Bulk API 2.0 event: a BulkApi2 event log row
 * (JOB_ID, JOB_STATUS, OPERATION_TYPE) or a BulkApi2EventLog record
 * (JobIdentifier, JobStatus, OperationType). Returns null for other
 * events and for rows without a job id. The fields come from the
 * reader's raw fields (keepFields).
 */
export function jobFactsOf(record: ActivityRecord): JobFacts | null {
  if (!record.eventType.toLowerCase().includes("bulkapi2")) {
    return null;
  }
  const jobId = rawField(record, ["JOB_ID", "JobIdentifier"]);
  if (jobId === null) {
    return null;
  }
  const status = rawField(record, ["JOB_STATUS", "JobStatus"]);
  const operation =
    record.operation ?? rawField(record, ["OPERATION_TYPE", "OperationType"]);
  return {
    jobId,
    status,
    isQuery: (operation ?? "").toLowerCase().includes("query"),
    completed: (status ?? "").toLowerCase().includes("complete")
  };
}

/**
 * Copies text that a kept event holds, so that it does not keep the chunk
 * of file text it was sliced from in memory (see detachText).
 */
function detachedOrNull(text: string | null): string | null {
  return text === null ? null : detachText(text);
}

function toFindingEvent(
  record: ActivityRecord,
  matched: string,
  key: string | null
): FindingEvent {
  return {
    key,
    time: record.time,
    source: record.source,
    eventType: detachText(record.eventType),
    userId: detachedOrNull(record.userId),
    username: detachedOrNull(record.username),
    connectedAppId: detachedOrNull(record.connectedAppId),
    connectedAppName: detachedOrNull(record.connectedAppName),
    clientName: detachedOrNull(record.clientName),
    sourceIp: detachedOrNull(record.sourceIp),
    userAgent: detachedOrNull(record.userAgent),
    operation: detachedOrNull(record.operation),
    entity: detachedOrNull(record.entity),
    uri: detachedOrNull(record.uri),
    rows: record.rows,
    queryText: detachedOrNull(record.queryText),
    requestId: detachedOrNull(record.requestId),
    eventId: detachedOrNull(record.eventId),
    matched: detachText(matched)
  };
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

/**
 * Keeps up to `limit` events of a finding, whatever order they arrive in:
 * the earliest ones, or with `byRows` the ones with the most rows. Ties
 * fall to time, then key, so the same input keeps the same events.
 */
export class EventSample {
  private kept: FindingEvent[] = [];
  private total = 0;
  /** The last event kept after a trim; worse events are not kept. */
  private cutoff: FindingEvent | null = null;

  constructor(
    private readonly limit: number,
    private readonly byRows: boolean
  ) {}

  private compare = (first: FindingEvent, second: FindingEvent): number => {
    if (this.byRows) {
      const byRows = (second.rows ?? 0) - (first.rows ?? 0);
      if (byRows !== 0) {
        return byRows;
      }
    }
    return (
      first.time - second.time ||
      compareText(first.key ?? "", second.key ?? "") ||
      compareText(first.matched, second.matched)
    );
  };

  /** True when an event with these figures would sort after the cutoff. */
  private isBeyondCutoff(record: ActivityRecord): boolean {
    const cutoff = this.cutoff;
    if (cutoff === null) {
      return false;
    }
    if (this.byRows) {
      const rows = record.rows ?? 0;
      const cutoffRows = cutoff.rows ?? 0;
      if (rows !== cutoffRows) {
        return rows < cutoffRows;
      }
    }
    return record.time > cutoff.time;
  }

  add(record: ActivityRecord, matched: string): void {
    this.total += 1;
    if (this.limit <= 0 || this.isBeyondCutoff(record)) {
      return;
    }
    this.push(toFindingEvent(record, matched, recordEventKey(record)));
  }

  private push(event: FindingEvent): void {
    this.kept.push(event);
    if (this.kept.length >= this.limit * 2) {
      this.trim();
    }
  }

  private trim(): void {
    this.kept.sort(this.compare);
    this.kept.length = Math.min(this.kept.length, this.limit);
    if (this.kept.length === this.limit) {
      this.cutoff = this.kept[this.limit - 1] ?? null;
    }
  }

  /** Adds another sample's events and count. */
  merge(other: EventSample): void {
    const { events } = other.result();
    this.total += other.total - events.length;
    for (const event of events) {
      this.total += 1;
      this.push(event);
    }
  }

  /** Returns the kept events in order, and how many were left out. */
  result(): { events: FindingEvent[]; omitted: number } {
    this.trim();
    return { events: [...this.kept], omitted: this.total - this.kept.length };
  }
}
