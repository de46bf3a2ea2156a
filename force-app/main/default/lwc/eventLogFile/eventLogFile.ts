/**
 * Reader for event log files (the CSV in EventLogFile.LogFile): turns each
 * row into an activity record, reading columns by header name because
 * columns change between releases. Columns it does not map are still
 * available through the record's `fields` when keepFields is set.
 *
 * The time is TIMESTAMP_DERIVED. A row without a usable one is reported
 * and left out, never dated by guess.
 */
import {
  IdNormaliser,
  chooseSourceIp,
  detachText,
  parseCount,
  parseEventTime,
  presentText,
  quoteForMessage,
  type ActivityHandlers,
  type ActivityRecord
} from "c/activityRecord";
import { CsvParser, type CsvRow } from "c/csvParser";

/** Anything that returns a field's value by column position. */
export interface FieldSource {
  field(index: number): string;
}

/** Column that every event log file has; a file without it is not one. */
export const EVENT_TYPE_COLUMN = "EVENT_TYPE";
export const TIME_COLUMN = "TIMESTAMP_DERIVED";

/**
 * Candidate columns for each record field, in order of preference. The
 * first non-empty one wins.
 */
const COLUMN_CANDIDATES = {
  userId: ["USER_ID_DERIVED", "USER_ID"],
  username: ["USER_NAME"],
  connectedAppId: ["CONNECTED_APP_ID"],
  connectedAppName: ["CONNECTED_APP_NAME"],
  clientName: ["CLIENT_NAME"],
  clientIp: ["CLIENT_IP"],
  loginSourceIp: ["SOURCE_IP"],
  userAgent: ["USER_AGENT", "BROWSER_TYPE"],
  browserType: ["BROWSER_TYPE"],
  loginSubType: ["LOGIN_SUB_TYPE"],
  entity: ["ENTITY_NAME", "ENTITY_TYPE"],
  operation: ["METHOD_NAME", "METHOD", "OPERATION_TYPE"],
  uri: ["URI"],
  rows: ["ROWS_PROCESSED"],
  bytes: ["RESPONSE_SIZE"],
  queryText: ["QUERY", "QUERY_IDENTIFIER"],
  requestId: ["REQUEST_ID"]
} as const;

type MappedField = keyof typeof COLUMN_CANDIDATES;

/**
 * Maps rows of one event log file to activity records. Build one per
 * header: it resolves column positions once, so each row costs only the
 * fields it reads.
 */
export class EventLogRowMapper {
  readonly columns: readonly string[];
  /** Position of TIMESTAMP_DERIVED, or -1 when the header lacks it. */
  readonly timeIndex: number;
  private readonly eventTypeIndex: number;
  private readonly indexes: Record<MappedField, number[]>;
  private readonly ids = new IdNormaliser();
  /** The last EVENT_TYPE read, reused because a file has one type. */
  private eventType = "";

  constructor(columns: readonly string[]) {
    this.columns = columns;
    const positions = new Map<string, number>();
    columns.forEach((column, index) => {
      const name = column.trim().toUpperCase();
      if (!positions.has(name)) {
        positions.set(name, index);
      }
    });
    const find = (names: readonly string[]): number[] =>
      names.flatMap((name) => {
        const index = positions.get(name);
        return index === undefined ? [] : [index];
      });
    this.timeIndex = positions.get(TIME_COLUMN) ?? -1;
    this.eventTypeIndex = positions.get(EVENT_TYPE_COLUMN) ?? -1;
    const indexes: Partial<Record<MappedField, number[]>> = {};
    for (const field of Object.keys(COLUMN_CANDIDATES) as MappedField[]) {
      indexes[field] = find(COLUMN_CANDIDATES[field]);
    }
    this.indexes = indexes as Record<MappedField, number[]>;
  }

  /** True when the header has the EVENT_TYPE column. */
  get isEventLog(): boolean {
    return this.eventTypeIndex >= 0;
  }

  /** Returns the row's TIMESTAMP_DERIVED text ("" when absent). */
  timeText(row: FieldSource): string {
    return this.timeIndex < 0 ? "" : row.field(this.timeIndex);
  }

  private text(row: FieldSource, field: MappedField): string | null {
    for (const index of this.indexes[field]) {
      const value = presentText(row.field(index));
      if (value !== null) {
        return value;
      }
    }
    return null;
  }

  private readEventType(row: FieldSource): string {
    const value =
      presentText(row.field(this.eventTypeIndex)) ?? "Unknown event type";
    if (value !== this.eventType) {
      this.eventType = detachText(value);
    }
    return this.eventType;
  }

  /**
   * Maps one row. Returns null when the row has no usable time; the
   * caller reports it.
   */
  map(row: FieldSource, keepFields = false): ActivityRecord | null {
    const time = this.timeIndex < 0 ? null : parseEventTime(this.timeText(row));
    if (time === null) {
      return null;
    }
    const userId = this.text(row, "userId");
    const connectedAppId = this.text(row, "connectedAppId");
    const loginSubType = this.text(row, "loginSubType");
    // A login row names its OAuth client in BROWSER_TYPE, for example
    // Gearset/1.0 on an oauthrefreshtoken login.
    const clientName =
      this.text(row, "clientName") ??
      (loginSubType?.startsWith("oauth")
        ? this.text(row, "browserType")
        : null);
    const record: ActivityRecord = {
      time,
      source: "event-log-file",
      eventType: this.readEventType(row),
      userId: userId === null ? null : this.ids.normalise(userId),
      username: this.text(row, "username"),
      connectedAppId:
        connectedAppId === null ? null : this.ids.normalise(connectedAppId),
      connectedAppName: this.text(row, "connectedAppName"),
      clientName,
      sourceIp: chooseSourceIp(
        this.text(row, "clientIp"),
        this.text(row, "loginSourceIp")
      ),
      userAgent: this.text(row, "userAgent"),
      entity: this.text(row, "entity"),
      operation: this.text(row, "operation"),
      uri: this.text(row, "uri"),
      rows: parseCount(this.text(row, "rows")),
      bytes: parseCount(this.text(row, "bytes")),
      queryText: this.text(row, "queryText"),
      requestId: this.text(row, "requestId"),
      eventId: null
    };
    if (keepFields) {
      const fields: Record<string, string> = {};
      this.columns.forEach((column, index) => {
        fields[column] = row.field(index);
      });
      record.fields = fields;
    }
    return record;
  }
}

export interface EventLogFileOptions {
  /** Attach every column to each record as `fields`. */
  keepFields?: boolean;
  /** Passed to the CSV parser; see CsvParserOptions. */
  maxRecordLength?: number;
}

/** Counts kept while reading one event log file. */
export interface EventLogFileCounts {
  /** Data rows with the header's number of fields. */
  rows: number;
  /** Rows turned into records. */
  records: number;
  /** Rows left out for lack of a usable TIMESTAMP_DERIVED. */
  undatedRows: number;
}

/**
 * Push-based reader of one event log file: call pushText with each
 * decoded chunk, then finish. Records and problems go to the handlers.
 */
export class EventLogFileReader {
  readonly counts: EventLogFileCounts = {
    rows: 0,
    records: 0,
    undatedRows: 0
  };
  private readonly handlers: ActivityHandlers;
  private readonly keepFields: boolean;
  private readonly parser: CsvParser;
  private mapper: EventLogRowMapper | null = null;
  private rejected = false;

  constructor(handlers: ActivityHandlers, options: EventLogFileOptions = {}) {
    this.handlers = handlers;
    this.keepFields = options.keepFields ?? false;
    this.parser = new CsvParser(
      {
        header: (columns, line) => this.acceptHeader(columns, line),
        row: (row) => this.readRow(row),
        problem: (problem) => handlers.problem(problem.line, problem.message)
      },
      { maxRecordLength: options.maxRecordLength }
    );
  }

  /** The header's columns, or null before the header is read. */
  get columns(): readonly string[] | null {
    return this.mapper?.columns ?? null;
  }

  /** True when the header showed that the input is not an event log. */
  get isRejected(): boolean {
    return this.rejected;
  }

  pushText(text: string): void {
    this.parser.pushText(text);
  }

  finish(): void {
    this.parser.finish();
    if (this.mapper === null && !this.rejected) {
      this.rejected = true;
      this.handlers.problem(
        1,
        "This file is not an event log file: it has no header row."
      );
    }
  }

  private acceptHeader(columns: readonly string[], line: number): boolean {
    const mapper = new EventLogRowMapper(columns);
    if (!mapper.isEventLog) {
      this.rejected = true;
      this.handlers.problem(
        line,
        `This file is not an event log file: its header has no ${EVENT_TYPE_COLUMN} column.`
      );
      return false;
    }
    if (mapper.timeIndex < 0) {
      this.handlers.problem(
        line,
        `The header has no ${TIME_COLUMN} column, so no row can be dated and every row is left out.`
      );
    }
    this.mapper = mapper;
    return true;
  }

  private readRow(row: CsvRow): void {
    const mapper = this.mapper;
    if (mapper === null) {
      return;
    }
    this.counts.rows += 1;
    const record = mapper.map(row, this.keepFields);
    if (record === null) {
      this.counts.undatedRows += 1;
      if (mapper.timeIndex >= 0) {
        const value = mapper.timeText(row);
        this.handlers.problem(
          row.line,
          value.length === 0
            ? `${TIME_COLUMN} is empty, so the row was left out.`
            : `${TIME_COLUMN} "${quoteForMessage(value)}" is not an ISO 8601 time with a zone, so the row was left out.`
        );
      }
      return;
    }
    this.counts.records += 1;
    this.handlers.record(record);
  }
}
