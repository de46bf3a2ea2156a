import type { AllowlistEntry, IndicatorRule } from "oauth-guard/dto";
import { emptyHistory } from "c/activityHistory";
import {
  FindingEngine,
  compareFindings,
  countBySeverity,
  findFindings,
  findingsForApp,
  type Finding
} from "c/findingEngine";
import { readFindingRules, type FindingRule } from "c/findingRules";
import { activity, type RecordSpec } from "./activityRecords";

function record(overrides: Partial<IndicatorRule>): IndicatorRule {
  return {
    name: "Rule",
    ruleId: "RULE",
    title: "A rule",
    severity: "Medium",
    kind: null,
    matchKind: "Exact",
    field: "USER_AGENT",
    pattern: "bad-agent/1.0",
    threshold: null,
    scope: null,
    source: "Test source",
    sourceDate: "2025-08-26",
    active: true,
    usedInPolicies: false,
    ...overrides
  };
}

function rules(...records: IndicatorRule[]): FindingRule[] {
  const reading = readFindingRules(records);
  expect(reading.problems).toEqual([]);
  return reading.rules;
}

const AGENT_RULE = record({
  name: "Agent",
  ruleId: "UA-BAD",
  severity: "Low"
});
const ADDRESS_RULE = record({
  name: "Address",
  ruleId: "IP-BAD",
  severity: "High",
  kind: "IpAddress",
  matchKind: "IpRange",
  field: "SOURCE_IP",
  pattern: "203.0.113.0/24"
});
const VOLUME_RULE = record({
  name: "Volume",
  ruleId: "VOLUME",
  kind: "ExportVolume",
  matchKind: null,
  field: "ROWS_PROCESSED",
  pattern: null,
  threshold: 100,
  scope: "App"
});
const QUERY_RULE = record({
  name: "Query",
  ruleId: "QUERY",
  kind: "QueryPattern",
  matchKind: "Substring",
  field: "QUERY",
  pattern: "FROM Case|FROM Contact"
});
const FIRST_SEEN_RULE = record({
  name: "FirstSeen",
  ruleId: "FIRST",
  kind: "FirstSeenApp",
  matchKind: null,
  field: "CONNECTED_APP",
  pattern: null
});
const ORIGIN_RULE = record({
  name: "Origin",
  ruleId: "ORIGIN",
  kind: "NewRefreshLoginOrigin",
  matchKind: null,
  field: "SOURCE_IP",
  pattern: null,
  scope: "User"
});

function run(
  ruleSet: FindingRule[],
  events: RecordSpec[],
  allowlist: AllowlistEntry[] = []
): ReturnType<typeof findFindings> {
  return findFindings(events.map(activity), { rules: ruleSet, allowlist });
}

function allowlistEntry(
  kind: string,
  value: string,
  name = `${kind}_Entry`
): AllowlistEntry {
  return { name, kind, value, reason: "Known integration", active: true };
}

describe("FindingEngine findings", () => {
  it("reports rule, app, user, times and count", () => {
    const report = run(rules(AGENT_RULE), [
      {
        userAgent: "bad-agent/1.0",
        connectedAppId: "0H4000000000001AAA",
        connectedAppName: "Exporter",
        userId: "005000000000001AAA",
        time: "2025-10-01T10:00:00.000Z"
      },
      {
        userAgent: "BAD-AGENT/1.0",
        connectedAppId: "0H4000000000001AAA",
        userId: "005000000000001AAA",
        time: "2025-10-01T11:00:00.000Z"
      }
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "UA-BAD",
      ruleName: "Agent",
      severity: "Low",
      kind: "UserAgent",
      appKey: "id:0H4000000000001AAA",
      appNames: ["Exporter"],
      user: "005000000000001AAA",
      firstTime: Date.parse("2025-10-01T10:00:00.000Z"),
      lastTime: Date.parse("2025-10-01T11:00:00.000Z"),
      count: 2,
      matchedValues: ["BAD-AGENT/1.0", "bad-agent/1.0"],
      eventsOmitted: 0
    });
    expect(report.findings[0]?.events).toHaveLength(2);
  });

  it("names activity without an app as unattributed", () => {
    const report = run(rules(AGENT_RULE), [{ userAgent: "bad-agent/1.0" }]);
    expect(report.findings[0]?.appKey).toBe("unattributed");
    expect(report.findings[0]?.user).toBeNull();
  });

  it("splits findings by app and user", () => {
    const report = run(rules(AGENT_RULE), [
      { userAgent: "bad-agent/1.0", userId: "005A" },
      { userAgent: "bad-agent/1.0", userId: "005B" },
      { userAgent: "bad-agent/1.0", userId: "005B", connectedAppName: "X" }
    ]);
    expect(report.findings.map((finding) => finding.count)).toEqual([1, 1, 1]);
  });

  it("sorts by severity, then first time", () => {
    const report = run(rules(AGENT_RULE, ADDRESS_RULE), [
      { userAgent: "bad-agent/1.0", time: "2025-10-01T09:00:00.000Z" },
      { sourceIp: "203.0.113.7", time: "2025-10-01T12:00:00.000Z" },
      { sourceIp: "203.0.113.8", userId: "005A", time: "2025-10-01T08:00:00Z" }
    ]);
    expect(
      report.findings.map((finding) => [finding.severity, finding.user])
    ).toEqual([
      ["High", "005A"],
      ["High", null],
      ["Low", null]
    ]);
  });

  it("counts an event once when two patterns match", () => {
    const report = run(rules(QUERY_RULE), [
      { queryText: "SELECT Id FROM Case WHERE Id IN (SELECT Id FROM Contact)" }
    ]);
    expect(report.findings[0]?.count).toBe(1);
    expect(report.findings[0]?.matchedValues).toEqual([
      "FROM Case",
      "FROM Contact"
    ]);
    expect(report.findings[0]?.events[0]?.matched).toBe(
      "FROM Case; FROM Contact"
    );
  });

  it("counts a repeated event once and says so", () => {
    const event = { userAgent: "bad-agent/1.0", eventId: "e-1" };
    const report = run(rules(AGENT_RULE), [event, event]);
    expect(report.findings[0]?.count).toBe(1);
    expect(report.duplicateEvents).toBe(1);
    expect(report.notes).toContain(
      "1 event(s) appeared more than once in the input and were counted once."
    );
  });

  it("counts events without a key each time", () => {
    const event = { userAgent: "bad-agent/1.0" };
    const report = run(rules(AGENT_RULE), [event, event]);
    expect(report.findings[0]?.count).toBe(2);
    expect(report.duplicateEvents).toBe(0);
  });

  it("keeps the earliest events up to the limit", () => {
    const events = Array.from({ length: 7 }, (_, index) => ({
      userAgent: "bad-agent/1.0",
      time: `2025-10-01T1${6 - index}:00:00.000Z`
    }));
    const report = findFindings(events.map(activity), {
      rules: rules(AGENT_RULE),
      maxEventsPerFinding: 3
    });
    const finding = report.findings[0];
    expect(finding?.count).toBe(7);
    expect(finding?.eventsOmitted).toBe(4);
    expect(
      finding?.events.map((event) => new Date(event.time).getUTCHours())
    ).toEqual([10, 11, 12]);
  });

  it("keeps the largest events of a volume finding", () => {
    const rows = [10, 90, 50, 70, 30];
    const report = findFindings(
      rows.map((count, index) =>
        activity({ rows: count, eventId: `v${index}`, connectedAppName: "A" })
      ),
      { rules: rules(VOLUME_RULE), maxEventsPerFinding: 2 }
    );
    expect(report.findings[0]?.rows).toBe(250);
    expect(report.findings[0]?.events.map((event) => event.rows)).toEqual([
      90, 70
    ]);
    expect(report.findings[0]?.day).toBe("2025-10-01");
    expect(report.findings[0]?.detail).toBe(
      "250 rows read on 2025-10-01 (UTC) by this app, over the threshold of 100."
    );
  });

  it("gives the same ids to the same input", () => {
    const events = [{ userAgent: "bad-agent/1.0", userId: "005A" }];
    const first = run(rules(AGENT_RULE), events).findings[0]?.id;
    const second = run(rules(AGENT_RULE), events).findings[0]?.id;
    expect(first).toMatch(/^UA-BAD:[0-9a-f]{16}$/);
    expect(second).toBe(first);
  });
});

describe("FindingEngine allowlist", () => {
  it("suppresses a behaviour match and counts it", () => {
    const report = run(
      rules(QUERY_RULE),
      [{ queryText: "SELECT Id FROM Case", connectedAppName: "Backup Tool" }],
      [allowlistEntry("ConnectedApp", "backup tool", "Backup")]
    );
    expect(report.findings).toEqual([]);
    expect(report.suppressions).toEqual([
      {
        ruleId: "QUERY",
        entryName: "Backup",
        entryKind: "ConnectedApp",
        entryValue: "backup tool",
        events: 1
      }
    ]);
  });

  it("suppresses by user id, username and range", () => {
    const report = run(
      rules(QUERY_RULE),
      [
        { queryText: "FROM Case", userId: "005000000000001AAA" },
        { queryText: "FROM Case", username: "ETL@example.com" },
        { queryText: "FROM Case", sourceIp: "198.51.100.20" }
      ],
      [
        allowlistEntry("User", "005000000000001", "ById"),
        allowlistEntry("User", "etl@example.com", "ByName"),
        allowlistEntry("IpRange", "198.51.100.0/24", "Office")
      ]
    );
    expect(report.findings).toEqual([]);
    expect(report.suppressions.map((entry) => entry.entryName)).toEqual([
      "ById",
      "ByName",
      "Office"
    ]);
  });

  it("never suppresses a published indicator", () => {
    const report = run(
      rules(ADDRESS_RULE),
      [{ sourceIp: "203.0.113.7", connectedAppId: "0H4000000000001AAA" }],
      [
        allowlistEntry("ConnectedApp", "0H4000000000001AAA"),
        allowlistEntry("IpRange", "203.0.113.0/24")
      ]
    );
    expect(report.findings.map((finding) => finding.ruleId)).toEqual([
      "IP-BAD"
    ]);
    expect(report.suppressions).toEqual([]);
  });

  it("keeps suppressed rows out of a volume", () => {
    const report = run(
      rules(VOLUME_RULE),
      [
        {
          rows: 80,
          eventId: "a",
          connectedAppName: "A",
          userId: "005000000000001AAA"
        },
        {
          rows: 80,
          eventId: "b",
          connectedAppName: "A",
          userId: "005000000000002AAA"
        }
      ],
      [allowlistEntry("User", "005000000000002AAA")]
    );
    expect(report.findings).toEqual([]);
    expect(report.suppressions[0]?.events).toBe(1);
  });

  it("reports unusable and skips inactive entries", () => {
    const report = run(
      rules(QUERY_RULE),
      [{ queryText: "FROM Case", sourceIp: "10.0.0.1" }],
      [
        allowlistEntry("IpRange", "10.0.0.0/99", "Bad_Range"),
        allowlistEntry("Network", "10.0.0.0/8", "Bad_Kind"),
        allowlistEntry("User", " ", "Blank"),
        { ...allowlistEntry("IpRange", "10.0.0.0/8", "Off"), active: false }
      ]
    );
    expect(report.findings).toHaveLength(1);
    expect(report.allowlistProblems.map((problem) => problem.name)).toEqual([
      "Bad_Range",
      "Bad_Kind",
      "Blank"
    ]);
  });
});

describe("FindingEngine baseline rules", () => {
  it("skips first-seen rules without a baseline and says so", () => {
    const report = run(rules(FIRST_SEEN_RULE, ORIGIN_RULE), [
      { connectedAppName: "New App" }
    ]);
    expect(report.findings).toEqual([]);
    expect(report.baselineUsed).toBe(false);
    expect(report.rulesNotRun.map((rule) => rule.ruleId)).toEqual([
      "FIRST",
      "ORIGIN"
    ]);
    expect(report.notes[0]).toBe(
      "No baseline was given, so the first-seen rules (FirstSeenApp and " +
        "NewRefreshLoginOrigin) did not run."
    );
  });

  it("skips origin rules on a baseline without logins", () => {
    const engine = new FindingEngine({
      rules: rules(ORIGIN_RULE),
      baseline: { ...emptyHistory(), coversRefreshLogins: false }
    });
    expect(engine.needsRawFields).toBe(false);
    expect(engine.finish().rulesNotRun[0]?.reason).toContain(
      "holds no OAuth refresh logins"
    );
  });

  it("notes when no refresh logins were read", () => {
    const report = findFindings([activity({ userAgent: "x" })], {
      rules: rules(ORIGIN_RULE),
      baseline: emptyHistory()
    });
    expect(report.notes).toContain(
      "No OAuth refresh token logins were read, so the refresh login rules " +
        "had nothing to compare. They need Login event log files read with " +
        "every field."
    );
  });

  it("compares origins per user", () => {
    const login = (userId: string, sourceIp: string): RecordSpec => ({
      eventType: "Login",
      userId,
      sourceIp,
      fields: { LOGIN_SUB_TYPE: "oauthrefreshtoken" }
    });
    const baseline = {
      ...emptyHistory(),
      refreshLoginOrigins: [
        {
          scope: "User" as const,
          key: "005A",
          field: "SOURCE_IP" as const,
          values: ["198.51.100.1"]
        }
      ]
    };
    const report = findFindings(
      [
        login("005A", "198.51.100.1"),
        login("005A", "198.51.100.2"),
        login("005B", "198.51.100.3")
      ].map(activity),
      { rules: rules(ORIGIN_RULE), baseline }
    );
    expect(report.findings.map((finding) => finding.matchedValues)).toEqual([
      ["198.51.100.2"]
    ]);
    expect(report.findings[0]?.detail).toBe(
      "1 OAuth refresh login(s) from the address 198.51.100.2, which the " +
        "baseline does not show for this user."
    );
  });

  it("returns this run's history for the next baseline", () => {
    const report = run(rules(AGENT_RULE), [
      {
        connectedAppId: "0H4000000000001AAA",
        connectedAppName: "Exporter",
        time: "2025-10-02T00:00:00.000Z"
      },
      {
        eventType: "Login",
        clientName: "Gearset/1.0",
        userId: "005A",
        sourceIp: "198.51.100.1",
        fields: { LOGIN_SUB_TYPE: "oauthrefreshtoken", COUNTRY_CODE: "us" }
      }
    ]);
    expect(report.history).toEqual({
      apps: ["id:0H4000000000001AAA", "name:Exporter"],
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
          values: ["198.51.100.1"]
        },
        { scope: "User", key: "005A", field: "COUNTRY", values: ["US"] },
        {
          scope: "User",
          key: "005A",
          field: "SOURCE_IP",
          values: ["198.51.100.1"]
        }
      ],
      coversRefreshLogins: true,
      firstTime: Date.parse("2025-10-01T12:00:00.000Z"),
      lastTime: Date.parse("2025-10-02T00:00:00.000Z")
    });
  });
});

describe("FindingEngine other kinds", () => {
  it("matches a raw field by name in any style", () => {
    const ruleSet = rules(
      record({
        kind: "FieldMatch",
        matchKind: "Exact",
        field: "LOGIN_TYPE",
        pattern: "Remote Access 2.0"
      })
    );
    const engine = new FindingEngine({ rules: ruleSet });
    expect(engine.needsRawFields).toBe(true);
    engine.add(activity({ fields: { LoginType: "remote access 2.0" } }));
    engine.add(activity({ fields: { LOGIN_TYPE: "Application" } }));
    engine.add(activity());
    expect(engine.finish().findings.map((finding) => finding.count)).toEqual([
      1
    ]);
  });

  it("merges deleted jobs per app and user", () => {
    const bulkRule = record({
      kind: "BulkJobDeleted",
      matchKind: "Exact",
      field: "JOB_STATUS",
      pattern: "Deleted"
    });
    const job = (jobId: string, status: string): RecordSpec => ({
      eventType: "BulkApi2",
      operation: "query",
      userId: "005A",
      requestId: `${jobId}-${status}`,
      fields: { JOB_ID: jobId, JOB_STATUS: status }
    });
    const report = run(rules(bulkRule), [
      job("750A", "JobComplete"),
      job("750A", "Deleted"),
      job("750B", "Deleted"),
      job("750C", "DeletedSoon")
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.matchedValues).toEqual(["750A", "750B"]);
    expect(report.findings[0]?.count).toBe(3);
    const matched = report.findings[0]?.events.map((event) => event.matched);
    expect(matched?.sort()).toEqual([
      "750A Deleted",
      "750A JobComplete",
      "750B Deleted"
    ]);
    expect(report.findings[0]?.detail).toBe(
      "2 Bulk API 2.0 query job(s) deleted. For 1 of them the input shows " +
        "no completed export."
    );
  });

  it("needs raw fields for job rules", () => {
    const engine = new FindingEngine({
      rules: rules(
        record({
          kind: "BulkJobDeleted",
          matchKind: "Substring",
          field: "JOB_STATUS",
          pattern: "delete"
        })
      )
    });
    expect(engine.needsRawFields).toBe(true);
  });

  it("adds a user's volume across apps", () => {
    const userVolume = record({
      ...VOLUME_RULE,
      name: "UserVolume",
      ruleId: "USER-VOLUME",
      scope: "User"
    });
    const report = run(rules(userVolume), [
      { rows: 60, userId: "005A", connectedAppName: "A", eventId: "1" },
      { rows: 60, userId: "005A", connectedAppName: "B", eventId: "2" },
      { rows: 500, eventId: "3" }
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      user: "005A",
      appKey: null,
      appKeys: ["name:A", "name:B"]
    });
    expect(report.findings[0]?.detail).toContain("by this user");
  });

  it("describes each pattern kind", () => {
    const secret = record({
      name: "Secret",
      ruleId: "SECRET",
      kind: "SecretHunting",
      matchKind: "Substring",
      field: "QUERY",
      pattern: "AKIA"
    });
    const report = run(rules(AGENT_RULE, ADDRESS_RULE, QUERY_RULE, secret), [
      {
        userAgent: "bad-agent/1.0",
        sourceIp: "203.0.113.1",
        queryText: "SELECT Id FROM Case WHERE Body LIKE '%AKIA%'"
      }
    ]);
    expect(report.findings.map((finding) => finding.detail).sort()).toEqual([
      "1 event(s) from 203.0.113.1.",
      "1 event(s) with the user agent bad-agent/1.0.",
      "1 query event(s) matching FROM Case.",
      "1 query event(s) searching for AKIA."
    ]);
  });

  it("describes a first-seen app", () => {
    const report = findFindings([activity({ connectedAppName: "New App" })], {
      rules: rules(FIRST_SEEN_RULE),
      baseline: emptyHistory()
    });
    expect(report.findings[0]?.detail).toBe(
      "1 event(s) of an app the baseline does not show."
    );
  });

  it("fires a pattern threshold once per scope and day", () => {
    const recon = record({
      ...QUERY_RULE,
      name: "Recon",
      ruleId: "RECON",
      threshold: 2,
      scope: "App"
    });
    const report = run(rules(recon), [
      { queryText: "FROM Case", connectedAppName: "A" },
      { queryText: "FROM Contact", connectedAppName: "A" },
      { queryText: "FROM Contact", connectedAppName: "B" }
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      appKey: "name:A",
      day: "2025-10-01",
      detail: "2 of the rule's patterns matched on 2025-10-01 (threshold 2)."
    });
  });
});

describe("finding helpers", () => {
  const finding = (severity: Finding["severity"], appKeys: string[]) =>
    ({ severity, appKeys }) as Finding;

  it("counts findings per severity", () => {
    expect(
      countBySeverity([
        finding("High", []),
        finding("Low", []),
        finding("High", [])
      ])
    ).toEqual({ High: 2, Medium: 0, Low: 1 });
  });

  it("selects the findings of one app", () => {
    const list = [
      finding("High", ["id:A"]),
      finding("Low", ["id:B", "id:A"]),
      finding("Low", ["unattributed"])
    ];
    expect(findingsForApp(list, "id:A")).toEqual([list[0], list[1]]);
  });

  it("orders findings by severity first", () => {
    const high = { severity: "High", firstTime: 5 } as Finding;
    const low = { severity: "Low", firstTime: 1 } as Finding;
    expect(compareFindings(high, low)).toBeLessThan(0);
  });
});
