/**
 * Reader for real-time event JSON. It accepts one event, an array of
 * events, newline-delimited events, the streaming-client envelope
 * ({ channel, data: { event, payload } }), a SOQL query result
 * ({ totalSize, done, records }) and event log rows written as JSON
 * objects (keys such as EVENT_TYPE and TIMESTAMP_DERIVED).
 *
 * EventLogFile records (metadata that points at log files) are counted,
 * not read as events: their LogFile field is a link, not the rows.
 */
import {
  normaliseId,
  parseCount,
  parseEventTime,
  presentText,
  type ActivityHandlers,
  type ActivityRecord
} from "c/activityRecord";
import { EVENT_TYPE_COLUMN, EventLogRowMapper } from "c/eventLogFile";
import {
  JsonValueSplitter,
  type JsonValueSplitterOptions
} from "c/jsonValueSplitter";

type JsonObject = Record<string, unknown>;

/** Column mappers kept for event log rows written as JSON, one per key set. */
const MAX_CACHED_MAPPERS = 64;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns a JSON value as text: a string trimmed (null when blank), a
 * number or boolean written out, and null for anything else.
 */
function textOf(value: unknown): string | null {
  if (typeof value === "string") {
    return presentText(value);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return null;
}

function countOf(value: unknown): number | null {
  if (typeof value === "number" || typeof value === "string") {
    return parseCount(value);
  }
  return null;
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** Returns the object name of an sObject-shaped value (attributes.type). */
function sObjectType(value: JsonObject): string | null {
  const attributes = value.attributes;
  return isObject(attributes) ? textOf(attributes.type) : null;
}

/**
 * Returns the event name a streaming channel carries:
 * /event/ApiEventStream carries ApiEvent, /event/BulkApiResultEvent
 * carries BulkApiResultEvent.
 */
export function eventTypeOfChannel(channel: string): string {
  const name = channel.slice(channel.lastIndexOf("/") + 1);
  return name.endsWith("Stream") ? name.slice(0, -"Stream".length) : name;
}

/** True for an EventLogFile record, as a SOQL query returns it. */
export function isEventLogFileRecord(value: JsonObject): boolean {
  if (sObjectType(value) === "EventLogFile") {
    return true;
  }
  return "LogFile" in value && "EventType" in value && "LogDate" in value;
}

function stringFields(value: JsonObject): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== "attributes") {
      fields[key] =
        typeof field === "string" ? field : (JSON.stringify(field) ?? "");
    }
  }
  return fields;
}

/**
 * Maps one real-time event (ApiEvent, ReportEvent, ListViewEvent,
 * BulkApiResultEventStore, LoginEvent and the like) to a record. Returns
 * null when EventDate is missing or not a timestamp.
 */
export function mapRealTimeEvent(
  event: JsonObject,
  eventType: string,
  keepFields = false
): ActivityRecord | null {
  const eventDate = textOf(event.EventDate);
  const time = eventDate === null ? null : parseEventTime(eventDate);
  if (time === null) {
    return null;
  }
  const userId = textOf(event.UserId);
  const connectedAppId = textOf(event.ConnectedAppId);
  const record: ActivityRecord = {
    time,
    source: "real-time-event",
    eventType,
    userId: userId === null ? null : normaliseId(userId),
    username: textOf(event.Username),
    connectedAppId:
      connectedAppId === null ? null : normaliseId(connectedAppId),
    // NOTE: real-time events carry no connected app name. AppName on
    // ListViewEvent names the Lightning app, so it is not read here.
    connectedAppName: null,
    clientName: textOf(event.Client),
    sourceIp: textOf(event.SourceIp),
    userAgent: textOf(event.UserAgent),
    entity: textOf(event.QueriedEntities),
    operation: textOf(event.Operation),
    uri: textOf(event.Uri),
    rows: countOf(event.RowsProcessed),
    bytes: null,
    queryText: textOf(event.Query),
    requestId: textOf(event.RequestIdentifier),
    eventId: textOf(event.EventIdentifier)
  };
  if (keepFields) {
    record.fields = stringFields(event);
  }
  return record;
}

/** A field source over a JSON object's values, for event log rows. */
class ObjectFields {
  values: unknown[] = [];

  field(index: number): string {
    const value = this.values[index];
    if (typeof value === "string") {
      return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    }
    return value === null || value === undefined ? "" : JSON.stringify(value);
  }
}

export interface EventJsonOptions extends JsonValueSplitterOptions {
  keepFields?: boolean;
}

/** Counts kept while reading one JSON file. */
export interface EventJsonCounts {
  /** Events and event log rows found. */
  events: number;
  records: number;
  /** Events left out for lack of a usable time. */
  undatedEvents: number;
  /** EventLogFile records found (log file metadata, not events). */
  logFileRecords: number;
}

/** Push-based reader of one JSON file: pushText each chunk, then finish. */
export class EventJsonReader {
  readonly counts: EventJsonCounts = {
    events: 0,
    records: 0,
    undatedEvents: 0,
    logFileRecords: 0
  };
  private readonly handlers: ActivityHandlers;
  private readonly keepFields: boolean;
  private readonly splitter: JsonValueSplitter;
  private readonly mappers = new Map<string, EventLogRowMapper>();
  private readonly objectFields = new ObjectFields();

  constructor(handlers: ActivityHandlers, options: EventJsonOptions = {}) {
    this.handlers = handlers;
    this.keepFields = options.keepFields ?? false;
    this.splitter = new JsonValueSplitter(
      {
        value: (text, line) => this.readValue(text, line),
        problem: (line, message) => handlers.problem(line, message)
      },
      options
    );
  }

  pushText(text: string): void {
    this.splitter.pushText(text);
  }

  finish(): void {
    this.splitter.finish();
  }

  private readValue(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.handlers.problem(line, `Invalid JSON: ${reason}`);
      return;
    }
    this.readEvent(value, line);
  }

  /** Reads one parsed value, which may contain several events. */
  readEvent(value: unknown, line: number): void {
    if (Array.isArray(value)) {
      for (const item of value) {
        this.readEvent(item, line);
      }
      return;
    }
    if (!isObject(value)) {
      this.handlers.problem(
        line,
        `Expected an event object but found ${describeJsonType(value)}.`
      );
      return;
    }
    if (Array.isArray(value.records)) {
      for (const item of value.records) {
        this.readEvent(item, line);
      }
      return;
    }
    if (typeof value.channel === "string" && isObject(value.data)) {
      const payload = value.data.payload;
      if (!isObject(payload)) {
        this.handlers.problem(
          line,
          `The message on channel ${value.channel} has no payload object.`
        );
        return;
      }
      const eventType =
        sObjectType(payload) ?? eventTypeOfChannel(value.channel);
      this.readRealTimeEvent(payload, eventType, line);
      return;
    }
    if (isEventLogFileRecord(value)) {
      this.counts.logFileRecords += 1;
      return;
    }
    if (EVENT_TYPE_COLUMN in value) {
      this.readEventLogRow(value, line);
      return;
    }
    const eventType = sObjectType(value);
    if (eventType !== null || "EventDate" in value) {
      this.readRealTimeEvent(value, eventType ?? "Unknown event type", line);
      return;
    }
    this.handlers.problem(
      line,
      "The object is not an event: it has no EventDate, EVENT_TYPE, channel or records."
    );
  }

  private readRealTimeEvent(
    event: JsonObject,
    eventType: string,
    line: number
  ): void {
    this.counts.events += 1;
    const record = mapRealTimeEvent(event, eventType, this.keepFields);
    if (record === null) {
      this.counts.undatedEvents += 1;
      this.handlers.problem(
        line,
        `The ${eventType} has no usable EventDate, so it was left out.`
      );
      return;
    }
    this.counts.records += 1;
    this.handlers.record(record);
  }

  private readEventLogRow(row: JsonObject, line: number): void {
    this.counts.events += 1;
    const columns = Object.keys(row);
    const key = columns.join(",");
    let mapper = this.mappers.get(key);
    if (mapper === undefined) {
      if (this.mappers.size >= MAX_CACHED_MAPPERS) {
        this.mappers.clear();
      }
      mapper = new EventLogRowMapper(columns);
      this.mappers.set(key, mapper);
    }
    this.objectFields.values = Object.values(row);
    const record = mapper.map(this.objectFields, this.keepFields);
    if (record === null) {
      this.counts.undatedEvents += 1;
      this.handlers.problem(
        line,
        "The event log row has no usable TIMESTAMP_DERIVED, so it was left out."
      );
      return;
    }
    this.counts.records += 1;
    this.handlers.record(record);
  }
}
