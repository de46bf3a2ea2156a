import type { ActivityRecord } from "c/activityRecord";
import type { OrgActivity } from "c/orgActivity";
import { eventsOfApp, sourceAppRows } from "c/activityEvents";

const PARLEY_ID = "0H4000000000001CAA";

function record(
  time: string,
  overrides: Partial<ActivityRecord> = {}
): ActivityRecord {
  return {
    time: Date.parse(time),
    source: "real-time-event",
    eventType: "ApiEvent",
    userId: "005000000000001AAA",
    username: null,
    connectedAppId: PARLEY_ID,
    connectedAppName: null,
    clientName: null,
    sourceIp: "185.220.101.33",
    userAgent: "python-requests/2.32.4",
    entity: null,
    operation: null,
    uri: null,
    rows: 10,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: time,
    ...overrides
  };
}

const LOGIN = record("2025-06-01T07:00:00.000Z", {
  eventType: "LoginHistory",
  connectedAppId: null,
  connectedAppName: "Parley",
  rows: null,
  userAgent: null
});

const ACTIVITY: OrgActivity = {
  sources: [],
  files: [],
  rowSources: [
    {
      source: "ApiEvent",
      complete: true,
      records: [
        record("2025-06-01T10:00:00.000Z"),
        record("2025-06-02T10:00:00.000Z", {
          userId: "005000000000002AAA",
          rows: null
        }),
        record("2025-06-02T11:00:00.000Z", {
          connectedAppId: null,
          rows: 5
        })
      ]
    },
    { source: "LoginHistory", complete: true, records: [LOGIN] }
  ],
  since: "2025-05-27T00:00:00.000Z",
  notes: []
};

describe("sourceAppRows", () => {
  it("folds each source per app, busiest first", () => {
    const rows = sourceAppRows(ACTIVITY, { [`id:${PARLEY_ID}`]: "Parley" });
    expect(
      rows.map((row) => [row.source, row.appKey, row.appName, row.events])
    ).toEqual([
      ["ApiEvent", `id:${PARLEY_ID}`, "Parley", 2],
      ["ApiEvent", "unattributed", "Unattributed (no connected app)", 1],
      ["LoginHistory", "name:Parley", "Parley", 1]
    ]);
  });

  it("keeps the figures of each row", () => {
    const [parley] = sourceAppRows(ACTIVITY);
    expect(parley).toMatchObject({
      appName: PARLEY_ID,
      rows: 10,
      eventsWithUnknownRows: 1,
      users: 2,
      sourceIps: 1,
      userAgents: 1,
      firstSeen: Date.parse("2025-06-01T10:00:00.000Z"),
      lastSeen: Date.parse("2025-06-02T10:00:00.000Z")
    });
  });
});

describe("eventsOfApp", () => {
  const records = ACTIVITY.rowSources.flatMap((read) => read.records);

  it("matches by key and by name, newest first", () => {
    const result = eventsOfApp(records, {
      appKey: `id:${PARLEY_ID}`,
      appName: "Parley"
    });
    expect(result.total).toBe(3);
    expect(result.events.map((event) => event.time)).toEqual([
      Date.parse("2025-06-02T10:00:00.000Z"),
      Date.parse("2025-06-01T10:00:00.000Z"),
      Date.parse("2025-06-01T07:00:00.000Z")
    ]);
  });

  it("keeps one UTC day", () => {
    const result = eventsOfApp(
      records,
      { appKey: `id:${PARLEY_ID}`, appName: null },
      "2025-06-01"
    );
    expect(result.total).toBe(1);
  });

  it("lists at most the limit and counts all", () => {
    const result = eventsOfApp(
      records,
      { appKey: `id:${PARLEY_ID}`, appName: "Parley" },
      null,
      1
    );
    expect(result.events).toHaveLength(1);
    expect(result.total).toBe(3);
  });

  it("finds unattributed events", () => {
    const result = eventsOfApp(records, {
      appKey: "unattributed",
      appName: "Unattributed (no connected app)"
    });
    expect(result.events.map((event) => event.rows)).toEqual([5]);
  });
});
