import type {
  ActivitySummary,
  ConnectedAppPolicy,
  EventLogFileInfo,
  IndicatorRule
} from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import type { Finding } from "c/findingEngine";
import type { OrgActivity } from "c/orgActivity";
import {
  appNameIndex,
  findOrgFindings,
  findOrgFindingsInChunks,
  RECORDS_PER_CHUNK,
  orgEvidenceInputs,
  findingBadge,
  findingsOfApp,
  pageBaseline
} from "c/orgFindings";

const APP_ID = "0H4000000000001CAA";
const NEW_APP_ID = "0H4000000000002CAA";

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
    connectedAppId: APP_ID,
    connectedAppName: null,
    clientName: null,
    sourceIp: "203.0.113.5",
    userAgent: null,
    entity: null,
    operation: null,
    uri: null,
    rows: 1,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: `${time}-${overrides.connectedAppId ?? APP_ID}`,
    ...overrides
  };
}

function refreshLogin(time: string, ip: string, country: string) {
  return record(time, {
    eventType: "LoginHistory",
    connectedAppId: null,
    connectedAppName: "Parley",
    sourceIp: ip,
    rows: null,
    eventId: `login-${time}`,
    fields: { LoginSubType: "OAuth Refresh Token", CountryIso: country }
  });
}

function summary(day: string, appKey: string): ActivitySummary {
  const empty = { values: [], truncated: false };
  return {
    key: `${day}|${appKey}`,
    eventType: "ApiTotalUsage",
    day,
    appKey,
    connectedAppId: appKey.startsWith("id:") ? appKey.slice(3) : null,
    appName: null,
    user: null,
    username: null,
    requests: 1,
    rows: 1,
    requestsWithUnknownRows: 0,
    bytes: null,
    requestsWithUnknownBytes: 1,
    firstSeen: `${day}T10:00:00.000Z`,
    lastSeen: `${day}T10:00:00.000Z`,
    sourceIps: empty,
    countries: empty,
    userAgents: empty,
    clientNames: empty
  };
}

function rule(overrides: Partial<IndicatorRule>): IndicatorRule {
  return {
    name: "FIRST_Seen_App",
    ruleId: "FIRST-SEEN-APP",
    title: "App seen for the first time",
    severity: "Medium",
    kind: "FirstSeenApp",
    matchKind: null,
    field: "CONNECTED_APP",
    pattern: null,
    threshold: null,
    scope: null,
    source: null,
    sourceDate: null,
    active: true,
    usedInPolicies: false,
    ...overrides
  };
}

const RULES = [
  rule({}),
  rule({
    name: "REFRESH_New_Country",
    ruleId: "REFRESH-NEW-COUNTRY",
    title: "Refresh login from a new country",
    kind: "NewRefreshLoginOrigin",
    field: "COUNTRY",
    scope: "User"
  })
];

function activity(records: ActivityRecord[]): OrgActivity {
  const info: EventLogFileInfo = {
    id: "0AT000000000001AAA",
    eventType: "ApiTotalUsage",
    logDate: "2025-05-31T00:00:00.000Z",
    interval: "Daily",
    sequence: 1,
    logFileLength: 10,
    createdDate: "2025-06-01T03:00:00.000Z",
    fileKey: "ApiTotalUsage|2025-05-31T00:00:00.000Z|Daily|1",
    readableInApex: true
  };
  return {
    sources: [],
    files: [{ info, records: records.slice(0, 1) }],
    rowSources: [
      { source: "ApiEvent", records: records.slice(1), complete: true }
    ],
    since: "2025-05-25T00:00:00.000Z",
    notes: ["ReportEvent was not read: no licence."]
  };
}

describe("pageBaseline", () => {
  it("holds the earlier days and the capture before the newest day", () => {
    const baseline = pageBaseline(
      [
        record("2025-05-31T10:00:00.000Z"),
        record("2025-06-01T10:00:00.000Z", { connectedAppId: NEW_APP_ID })
      ],
      [
        summary("2025-05-30", "id:0H4000000000003CAA"),
        summary("2025-06-01", "id:0H4000000000004CAA")
      ]
    );
    expect(baseline.newestDay).toBe("2025-06-01");
    expect(baseline.history.apps).toEqual([
      "id:0H4000000000001CAA",
      "id:0H4000000000003CAA"
    ]);
  });

  it("cuts at the newest file's day, not at later real-time rows", () => {
    const baseline = pageBaseline(
      [
        record("2025-05-31T10:00:00.000Z", {
          source: "event-log-file",
          connectedAppId: NEW_APP_ID
        }),
        record("2025-06-01T07:00:00.000Z")
      ],
      [summary("2025-05-30", `id:${APP_ID}`)]
    );
    expect(baseline.newestDay).toBe("2025-05-31");
    expect(baseline.history.apps).toEqual([`id:${APP_ID}`]);
  });

  it("uses the whole capture when there are no records", () => {
    const baseline = pageBaseline([], [summary("2025-06-01", `id:${APP_ID}`)]);
    expect(baseline.newestDay).toBeNull();
    expect(baseline.history.apps).toEqual([`id:${APP_ID}`]);
  });
});

describe("findOrgFindings", () => {
  const records = [
    record("2025-05-31T10:00:00.000Z"),
    refreshLogin("2025-05-31T07:00:00.000Z", "203.0.113.5", "US"),
    record("2025-06-01T10:00:00.000Z"),
    record("2025-06-01T11:00:00.000Z", { connectedAppId: NEW_APP_ID }),
    refreshLogin("2025-06-01T07:00:00.000Z", "185.220.101.33", "NL")
  ];
  const input = {
    activity: activity(records),
    summaries: [],
    summariesComplete: false,
    indicatorRules: RULES,
    allowlist: []
  };
  const result = findOrgFindings(input);

  it("calls new only what the newest day added", () => {
    const ids = result.report.findings.map(
      (finding) => `${finding.ruleId} ${finding.appKeys.join(",")}`
    );
    expect(ids.sort()).toEqual([
      `FIRST-SEEN-APP id:${NEW_APP_ID}`,
      "REFRESH-NEW-COUNTRY name:Parley"
    ]);
  });

  it("explains what it read and how new is judged", () => {
    expect(result.notes).toEqual([
      "ReportEvent was not read: no licence.",
      "Only the newest activity summaries were read for the baseline, so some apps and origins may be called new wrongly.",
      "Apps and refresh login origins are called new when they appear on or after 2025-06-01 (UTC, the newest day of the event log files read) and not in the daily capture or the events of earlier days."
    ]);
  });

  it("hashes every input for the evidence pack", () => {
    expect(
      orgEvidenceInputs(input).map((entry) => [
        entry.role,
        entry.name,
        entry.records
      ])
    ).toEqual([
      [
        "activity",
        "EventLogFile 0AT000000000001AAA (ApiTotalUsage|2025-05-31T00:00:00.000Z|Daily|1)",
        1
      ],
      ["activity", "ApiEvent rows since 2025-05-25T00:00:00.000Z", 4],
      ["rules", "OAuth Guard Indicator Rule records", 2],
      ["allowlist", "OAuth Guard Allowlist Entry records", 0],
      ["baseline", "activity summaries of the daily capture", 0]
    ]);
    expect(
      orgEvidenceInputs(input).every((entry) =>
        /^[0-9a-f]{64}$/.test(entry.sha256)
      )
    ).toBe(true);
  });
});

describe("findingsOfApp", () => {
  function finding(appKeys: string[], appNames: string[] = []): Finding {
    return { appKeys, appNames } as unknown as Finding;
  }
  const findings = [
    finding([`id:${APP_ID}`]),
    finding(["name:Parley"]),
    finding(["unattributed"], ["Parley"]),
    finding([`id:${NEW_APP_ID}`])
  ];

  it("joins by key and by name key, not by names beside ids", () => {
    expect(
      findingsOfApp(findings, { key: `id:${APP_ID}`, names: ["Parley"] })
    ).toEqual(findings.slice(0, 2));
  });

  it("joins by key alone when the app has no name", () => {
    expect(
      findingsOfApp(findings, { key: `id:${NEW_APP_ID}`, names: [] })
    ).toEqual([findings[3]]);
  });
});

describe("findingBadge", () => {
  function withSeverity(severity: string): Finding {
    return { severity } as unknown as Finding;
  }

  it("counts each severity, highest first", () => {
    const badge = findingBadge([
      withSeverity("Low"),
      withSeverity("High"),
      withSeverity("High")
    ]);
    expect(badge).toEqual({ severity: "High", text: "2 High, 1 Low" });
  });

  it("says None for no finding", () => {
    expect(findingBadge([])).toEqual({ severity: null, text: "None" });
  });
});

describe("appNameIndex", () => {
  it("names ids by connected app, then by events", () => {
    const names = appNameIndex(
      [
        record("2025-06-01T10:00:00.000Z", { connectedAppName: "Parley" }),
        record("2025-06-01T10:00:00.000Z", {
          connectedAppId: NEW_APP_ID,
          connectedAppName: "Newcomer"
        }),
        record("2025-06-01T10:00:00.000Z", { connectedAppId: null })
      ],
      [
        {
          applicationId: APP_ID,
          name: "Parley API",
          menuLabel: "Parley Sales Assistant"
        } as unknown as ConnectedAppPolicy
      ]
    );
    expect(names).toEqual({
      [`id:${APP_ID}`]: "Parley Sales Assistant",
      [`id:${NEW_APP_ID}`]: "Newcomer"
    });
  });
});

describe("findOrgFindingsInChunks", () => {
  it("pauses between chunks and finds the same", async () => {
    const count = 2 * RECORDS_PER_CHUNK + 1;
    const records = Array.from({ length: count }, (_, index) =>
      record(
        new Date(
          Date.parse("2025-06-01T00:00:00.000Z") + index * 1000
        ).toISOString(),
        {
          connectedAppId: index === count - 1 ? NEW_APP_ID : APP_ID,
          eventId: `e${index}`
        }
      )
    );
    const input = {
      activity: activity(records),
      summaries: [summary("2025-05-31", `id:${APP_ID}`)],
      summariesComplete: true,
      indicatorRules: RULES,
      allowlist: []
    };
    const pause = jest.fn(() => Promise.resolve());
    const chunked = await findOrgFindingsInChunks(input, pause);
    expect(pause).toHaveBeenCalledTimes(2);
    expect(chunked.report.recordsRead).toBe(count);
    expect(chunked.report.findings).toEqual(
      findOrgFindings(input).report.findings
    );
    expect(chunked.report.findings.map((finding) => finding.ruleId)).toEqual([
      "FIRST-SEEN-APP"
    ]);
  });
});
