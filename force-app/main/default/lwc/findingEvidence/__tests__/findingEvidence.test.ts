import type { ActivityRecord } from "c/activityRecord";
import {
  EventSample,
  hashRecordKey,
  isExportRead,
  jobFactsOf,
  recordEventKey
} from "c/findingEvidence";

function activity(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    time: Date.parse("2025-10-01T12:00:00.000Z"),
    source: "event-log-file",
    eventType: "API",
    userId: null,
    username: null,
    connectedAppId: null,
    connectedAppName: null,
    clientName: null,
    sourceIp: null,
    userAgent: null,
    entity: null,
    operation: null,
    uri: null,
    rows: null,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: null,
    ...overrides
  };
}

describe("recordEventKey", () => {
  it("uses the event identifier with type and time first", () => {
    const key = recordEventKey(activity({ eventId: "e1", requestId: "r1" }));
    expect(key).toBe(`event|API|e1|${Date.parse("2025-10-01T12:00:00Z")}`);
    expect(
      recordEventKey(activity({ eventId: "e1", eventType: "ReportEvent" }))
    ).not.toBe(key);
  });

  it("builds a row key from the request and its fields", () => {
    const first = recordEventKey(activity({ requestId: "r1", rows: 5 }));
    const second = recordEventKey(activity({ requestId: "r1", rows: 6 }));
    const third = recordEventKey(
      activity({ requestId: "r1", rows: 5, fields: { ORGANIZATION_ID: "00D" } })
    );
    expect(first).not.toBeNull();
    expect(second).not.toBe(first);
    expect(third).not.toBe(first);
    expect(recordEventKey(activity({ requestId: "r1", rows: 5 }))).toBe(first);
  });

  it("has no key without an identifier", () => {
    expect(recordEventKey(activity())).toBeNull();
    expect(hashRecordKey(activity())).toBeNull();
  });
});

describe("hashRecordKey", () => {
  it("gives equal events one number and others another", () => {
    const row = { requestId: "r1", rows: 5, userId: "005A" };
    const first = hashRecordKey(activity(row));
    expect(Number.isSafeInteger(first)).toBe(true);
    expect(hashRecordKey(activity(row))).toBe(first);
    expect(hashRecordKey(activity({ ...row, rows: 6 }))).not.toBe(first);
    expect(hashRecordKey(activity({ ...row, userId: "005" }))).not.toBe(first);
  });

  it("keeps the part boundaries apart", () => {
    expect(hashRecordKey(activity({ requestId: "ab", userId: "c" }))).not.toBe(
      hashRecordKey(activity({ requestId: "a", userId: "bc" }))
    );
  });
});

describe("isExportRead", () => {
  it.each([
    ["a query", { operation: "query", rows: 10 }, true],
    ["an operation not named", { rows: 10 }, true],
    ["an insert", { operation: "Insert", rows: 10 }, false],
    ["a REST PATCH", { operation: "PATCH", rows: 10 }, false],
    ["no rows", { operation: "query", rows: 0 }, false],
    ["an unknown row count", { operation: "query", rows: null }, false],
    [
      "an exported report",
      { eventType: "ReportEvent", operation: "ReportExported", rows: 10 },
      true
    ],
    [
      "a report run through the API",
      {
        eventType: "ReportEvent",
        operation: "ReportRun",
        rows: 10,
        fields: { EventSource: "API" }
      },
      true
    ],
    [
      "a report shown in the browser",
      {
        eventType: "ReportEvent",
        operation: "ReportRunFromLightning",
        rows: 10,
        fields: { EventSource: "Lightning" }
      },
      false
    ],
    [
      "a report that names nothing",
      { eventType: "ReportEvent", rows: 10 },
      true
    ],
    [
      "a list view read through the API",
      { eventType: "ListViewEvent", rows: 10, fields: { EventSource: "API" } },
      true
    ],
    [
      "a list view in the browser",
      {
        eventType: "ListViewEvent",
        rows: 10,
        fields: { EventSource: "Classic" }
      },
      false
    ]
  ] as [string, Partial<ActivityRecord>, boolean][])(
    "reads %s",
    (_name, overrides, expected) => {
      expect(isExportRead(activity(overrides))).toBe(expected);
    }
  );
});

describe("jobFactsOf", () => {
  it("reads an event log row", () => {
    expect(
      jobFactsOf(
        activity({
          eventType: "BulkApi2",
          operation: "queryAll",
          fields: { JOB_ID: "750A", JOB_STATUS: "JobComplete" }
        })
      )
    ).toEqual({
      jobId: "750A",
      status: "JobComplete",
      isQuery: true,
      completed: true
    });
  });

  it("reads an event log object record", () => {
    expect(
      jobFactsOf(
        activity({
          eventType: "BulkApi2EventLog",
          fields: { JobIdentifier: "750B", OperationType: "insert" }
        })
      )
    ).toEqual({
      jobId: "750B",
      status: null,
      isQuery: false,
      completed: false
    });
  });

  it("skips other events and rows without a job", () => {
    expect(
      jobFactsOf(activity({ eventType: "API", fields: { JOB_ID: "750" } }))
    ).toBeNull();
    expect(
      jobFactsOf(activity({ eventType: "BulkApi2", fields: {} }))
    ).toBeNull();
    expect(jobFactsOf(activity({ eventType: "BulkApi2" }))).toBeNull();
  });
});

describe("EventSample", () => {
  const at = (hour: number, rows = 0) =>
    activity({
      time: Date.parse(`2025-10-01T${String(hour).padStart(2, "0")}:00:00Z`),
      rows
    });

  it("keeps the earliest events in any arrival order", () => {
    const sample = new EventSample(2, false);
    for (const hour of [9, 3, 7, 1, 5]) {
      sample.add(at(hour), "m");
    }
    const { events, omitted } = sample.result();
    expect(events.map((event) => new Date(event.time).getUTCHours())).toEqual([
      1, 3
    ]);
    expect(omitted).toBe(3);
  });

  it("keeps the largest events by rows", () => {
    const sample = new EventSample(2, true);
    [5, 50, 1, 40, 30, 60].forEach((rows, index) =>
      sample.add(at(index, rows), "m")
    );
    expect(sample.result().events.map((event) => event.rows)).toEqual([60, 50]);
  });

  it("merges counts and events", () => {
    const first = new EventSample(2, false);
    const second = new EventSample(2, false);
    first.add(at(4), "a");
    second.add(at(2), "b");
    second.add(at(6), "c");
    second.add(at(8), "d");
    first.merge(second);
    const { events, omitted } = first.result();
    expect(events.map((event) => event.matched)).toEqual(["b", "a"]);
    expect(omitted).toBe(2);
  });

  it("keeps nothing with a limit of zero", () => {
    const sample = new EventSample(0, false);
    sample.add(at(1), "m");
    expect(sample.result()).toEqual({ events: [], omitted: 1 });
  });
});
