import type { IndicatorRule } from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import {
  FindingAllowlist,
  PatternMatcher,
  normaliseQueryText,
  queryLiterals,
  readsRawField,
  recordFieldValue
} from "c/findingMatchers";
import { readFindingRules, type FindingRule } from "c/findingRules";

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

function rule(overrides: Partial<IndicatorRule>): FindingRule {
  const reading = readFindingRules([
    {
      name: "Rule",
      ruleId: "RULE",
      title: "A rule",
      severity: "Low",
      kind: null,
      matchKind: "Substring",
      field: "USER_AGENT",
      pattern: "python",
      source: null,
      sourceDate: null,
      active: true,
      usedInPolicies: false,
      ...overrides
    }
  ]);
  expect(reading.problems).toEqual([]);
  const [only] = reading.rules;
  if (only === undefined) {
    throw new Error("The rule was not read.");
  }
  return only;
}

describe("queryLiterals", () => {
  it.each([
    [
      "SELECT Id FROM Case WHERE Subject = 'a' AND Body LIKE '%b%'",
      ["a", "%b%"]
    ],
    ["FIND {AKIA*} IN ALL FIELDS", ["AKIA*"]],
    ["WHERE Name = 'it\\'s'", ["it's"]],
    ["WHERE Name = 'unterminated", ["unterminated"]],
    ["FIND {open", ["open"]],
    ["SELECT Id FROM OauthToken", []]
  ])("reads %s", (query, literals) => {
    expect(queryLiterals(query)).toEqual(literals);
  });
});

describe("normaliseQueryText", () => {
  it("folds case and makes whitespace one space", () => {
    expect(normaliseQueryText("  SELECT\tId\n\nFROM  Case ")).toBe(
      "select id from case"
    );
  });
});

describe("recordFieldValue", () => {
  it("reads mapped fields", () => {
    const record = activity({ sourceIp: "198.51.100.1", queryText: "q" });
    expect(recordFieldValue(record, "CLIENT_IP")).toBe("198.51.100.1");
    expect(recordFieldValue(record, "QUERY")).toBe("q");
    expect(readsRawField("QUERY")).toBe(false);
    expect(readsRawField("LOGIN_TYPE")).toBe(true);
  });

  it("reads raw fields in any naming style", () => {
    const record = activity({
      fields: {
        LoginType: "Remote Access 2.0",
        API_TYPE: " ",
        COUNTRY_CODE: "US"
      }
    });
    expect(recordFieldValue(record, "LOGIN_TYPE")).toBe("Remote Access 2.0");
    expect(recordFieldValue(record, "COUNTRY_CODE")).toBe("US");
    expect(recordFieldValue(record, "API_TYPE")).toBeNull();
    expect(recordFieldValue(record, "MISSING")).toBeNull();
    expect(recordFieldValue(activity(), "LOGIN_TYPE")).toBeNull();
  });
});

describe("PatternMatcher", () => {
  it("matches a substring in any case, the same on repeat", () => {
    const matcher = new PatternMatcher([rule({})]);
    const record = activity({ userAgent: "Python-Requests/2.32.4" });
    expect(matcher.match(record).map((hit) => hit.value)).toEqual([
      "Python-Requests/2.32.4"
    ]);
    expect(matcher.match(record)).toHaveLength(1);
  });

  it("matches single addresses and ranges", () => {
    const single = rule({
      name: "Single",
      ruleId: "SINGLE",
      kind: "IpAddress",
      matchKind: "IpRange",
      field: "SOURCE_IP",
      pattern: "::ffff:192.0.2.9"
    });
    const range = rule({
      name: "Range",
      ruleId: "RANGE",
      kind: "IpAddress",
      matchKind: "IpRange",
      field: "SOURCE_IP",
      pattern: "2001:db8::/32"
    });
    const matcher = new PatternMatcher([single, range]);
    expect(
      matcher
        .match(activity({ sourceIp: "192.0.2.9" }))
        .map((hit) => hit.pattern)
    ).toEqual(["::ffff:192.0.2.9"]);
    expect(
      matcher
        .match(activity({ sourceIp: "2001:DB8::1" }))
        .map((hit) => hit.pattern)
    ).toEqual(["2001:db8::/32"]);
    expect(matcher.match(activity({ sourceIp: "Salesforce.com IP" }))).toEqual(
      []
    );
  });

  it("matches an exact query after whitespace is made one space", () => {
    const exact = rule({
      kind: "QueryPattern",
      matchKind: "Exact",
      field: "QUERY",
      pattern: "SELECT COUNT() FROM Account"
    });
    const matcher = new PatternMatcher([exact]);
    expect(
      matcher.match(activity({ queryText: " select  count()\nfrom account " }))
    ).toHaveLength(1);
    expect(
      matcher.match(
        activity({ queryText: "SELECT COUNT() FROM Account LIMIT 1" })
      )
    ).toEqual([]);
  });

  it("reports whether a rule reads raw fields", () => {
    expect(new PatternMatcher([rule({})]).readsRawFields).toBe(false);
    const raw = rule({ kind: "FieldMatch", field: "LOGIN_TYPE", pattern: "x" });
    expect(new PatternMatcher([raw]).readsRawFields).toBe(true);
  });

  it("ignores rules that compare no pattern", () => {
    const volume = rule({
      kind: "ExportVolume",
      matchKind: null,
      field: "ROWS_PROCESSED",
      pattern: null,
      threshold: 10,
      scope: "App"
    });
    expect(new PatternMatcher([volume]).match(activity({ rows: 99 }))).toEqual(
      []
    );
  });
});

describe("FindingAllowlist", () => {
  const entry = (kind: string, value: string, name = kind) => ({
    name,
    kind,
    value,
    reason: null,
    active: true
  });

  it("matches an app by 15-character id and by name", () => {
    const allowlist = new FindingAllowlist([
      entry("ConnectedApp", "0H4000000000001", "ById"),
      entry("ConnectedApp", "Data Loader", "ByName")
    ]);
    expect(
      allowlist.exemption(activity({ connectedAppId: "0H4000000000001CAA" }))
        ?.name
    ).toBe("ById");
    expect(
      allowlist.exemption(activity({ connectedAppName: " data loader " }))?.name
    ).toBe("ByName");
    expect(allowlist.exemption(activity({ connectedAppName: "Other" }))).toBe(
      null
    );
  });

  it("is empty without active entries", () => {
    const allowlist = new FindingAllowlist([
      { ...entry("User", "a@example.com"), active: false }
    ]);
    expect(allowlist.isEmpty).toBe(true);
    expect(allowlist.exemption(activity({ username: "a@example.com" }))).toBe(
      null
    );
  });

  it("ignores placeholder addresses", () => {
    const allowlist = new FindingAllowlist([entry("IpRange", "0.0.0.0/0")]);
    expect(allowlist.exemption(activity({ sourceIp: "w.x.y.z" }))).toBeNull();
    expect(allowlist.exemption(activity({ sourceIp: "192.0.2.1" }))?.kind).toBe(
      "IpRange"
    );
  });

  it("names unusable entries", () => {
    const allowlist = new FindingAllowlist([
      entry("IpRange", "nowhere", "Bad"),
      { ...entry("User", ""), value: null as unknown as string }
    ]);
    expect(allowlist.problems).toEqual([
      {
        name: "Bad",
        message:
          'Allowlist entry Bad has the value "nowhere", which is not an IP ' +
          "address or CIDR range such as 203.0.113.0/24."
      },
      { name: "User", message: "Allowlist entry User has no value." }
    ]);
  });
});
