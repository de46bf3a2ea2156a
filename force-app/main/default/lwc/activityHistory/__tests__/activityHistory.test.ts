import type { ActivitySummary } from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import {
  BaselineError,
  HistoryCollector,
  MAX_ORIGIN_VALUES,
  appScopeKeyOf,
  canonicalAddress,
  emptyHistory,
  historyFromCapturedSummaries,
  historyFromDailyActivity,
  historyToJson,
  isRefreshSubType,
  mergeHistories,
  parseBaseline,
  refreshLoginOf
} from "c/activityHistory";

function login(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    time: Date.parse("2025-10-01T11:00:17.912Z"),
    source: "event-log-file",
    eventType: "Login",
    userId: "005000000000001AAA",
    username: "user@example.com",
    connectedAppId: null,
    connectedAppName: null,
    clientName: "Gearset/1.0",
    sourceIp: "198.51.100.7",
    userAgent: "Gearset/1.0",
    entity: null,
    operation: null,
    uri: null,
    rows: null,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: null,
    fields: { LOGIN_SUB_TYPE: "oauthrefreshtoken", COUNTRY_CODE: "us" },
    ...overrides
  };
}

describe("canonicalAddress", () => {
  it.each([
    ["198.51.100.7", "198.51.100.7"],
    [" ::ffff:198.51.100.7 ", "198.51.100.7"],
    ["2001:DB8::1", "2001:db8:0:0:0:0:0:1"],
    ["Salesforce.com IP", null],
    ["w.x.y.z", null],
    [null, null]
  ])("writes %s as %s", (value, expected) => {
    expect(canonicalAddress(value)).toBe(expected);
  });
});

describe("isRefreshSubType", () => {
  it.each([
    ["oauthrefreshtoken", true],
    ["OAuth Refresh Token", true],
    ["OAUTH_REFRESH_TOKEN", true],
    ["oauthpassword", false],
    [null, false]
  ])("reads %s as %s", (value, expected) => {
    expect(isRefreshSubType(value)).toBe(expected);
  });
});

describe("refreshLoginOf", () => {
  it("reads the client, user, address and country", () => {
    expect(refreshLoginOf(login(), "unattributed")).toEqual({
      appScopeKey: "client:Gearset/1.0",
      userScopeKey: "005000000000001AAA",
      address: "198.51.100.7",
      country: "US"
    });
  });

  it("uses the app key when the login names an app", () => {
    expect(
      refreshLoginOf(
        login({ fields: { LoginSubType: "OAuth Refresh Token" } }),
        "id:0H4"
      )
    ).toMatchObject({ appScopeKey: "id:0H4", country: null });
  });

  it("leaves placeholders and other logins out", () => {
    expect(
      refreshLoginOf(login({ sourceIp: "Salesforce.com IP" }), "unattributed")
        ?.address
    ).toBeNull();
    expect(
      refreshLoginOf(
        login({ fields: { LOGIN_SUB_TYPE: "oauthpassword" } }),
        "unattributed"
      )
    ).toBeNull();
    expect(
      refreshLoginOf(login({ fields: undefined }), "unattributed")
    ).toBeNull();
  });

  it("has no app scope without an app or client", () => {
    expect(appScopeKeyOf("unattributed", null)).toBeNull();
  });
});

describe("HistoryCollector", () => {
  it("stores apps by id and name, and each origin", () => {
    const collector = new HistoryCollector();
    collector.addRecord(
      login({
        connectedAppId: "0H4000000000001CAA",
        connectedAppName: "Gearset"
      }),
      refreshLoginOf(login(), "unattributed")
    );
    const history = collector.toHistory();
    expect(history.apps).toEqual(["id:0H4000000000001CAA", "name:Gearset"]);
    expect(history.refreshLoginOrigins).toHaveLength(4);
    expect(history.firstTime).toBe(Date.parse("2025-10-01T11:00:17.912Z"));
  });

  it("stops adding values past the limit", () => {
    const collector = new HistoryCollector();
    for (let index = 0; index <= MAX_ORIGIN_VALUES; index += 1) {
      collector.addOrigin("App", "client:x", "SOURCE_IP", `v${index}`);
    }
    expect(collector.toHistory().refreshLoginOrigins[0]?.values).toHaveLength(
      MAX_ORIGIN_VALUES
    );
  });

  it("reports an empty history", () => {
    expect(new HistoryCollector().toHistory()).toEqual(emptyHistory());
  });
});

describe("mergeHistories", () => {
  it("unites apps and origins and keeps the wider time span", () => {
    const merged = mergeHistories(
      {
        ...emptyHistory(),
        apps: ["id:B"],
        refreshLoginOrigins: [
          { scope: "App", key: "k", field: "COUNTRY", values: ["US"] }
        ],
        firstTime: 10,
        lastTime: 20
      },
      {
        ...emptyHistory(),
        apps: ["id:A", "id:B"],
        refreshLoginOrigins: [
          { scope: "App", key: "k", field: "COUNTRY", values: ["DE"] }
        ],
        coversRefreshLogins: false,
        firstTime: 5,
        lastTime: 15
      }
    );
    expect(merged).toEqual({
      apps: ["id:A", "id:B"],
      refreshLoginOrigins: [
        { scope: "App", key: "k", field: "COUNTRY", values: ["DE", "US"] }
      ],
      coversRefreshLogins: false,
      firstTime: 5,
      lastTime: 20
    });
  });
});

describe("historyFromDailyActivity", () => {
  it("reads apps and days but no logins", () => {
    const history = historyFromDailyActivity(
      [
        { day: "2025-10-01", appKey: "name:Loader", connectedAppId: null },
        { day: "2025-10-03", appKey: "unattributed", connectedAppId: null },
        { day: "bad", appKey: "id:X", connectedAppId: "X" }
      ],
      ["id:Snapshot"]
    );
    expect(history).toEqual({
      apps: ["id:Snapshot", "id:X", "name:Loader"],
      refreshLoginOrigins: [],
      coversRefreshLogins: false,
      firstTime: Date.parse("2025-10-01T00:00:00.000Z"),
      lastTime: Date.parse("2025-10-03T00:00:00.000Z")
    });
  });
});

describe("parseBaseline", () => {
  const history = {
    ...emptyHistory(),
    apps: ["id:A"],
    refreshLoginOrigins: [
      {
        scope: "App" as const,
        key: "k",
        field: "SOURCE_IP" as const,
        values: ["192.0.2.1"]
      }
    ],
    firstTime: Date.parse("2025-10-01T00:00:00.000Z"),
    lastTime: Date.parse("2025-10-02T00:00:00.000Z")
  };

  it("reads the history of a --json output or pack", () => {
    const text = JSON.stringify({ apps: [], history: historyToJson(history) });
    expect(parseBaseline(text, "base.json")).toEqual(history);
  });

  it("reads older --json output from its apps", () => {
    const text = JSON.stringify({
      apps: [
        {
          appKey: "id:A",
          connectedAppNames: ["Alpha"],
          firstSeen: "2025-10-01T00:00:00.000Z",
          lastSeen: null
        },
        { appKey: "unattributed", connectedAppNames: [] }
      ]
    });
    expect(parseBaseline(text, "old.json")).toEqual({
      apps: ["id:A", "name:Alpha"],
      refreshLoginOrigins: [],
      coversRefreshLogins: false,
      firstTime: Date.parse("2025-10-01T00:00:00.000Z"),
      lastTime: Date.parse("2025-10-01T00:00:00.000Z")
    });
  });

  it.each([
    ["nope", "base.json is not valid JSON"],
    ["[]", "base.json is not an oauth-guard analyze --json output"],
    ["{}", 'base.json has neither "history" nor "apps"'],
    ['{"history":{"apps":"x"}}', "base.json: history.apps must be a list"],
    [
      '{"history":{"apps":[],"refreshLoginOrigins":{}}}',
      "history.refreshLoginOrigins must be a list"
    ],
    [
      '{"history":{"apps":[],"refreshLoginOrigins":[{"scope":"Org"}]}}',
      "history.refreshLoginOrigins entry 1 needs scope"
    ],
    ['{"apps":[{"name":"x"}]}', "base.json: apps entry 1 has no appKey."]
  ])("rejects %s", (text, message) => {
    expect(() => parseBaseline(text, "base.json")).toThrow(BaselineError);
    expect(() => parseBaseline(text, "base.json")).toThrow(message);
  });
});

describe("historyFromCapturedSummaries", () => {
  function summary(overrides: Partial<ActivitySummary>): ActivitySummary {
    return {
      key: "k",
      eventType: "Login",
      day: "2025-10-01",
      appKey: "unattributed",
      connectedAppId: null,
      appName: null,
      user: "005A",
      username: null,
      requests: 1,
      rows: null,
      requestsWithUnknownRows: 1,
      bytes: null,
      requestsWithUnknownBytes: 1,
      firstSeen: "2025-10-01T11:00:00.000Z",
      lastSeen: "2025-10-01T12:00:00.000Z",
      sourceIps: { values: ["198.51.100.7", "w.x.y.z"], truncated: false },
      countries: { values: ["us"], truncated: false },
      userAgents: { values: [], truncated: false },
      clientNames: { values: ["Gearset/1.0"], truncated: false },
      ...overrides
    };
  }

  it("reads apps, times and login origins", () => {
    const history = historyFromCapturedSummaries(
      [
        summary({}),
        summary({
          eventType: "ApiTotalUsage",
          appKey: "id:0H4000000000001CAA",
          connectedAppId: "0H4000000000001CAA",
          appName: "Gearset",
          lastSeen: "2025-10-02T00:00:00.000Z"
        })
      ],
      ["name:Snapshot"]
    );
    expect(history).toEqual({
      apps: ["id:0H4000000000001CAA", "name:Gearset", "name:Snapshot"],
      refreshLoginOrigins: [
        {
          scope: "App",
          key: "client:Gearset/1.0",
          field: "COUNTRY",
          values: ["US"]
        },
        {
          scope: "App",
          key: "client:Gearset/1.0",
          field: "SOURCE_IP",
          values: ["198.51.100.7"]
        },
        { scope: "User", key: "005A", field: "COUNTRY", values: ["US"] },
        {
          scope: "User",
          key: "005A",
          field: "SOURCE_IP",
          values: ["198.51.100.7"]
        }
      ],
      coversRefreshLogins: true,
      firstTime: Date.parse("2025-10-01T11:00:00.000Z"),
      lastTime: Date.parse("2025-10-02T00:00:00.000Z")
    });
  });

  it("leaves out origins of a truncated list", () => {
    const history = historyFromCapturedSummaries([
      summary({ sourceIps: { values: ["198.51.100.7"], truncated: true } }),
      summary({ day: "2025-10-02" })
    ]);
    expect(
      history.refreshLoginOrigins.map((origins) => [
        origins.scope,
        origins.field
      ])
    ).toEqual([
      ["App", "COUNTRY"],
      ["User", "COUNTRY"]
    ]);
  });

  it("skips the app scope for several clients", () => {
    const history = historyFromCapturedSummaries([
      summary({
        clientNames: { values: ["A/1.0", "B/1.0"], truncated: false }
      })
    ]);
    expect(history.refreshLoginOrigins.map((origins) => origins.scope)).toEqual(
      ["User", "User"]
    );
  });

  it("covers no logins without login summaries", () => {
    const history = historyFromCapturedSummaries([
      summary({ eventType: "ApiTotalUsage", appKey: "name:X" })
    ]);
    expect(history.coversRefreshLogins).toBe(false);
    expect(history.apps).toEqual(["name:X"]);
  });
});
