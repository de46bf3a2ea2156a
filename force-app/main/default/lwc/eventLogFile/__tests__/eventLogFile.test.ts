import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ActivityRecord } from "c/activityRecord";
import {
  EventLogFileReader,
  EventLogRowMapper,
  type EventLogFileOptions
} from "c/eventLogFile";

const DATA = join(__dirname, "data");

interface Problem {
  line: number;
  message: string;
}

interface ReadResult {
  records: ActivityRecord[];
  problems: Problem[];
  reader: EventLogFileReader;
}

/** Reads a fixture as text, pushed in chunks of `chunkSize` characters. */
function readFixture(
  name: string,
  chunkSize = 0,
  options: EventLogFileOptions = {}
): ReadResult {
  const text = readFileSync(join(DATA, name), "utf8");
  return readText(text, chunkSize, options);
}

function readText(
  text: string,
  chunkSize = 0,
  options: EventLogFileOptions = {}
): ReadResult {
  const records: ActivityRecord[] = [];
  const problems: Problem[] = [];
  const reader = new EventLogFileReader(
    {
      record: (record) => records.push(record),
      problem: (line, message) => problems.push({ line, message })
    },
    options
  );
  if (chunkSize <= 0) {
    reader.pushText(text);
  } else {
    for (let start = 0; start < text.length; start += chunkSize) {
      reader.pushText(text.slice(start, start + chunkSize));
    }
  }
  reader.finish();
  return { records, problems, reader };
}

const ACME_ID = "0H4Ak000000AbCdKAK";
const ALICE_ID = "005Ak000001AbCdIAK";

describe("event log file quirks", () => {
  it("reads a file with a byte-order mark", () => {
    const { records, problems, reader } = readFixture("byte-order-mark.csv");
    expect(problems).toEqual([]);
    expect(reader.columns?.[0]).toBe("EVENT_TYPE");
    expect(records).toHaveLength(2);
    expect(records[0]?.eventType).toBe("RestApi");
  });

  it("reads CRLF line ends", () => {
    const { records, problems } = readFixture("crlf-line-ends.csv", 37);
    expect(problems).toEqual([]);
    expect(records.map((record) => record.requestId)).toEqual([
      "TID:0001",
      "TID:0002",
      "TID:0003"
    ]);
  });

  it("reads CR-only line ends", () => {
    const { records, problems } = readFixture("cr-line-ends.csv", 41);
    expect(problems).toEqual([]);
    expect(records.map((record) => record.requestId)).toEqual([
      "TID:0001",
      "TID:0002",
      "TID:0003"
    ]);
  });

  it("reads a last row without a newline", () => {
    const { records, problems } = readFixture("no-final-newline.csv", 64);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[1]?.bytes).toBe(30720);
  });

  it("undoes doubled quotes inside values", () => {
    const { records } = readFixture("doubled-quotes.csv");
    expect(records[0]?.clientName).toBe('vendor "beta", build 7');
    expect(records[0]?.userAgent).toBe(
      'agent "quoted"/1.0 (KHTML, like Gecko)'
    );
  });

  it("keeps commas inside quoted values", () => {
    const { records, problems } = readFixture("comma-in-value.csv");
    expect(problems).toEqual([]);
    expect(records[0]?.userAgent).toBe(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
    );
    expect(records[0]?.sourceIp).toBe("198.51.100.10");
  });

  it("reads empty quoted values as unknown", () => {
    const { records, problems } = readFixture("empty-quoted-values.csv");
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      userId: null,
      connectedAppId: null,
      clientName: null,
      sourceIp: null,
      userAgent: null,
      rows: null,
      bytes: null
    });
  });

  it("reads CRLF line breaks inside a value", () => {
    const { records, problems } = readFixture("multiline-crlf.csv", 50, {
      keepFields: true
    });
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]?.fields?.STACK_TRACE).toBe(
      "Class.TokenSync.run: line 12, column 1\r\nClass.TokenSync.execute: line 40, column 1"
    );
  });

  it("reads LF line breaks inside a value", () => {
    const { records } = readFixture("multiline-lf.csv", 50, {
      keepFields: true
    });
    expect(records).toHaveLength(2);
    expect(records[0]?.fields?.STACK_TRACE?.split("\n")).toHaveLength(3);
    expect(records[1]?.fields?.EXCEPTION_MESSAGE).toBe("second");
  });

  it("reads LF breaks inside a value of a CRLF file", () => {
    const { records, problems } = readFixture(
      "multiline-lf-in-crlf-file.csv",
      0,
      { keepFields: true }
    );
    expect(problems).toEqual([]);
    expect(records[0]?.fields?.STACK_TRACE).toBe("first frame\nsecond frame");
    expect(records[1]?.fields?.EXCEPTION_MESSAGE).toBe("after");
  });

  it("keeps unknown columns and allows missing ones", () => {
    const { records, problems } = readFixture("unknown-columns.csv", 0, {
      keepFields: true
    });
    expect(problems).toEqual([]);
    expect(records[0]?.fields?.FUTURE_RISK_SCORE).toBe("0.93");
    expect(records[0]?.connectedAppId).toBeNull();
    expect(records[0]?.rows).toBe(12);
    expect(records[0]?.userId).toBe(ALICE_ID);
  });
});

describe("malformed event log files", () => {
  it("reports a row with the wrong number of fields", () => {
    const { records, problems } = readFixture("wrong-field-count.csv");
    expect(records.map((record) => record.requestId)).toEqual([
      "TID:0001",
      "TID:0002"
    ]);
    expect(problems).toEqual([
      {
        line: 3,
        message:
          "The row has 3 fields but the header has 26, so it was skipped."
      }
    ]);
  });

  it("reports unterminated quotes and reads the rest", () => {
    const { records, problems } = readFixture("unterminated-quote.csv", 100);
    expect(records.map((record) => record.requestId)).toEqual([
      "TID:0001",
      "TID:0002",
      "TID:0003",
      "TID:0004"
    ]);
    expect(problems.map((problem) => problem.line)).toEqual([4, 7]);
    expect(problems[0]?.message).toMatch(/after a closing quote/);
    expect(problems[1]?.message).toMatch(/no closing quote/);
  });

  it("reports text after a closing quote", () => {
    const { records, problems } = readFixture("text-after-closing-quote.csv");
    expect(records.map((record) => record.requestId)).toEqual([
      "TID:0001",
      "TID:0003"
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
  });

  it("rejects a CSV that is not an event log file", () => {
    const { records, problems, reader } = readFixture("not-an-event-log.csv");
    expect(records).toEqual([]);
    expect(reader.isRejected).toBe(true);
    expect(problems).toEqual([
      {
        line: 1,
        message:
          "This file is not an event log file: its header has no EVENT_TYPE column."
      }
    ]);
  });

  it("reports rows without a usable time", () => {
    const { records, problems, reader } = readFixture("unusable-time.csv");
    expect(records.map((record) => record.requestId)).toEqual(["TID:0001"]);
    expect(reader.counts).toEqual({ rows: 3, records: 1, undatedRows: 2 });
    expect(problems).toEqual([
      {
        line: 3,
        message: "TIMESTAMP_DERIVED is empty, so the row was left out."
      },
      {
        line: 4,
        message:
          'TIMESTAMP_DERIVED "yesterday" is not an ISO 8601 time with a zone, so the row was left out.'
      }
    ]);
  });

  it("reports a header without TIMESTAMP_DERIVED once", () => {
    const { records, problems, reader } = readText(
      '"EVENT_TYPE","TIMESTAMP"\n"API","20251001120000.000"\n"API","20251001120001.000"\n'
    );
    expect(records).toEqual([]);
    expect(reader.counts.undatedRows).toBe(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/no TIMESTAMP_DERIVED column/);
  });

  it("reports an input without a header", () => {
    const { problems, reader } = readText("\n\n");
    expect(reader.isRejected).toBe(true);
    expect(problems).toEqual([
      {
        line: 1,
        message: "This file is not an event log file: it has no header row."
      }
    ]);
  });

  it("shortens a long bad time in its message", () => {
    const { problems } = readText(
      `"EVENT_TYPE","TIMESTAMP_DERIVED"\n"API","${"x".repeat(300)}"\n`
    );
    expect(problems[0]?.message.length).toBeLessThan(200);
  });
});

describe("EventLogRowMapper", () => {
  const columns = [
    "EVENT_TYPE",
    "TIMESTAMP_DERIVED",
    "USER_ID",
    "USER_NAME",
    "CONNECTED_APP_ID",
    "CONNECTED_APP_NAME",
    "CLIENT_NAME",
    "CLIENT_IP",
    "SOURCE_IP",
    "BROWSER_TYPE",
    "LOGIN_SUB_TYPE",
    "METHOD_NAME",
    "ENTITY_NAME",
    "ROWS_PROCESSED",
    "RESPONSE_SIZE",
    "QUERY"
  ];
  const mapper = new EventLogRowMapper(columns);

  function rowOf(values: Record<string, string>): { field(i: number): string } {
    return { field: (index) => values[columns[index] ?? ""] ?? "" };
  }

  it("maps a row by column name", () => {
    const record = mapper.map(
      rowOf({
        EVENT_TYPE: "API",
        TIMESTAMP_DERIVED: "2025-10-01T12:00:00.000Z",
        USER_ID: "005Ak000001AbCd",
        USER_NAME: "alice@example.com",
        CONNECTED_APP_ID: "0H4Ak000000AbCd",
        CONNECTED_APP_NAME: "Acme Sync",
        CLIENT_NAME: "acme/sync",
        CLIENT_IP: "198.51.100.1",
        METHOD_NAME: "query",
        ENTITY_NAME: "Account",
        ROWS_PROCESSED: "100",
        RESPONSE_SIZE: "2048",
        QUERY: "SELECT Id FROM Account"
      })
    );
    expect(record).toEqual({
      time: Date.parse("2025-10-01T12:00:00.000Z"),
      source: "event-log-file",
      eventType: "API",
      userId: ALICE_ID,
      username: "alice@example.com",
      connectedAppId: ACME_ID,
      connectedAppName: "Acme Sync",
      clientName: "acme/sync",
      sourceIp: "198.51.100.1",
      userAgent: null,
      entity: "Account",
      operation: "query",
      uri: null,
      rows: 100,
      bytes: 2048,
      queryText: "SELECT Id FROM Account",
      requestId: null,
      eventId: null
    });
  });

  it("takes an OAuth login's client from BROWSER_TYPE", () => {
    const record = mapper.map(
      rowOf({
        EVENT_TYPE: "Login",
        TIMESTAMP_DERIVED: "2025-10-01T11:00:17.912Z",
        BROWSER_TYPE: "Gearset/1.0",
        LOGIN_SUB_TYPE: "oauthrefreshtoken",
        CLIENT_IP: "Salesforce.com IP",
        SOURCE_IP: "198.51.100.1"
      })
    );
    expect(record?.clientName).toBe("Gearset/1.0");
    expect(record?.userAgent).toBe("Gearset/1.0");
    expect(record?.sourceIp).toBe("198.51.100.1");
  });

  it("leaves a browser login without a client name", () => {
    const record = mapper.map(
      rowOf({
        EVENT_TYPE: "Login",
        TIMESTAMP_DERIVED: "2025-10-01T11:00:17.912Z",
        BROWSER_TYPE: "Chrome 131"
      })
    );
    expect(record?.clientName).toBeNull();
  });

  it("treats RowsProcessed -1 as unknown", () => {
    const record = mapper.map(
      rowOf({
        EVENT_TYPE: "API",
        TIMESTAMP_DERIVED: "2025-10-01T12:00:00.000Z",
        ROWS_PROCESSED: "-1"
      })
    );
    expect(record?.rows).toBeNull();
  });

  it("names an empty event type", () => {
    const record = mapper.map(
      rowOf({ TIMESTAMP_DERIVED: "2025-10-01T12:00:00.000Z" })
    );
    expect(record?.eventType).toBe("Unknown event type");
  });

  it("matches column names in any case", () => {
    const lower = new EventLogRowMapper(["event_type", "timestamp_derived"]);
    expect(lower.isEventLog).toBe(true);
    expect(lower.timeIndex).toBe(1);
  });
});
