import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ActivityAggregator,
  UNATTRIBUTED_APP_KEY,
  activityAppKey,
  joinActivityToInventory,
  utcDay,
  type AppActivitySummary
} from "c/activityAggregate";
import type { ActivityRecord } from "c/activityRecord";
import { EventLogFileReader } from "c/eventLogFile";

const FIXTURE = join(
  __dirname,
  "../../eventLogFile/__tests__/data/restapi-three-apps.csv"
);
const ACME_ID = "0H4Ak000000AbCdKAK";
const DATA_ID = "0H4Ak000000WxYzKAK";
const ALICE = "005Ak000001AbCdIAK";
const BOB = "005Ak000002EfGhIAK";

function time(iso: string): number {
  return Date.parse(iso);
}

function aggregateFixture(): ActivityAggregator {
  const aggregator = new ActivityAggregator();
  const reader = new EventLogFileReader({
    record: (read) => aggregator.add(read),
    problem: (line, message) => {
      throw new Error(`line ${line}: ${message}`);
    }
  });
  reader.pushText(readFileSync(FIXTURE, "utf8"));
  reader.finish();
  return aggregator;
}

function record(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    time: time("2025-10-01T12:00:00.000Z"),
    source: "real-time-event",
    eventType: "ApiEvent",
    userId: ALICE,
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

function summaryOf(
  summaries: AppActivitySummary[],
  appKey: string
): AppActivitySummary | undefined {
  return summaries.find((summary) => summary.appKey === appKey);
}

describe("per-app totals of a REST API log", () => {
  const summaries = aggregateFixture().summaries();

  it("lists apps busiest first, unattributed last", () => {
    expect(summaries.map((summary) => summary.appKey)).toEqual([
      `id:${ACME_ID}`,
      `id:${DATA_ID}`,
      UNATTRIBUTED_APP_KEY
    ]);
  });

  it("totals the first app to the number", () => {
    expect(summaryOf(summaries, `id:${ACME_ID}`)).toEqual({
      appKey: `id:${ACME_ID}`,
      connectedAppId: ACME_ID,
      connectedAppNames: [],
      clientNames: [],
      users: [ALICE, BOB],
      sourceIpCount: 2,
      userAgentCount: 2,
      eventTypes: { RestApi: 4 },
      requests: 4,
      rows: 350,
      requestsWithUnknownRows: 1,
      bytes: 84992,
      requestsWithUnknownBytes: 0,
      firstSeen: time("2025-10-01T09:00:00.000Z"),
      lastSeen: time("2025-10-02T00:00:00.000Z")
    });
  });

  it("totals the second app to the number", () => {
    expect(summaryOf(summaries, `id:${DATA_ID}`)).toMatchObject({
      users: [ALICE],
      sourceIpCount: 1,
      userAgentCount: 1,
      requests: 2,
      rows: 10000,
      requestsWithUnknownRows: 1,
      bytes: 4096100,
      firstSeen: time("2025-10-01T10:00:00.000Z"),
      lastSeen: time("2025-10-01T10:00:01.000Z")
    });
  });

  it("keeps users and client names of unattributed activity", () => {
    expect(summaryOf(summaries, UNATTRIBUTED_APP_KEY)).toMatchObject({
      connectedAppId: null,
      clientNames: ["vendor/integration_app"],
      users: [ALICE, BOB],
      sourceIpCount: 2,
      userAgentCount: 1,
      requests: 2,
      rows: 6,
      requestsWithUnknownRows: 0,
      bytes: 1200
    });
  });

  it("totals every record", () => {
    expect(aggregateFixture().totals).toEqual({
      requests: 8,
      rows: 10356,
      requestsWithUnknownRows: 2,
      bytes: 4182292,
      requestsWithUnknownBytes: 0,
      firstSeen: time("2025-10-01T09:00:00.000Z"),
      lastSeen: time("2025-10-02T00:00:00.000Z")
    });
  });

  it("splits activity per app, user and UTC day", () => {
    const daily = aggregateFixture().dailyActivity();
    expect(
      daily.map((day) => [
        day.appKey,
        day.user,
        day.day,
        day.requests,
        day.rows,
        day.requestsWithUnknownRows,
        day.bytes
      ])
    ).toEqual([
      [`id:${ACME_ID}`, ALICE, "2025-10-01", 2, 350, 0, 81920],
      [`id:${ACME_ID}`, BOB, "2025-10-01", 1, 0, 0, 1024],
      [`id:${ACME_ID}`, BOB, "2025-10-02", 1, 0, 1, 2048],
      [`id:${DATA_ID}`, ALICE, "2025-10-01", 2, 10000, 1, 4096100],
      [UNATTRIBUTED_APP_KEY, ALICE, "2025-10-01", 1, 1, 0, 300],
      [UNATTRIBUTED_APP_KEY, BOB, "2025-10-01", 1, 5, 0, 900]
    ]);
  });
});

describe("ActivityAggregator", () => {
  it("keys an app by name when it has no id", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record({ connectedAppName: "Data Loader Pro" }));
    expect(aggregator.summaries()[0]).toMatchObject({
      appKey: "name:Data Loader Pro",
      connectedAppId: null,
      connectedAppNames: ["Data Loader Pro"]
    });
  });

  it("never guesses an app from a client name", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record({ connectedAppId: ACME_ID, clientName: "acme" }));
    aggregator.add(record({ clientName: "acme" }));
    expect(aggregator.summaries().map((summary) => summary.appKey)).toEqual([
      `id:${ACME_ID}`,
      UNATTRIBUTED_APP_KEY
    ]);
  });

  it("labels users by username when they have no id", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record({ userId: null, username: "bob@example.com" }));
    aggregator.add(record({ userId: null, username: null }));
    const [summary] = aggregator.summaries();
    expect(summary?.users).toEqual(["bob@example.com"]);
    expect(aggregator.dailyActivity().map((day) => day.user)).toEqual([
      null,
      "bob@example.com"
    ]);
  });

  it("fills in a username seen later", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record());
    aggregator.add(record({ username: "alice@example.com" }));
    expect(aggregator.dailyActivity()[0]?.username).toBe("alice@example.com");
  });

  it("counts requests per event type", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record({ eventType: "ApiEvent" }));
    aggregator.add(record({ eventType: "ApiEvent" }));
    aggregator.add(record({ eventType: "ReportEvent" }));
    expect(aggregator.summaries()[0]?.eventTypes).toEqual({
      ApiEvent: 2,
      ReportEvent: 1
    });
  });

  it("returns empty totals before any record", () => {
    expect(new ActivityAggregator().totals).toEqual({
      requests: 0,
      rows: 0,
      requestsWithUnknownRows: 0,
      bytes: 0,
      requestsWithUnknownBytes: 0,
      firstSeen: null,
      lastSeen: null
    });
  });

  it("orders days within a user", () => {
    const aggregator = new ActivityAggregator();
    aggregator.add(record({ time: time("2025-10-03T00:00:00Z") }));
    aggregator.add(record({ time: time("2025-10-01T00:00:00Z") }));
    aggregator.add(record({ time: time("2025-10-03T05:00:00Z") }));
    expect(aggregator.dailyActivity().map((day) => day.day)).toEqual([
      "2025-10-01",
      "2025-10-03"
    ]);
  });
});

describe("activity helpers", () => {
  it("keys records as the inventory keys apps", () => {
    expect(activityAppKey(record({ connectedAppId: ACME_ID }))).toBe(
      `id:${ACME_ID}`
    );
    expect(activityAppKey(record({ connectedAppName: "Acme" }))).toBe(
      "name:Acme"
    );
    expect(activityAppKey(record())).toBe(UNATTRIBUTED_APP_KEY);
  });

  it("formats UTC days", () => {
    expect(utcDay(time("2025-10-01T23:59:59.999Z"))).toBe("2025-10-01");
  });
});

describe("joinActivityToInventory", () => {
  const inventory = [
    { key: `id:${ACME_ID}`, applicationId: ACME_ID, appName: "Acme Sync" },
    {
      key: "name:Data Loader Pro",
      applicationId: null,
      appName: "Data Loader Pro"
    },
    { key: `id:${DATA_ID}`, applicationId: DATA_ID, appName: "Twin" },
    {
      key: "id:0H4Ak000000LmnoKAC",
      applicationId: "0H4Ak000000LmnoKAC",
      appName: "Twin"
    }
  ];

  function activity(
    appKey: string,
    connectedAppId: string | null,
    connectedAppNames: string[]
  ): Pick<
    AppActivitySummary,
    "appKey" | "connectedAppId" | "connectedAppNames"
  > {
    return { appKey, connectedAppId, connectedAppNames };
  }

  it("joins by 18-character id", () => {
    const joined = joinActivityToInventory(
      [activity(`id:${ACME_ID}`, ACME_ID, [])],
      inventory
    );
    expect(joined.get(`id:${ACME_ID}`)).toBe(`id:${ACME_ID}`);
  });

  it("joins an app known only by name", () => {
    const joined = joinActivityToInventory(
      [
        activity("name:Data Loader Pro", null, ["Data Loader Pro"]),
        activity("id:0H4Ak000000ZzZzKAK", "0H4Ak000000ZzZzKAK", [
          "Data Loader Pro"
        ])
      ],
      inventory
    );
    expect(joined.get("name:Data Loader Pro")).toBe("name:Data Loader Pro");
    expect(joined.get("id:0H4Ak000000ZzZzKAK")).toBe("name:Data Loader Pro");
  });

  it("joins a name to the only app of that name", () => {
    const joined = joinActivityToInventory(
      [activity("name:Acme Sync", null, ["Acme Sync"])],
      inventory
    );
    expect(joined.get("name:Acme Sync")).toBe(`id:${ACME_ID}`);
  });

  it("leaves a name that two apps share", () => {
    const joined = joinActivityToInventory(
      [activity("name:Twin", null, ["Twin"])],
      inventory
    );
    expect(joined.has("name:Twin")).toBe(false);
  });

  it("never joins an id to another app's id by name", () => {
    const joined = joinActivityToInventory(
      [activity("id:0H4Ak000000ZzZzKAK", "0H4Ak000000ZzZzKAK", ["Acme Sync"])],
      inventory
    );
    expect(joined.size).toBe(0);
  });

  it("leaves unattributed activity out", () => {
    const joined = joinActivityToInventory(
      [activity(UNATTRIBUTED_APP_KEY, null, [])],
      inventory
    );
    expect(joined.size).toBe(0);
  });
});
