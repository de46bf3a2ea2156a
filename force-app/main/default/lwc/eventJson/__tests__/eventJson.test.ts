import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ActivityRecord } from "c/activityRecord";
import {
  EventJsonReader,
  eventTypeOfChannel,
  isEventLogFileRecord,
  mapRealTimeEvent
} from "c/eventJson";

const DATA = join(__dirname, "data");
const ACME_ID = "0H4Ak000000AbCdKAK";

interface ReadResult {
  records: ActivityRecord[];
  problems: { line: number; message: string }[];
  reader: EventJsonReader;
}

function readText(text: string, chunkSize = 0, keepFields = false): ReadResult {
  const records: ActivityRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  const reader = new EventJsonReader(
    {
      record: (record) => records.push(record),
      problem: (line, message) => problems.push({ line, message })
    },
    { keepFields }
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

function readFixture(name: string, chunkSize = 0): ReadResult {
  return readText(readFileSync(join(DATA, name), "utf8"), chunkSize);
}

describe("EventJsonReader formats", () => {
  it("reads one event", () => {
    const { records, problems } = readFixture("api-event.json");
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        time: Date.parse("2025-10-01T12:00:00.000Z"),
        source: "real-time-event",
        eventType: "ApiEvent",
        userId: "005Ak000001AbCdIAK",
        username: "alice@example.com",
        connectedAppId: ACME_ID,
        connectedAppName: null,
        clientName: null,
        sourceIp: "198.51.100.20",
        userAgent: "python-requests/2.32.4",
        entity: "Account",
        operation: "Query",
        uri: null,
        rows: 2000,
        bytes: null,
        queryText: "SELECT Id, Name FROM Account",
        requestId: null,
        eventId: "6f1c2a90-0000-4000-8000-000000000001"
      }
    ]);
  });

  it("reads an array of events", () => {
    const { records, problems } = readFixture("api-events-array.json", 64);
    expect(problems).toEqual([]);
    expect(records.map((record) => record.eventId?.slice(-1))).toEqual([
      "1",
      "2",
      "3"
    ]);
  });

  it("reads newline-delimited events", () => {
    const { records } = readFixture("api-events.ndjson", 100);
    expect(records).toHaveLength(3);
    expect(records[1]?.rows).toBeNull();
    expect(records[1]?.clientName).toBe("acme-cli");
    expect(records[1]?.connectedAppId).toBeNull();
  });

  it("normalises a 15-character app id", () => {
    const { records } = readFixture("api-events.ndjson");
    expect(records[2]?.connectedAppId).toBe(ACME_ID);
  });

  it("reads the streaming-client envelope", () => {
    const { records, problems } = readFixture("api-event-envelope.json", 30);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.eventType).toBe("ApiEvent");
    expect(records[0]?.rows).toBe(2000);
  });

  it("reads a SOQL query result", () => {
    const { records } = readFixture("api-event-query-result.json");
    expect(records.map((record) => record.rows)).toEqual([2000, null, 10]);
  });

  it("reads an event log row written as JSON", () => {
    const { records, problems } = readFixture("event-log-row.json");
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      source: "event-log-file",
      eventType: "API",
      userId: "005Ak000001AbCdIAK",
      clientName: "vendor/integration_app",
      rows: 36,
      bytes: 2406,
      operation: "query"
    });
  });

  it("counts EventLogFile records without reading them as events", () => {
    const { records, problems, reader } = readFixture(
      "event-log-file-list.json"
    );
    expect(records).toEqual([]);
    expect(problems).toEqual([]);
    expect(reader.counts).toEqual({
      events: 0,
      records: 0,
      undatedEvents: 0,
      logFileRecords: 2
    });
  });

  it("reports a broken line and reads the others", () => {
    const { records, problems } = readFixture("broken-line.ndjson");
    expect(records).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.message).toMatch(/^Invalid JSON: /);
  });
});

describe("EventJsonReader problems", () => {
  it("reports an event without EventDate", () => {
    const { records, problems, reader } = readText(
      '{"attributes": {"type": "ApiEvent"}, "UserId": "005Ak000001AbCd"}'
    );
    expect(records).toEqual([]);
    expect(reader.counts.undatedEvents).toBe(1);
    expect(problems).toEqual([
      {
        line: 1,
        message: "The ApiEvent has no usable EventDate, so it was left out."
      }
    ]);
  });

  it("reports an event log row without a time", () => {
    const { problems } = readText('{"EVENT_TYPE": "API"}');
    expect(problems[0]?.message).toMatch(/no usable TIMESTAMP_DERIVED/);
  });

  it("reports an object that is not an event", () => {
    const { problems } = readText('{"name": "Acme"}');
    expect(problems[0]?.message).toBe(
      "The object is not an event: it has no EventDate, EVENT_TYPE, channel or records."
    );
  });

  it("reports a value that is not an object", () => {
    const { problems } = readText("[42, null]");
    expect(problems.map((problem) => problem.message)).toEqual([
      "Expected an event object but found a number.",
      "Expected an event object but found null."
    ]);
  });

  it("reports a message without a payload", () => {
    const { problems } = readText(
      '{"channel": "/event/ApiEventStream", "data": {"event": {}}}'
    );
    expect(problems[0]?.message).toBe(
      "The message on channel /event/ApiEventStream has no payload object."
    );
  });

  it("reads nested arrays of messages", () => {
    const { records } = readText(
      '[[{"EventDate": "2025-10-01T12:00:00Z", "UserId": "005Ak000001AbCd"}]]'
    );
    expect(records[0]?.eventType).toBe("Unknown event type");
  });

  it("keeps every field when asked", () => {
    const { records } = readText(
      '{"EventDate": "2025-10-01T12:00:00Z", "Nested": {"a": 1}, "Count": 3, "Flag": true, "Gone": null}',
      0,
      true
    );
    expect(records[0]?.fields).toEqual({
      EventDate: "2025-10-01T12:00:00Z",
      Nested: '{"a":1}',
      Count: "3",
      Flag: "true",
      Gone: "null"
    });
  });

  it("reads numbers and objects in event log rows", () => {
    const { records } = readText(
      '{"EVENT_TYPE": "API", "TIMESTAMP_DERIVED": "2025-10-01T12:00:00Z", "ROWS_PROCESSED": 7, "CLIENT_NAME": {"x": 1}, "USER_ID": null}'
    );
    expect(records[0]?.rows).toBe(7);
    expect(records[0]?.clientName).toBe('{"x":1}');
    expect(records[0]?.userId).toBeNull();
  });
});

describe("event JSON helpers", () => {
  it("names the event of a channel", () => {
    expect(eventTypeOfChannel("/event/ApiEventStream")).toBe("ApiEvent");
    expect(eventTypeOfChannel("/event/BulkApiResultEvent")).toBe(
      "BulkApiResultEvent"
    );
  });

  it("recognises EventLogFile records without attributes", () => {
    expect(
      isEventLogFileRecord({
        EventType: "API",
        LogDate: "2025-10-01T00:00:00.000+0000",
        LogFile: "/services/data/v62.0/sobjects/EventLogFile/x/LogFile"
      })
    ).toBe(true);
  });

  it("reads RowsProcessed given as text", () => {
    const record = mapRealTimeEvent(
      { EventDate: "2025-10-01T12:00:00Z", RowsProcessed: "15" },
      "ApiEvent"
    );
    expect(record?.rows).toBe(15);
  });

  it("ignores RowsProcessed of another type", () => {
    const record = mapRealTimeEvent(
      { EventDate: "2025-10-01T12:00:00Z", RowsProcessed: true },
      "ApiEvent"
    );
    expect(record?.rows).toBeNull();
  });
});
