import { createHash } from "node:crypto";
import { ReadableStream as WebReadableStream } from "node:stream/web";
import type { IndicatorRule } from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import {
  EVIDENCE_CSV_COLUMNS,
  HashingReader,
  buildEvidencePack,
  canonicalJson,
  evidencePackCsv,
  evidencePackJson,
  orgRecordsInput,
  textInput,
  type EvidencePack
} from "c/evidencePack";
import { findFindings } from "c/findingEngine";
import { readFindingRules } from "c/findingRules";

function activity(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    time: Date.parse("2025-10-01T12:00:00.000Z"),
    source: "real-time-event",
    eventType: "ApiEvent",
    userId: "005000000000001AAA",
    username: "user@example.com",
    connectedAppId: null,
    connectedAppName: null,
    clientName: null,
    sourceIp: "203.0.113.7",
    userAgent: "python-requests/2.32.4",
    entity: "Case",
    operation: "Query",
    uri: null,
    rows: 20,
    bytes: null,
    queryText: '=HYPERLINK("http://example.com") FROM Case',
    requestId: null,
    eventId: "e-1",
    ...overrides
  };
}

const RULE_RECORDS: IndicatorRule[] = [
  {
    name: "Agent",
    ruleId: "UA-PYTHON",
    title: "Python requests",
    severity: "Low",
    kind: "UserAgent",
    matchKind: "Exact",
    field: "USER_AGENT",
    pattern: "python-requests/2.32.4",
    source: "Test advisory",
    sourceDate: "2025-08-26",
    active: true,
    usedInPolicies: false
  },
  {
    name: "Case",
    ruleId: "QUERY-CASE",
    title: "Case query",
    severity: "Medium",
    kind: "QueryPattern",
    matchKind: "Substring",
    field: "QUERY",
    pattern: "FROM Case",
    source: "Test advisory",
    sourceDate: "2025-08-26",
    active: true,
    usedInPolicies: false
  }
];

function pack(createdAt: number, records = [activity()]): EvidencePack {
  const { rules } = readFindingRules(RULE_RECORDS);
  const report = findFindings(records, {
    rules,
    allowlist: [
      {
        name: "Off",
        kind: "IpRange",
        value: "10.0.0.0/8",
        reason: null,
        active: false
      }
    ]
  });
  return buildEvidencePack({
    report,
    rules,
    allowlist: [
      {
        name: "Office",
        kind: "IpRange",
        value: "198.51.100.0/24",
        reason: "Office network",
        active: true
      },
      { name: "Off", kind: "User", value: "x", reason: null, active: false }
    ],
    inputs: [textInput("activity", "events.json", "[]")],
    madeBy: {
      tool: "oauth-guard analyze",
      toolVersion: "0.1.0",
      method: "oauth-guard analyze --evidence-pack out events.json"
    },
    createdAt
  });
}

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(
      canonicalJson({ b: 1, a: [{ d: "x", c: undefined }, undefined], é: null })
    ).toBe('{"a":[{"d":"x"},null],"b":1,"é":null}');
  });

  it("sorts keys by code unit, not by locale", () => {
    expect(canonicalJson({ a: 1, B: 2, _: 3 })).toBe('{"B":2,"_":3,"a":1}');
  });

  it("writes a date as JSON.stringify does", () => {
    expect(canonicalJson({ at: new Date(0) })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z"}'
    );
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [BigInt(1)], [() => 1]])(
    "rejects %p",
    (value) => {
      expect(() => canonicalJson({ value })).toThrow(TypeError);
    }
  );
});

describe("orgRecordsInput", () => {
  it("hashes records the same whatever their key order", () => {
    const first = orgRecordsInput("activity", "ApiEvent", [{ a: 1, b: 2 }]);
    const second = orgRecordsInput("activity", "ApiEvent", [{ b: 2, a: 1 }]);
    expect(first.sha256).toBe(second.sha256);
    expect(first.sha256).toBe(
      createHash("sha256").update('[{"a":1,"b":2}]').digest("hex")
    );
    expect(first).toMatchObject({
      hashMethod: "canonical-json",
      records: 1,
      bytes: null
    });
  });
});

describe("HashingReader", () => {
  async function drain(chunks: AsyncIterable<unknown>): Promise<number> {
    const seen: unknown[] = [];
    for await (const chunk of chunks) {
      seen.push(chunk);
    }
    return seen.length;
  }

  it("hashes byte chunks as one file", async () => {
    const parts = [Buffer.from("EVENT_TYPE,"), Buffer.from("é\n")];
    const reader = new HashingReader(parts, createHash("sha256"));
    expect(await drain(reader.chunks())).toBe(2);
    expect(reader.input("activity", "a.csv")).toEqual({
      role: "activity",
      name: "a.csv",
      hashMethod: "file-bytes",
      sha256: createHash("sha256").update(Buffer.concat(parts)).digest("hex"),
      bytes: 14,
      records: null
    });
  });

  it("hashes text chunks as UTF-8", async () => {
    const reader = new HashingReader(["é", "x"], createHash("sha256"));
    await drain(reader.chunks());
    expect(reader.input("activity", "a.json").sha256).toBe(
      createHash("sha256").update("éx").digest("hex")
    );
  });

  it("reads a web stream through its reader", async () => {
    // jsdom has no ReadableStream, so Node's takes its place.
    const saved = globalThis.ReadableStream;
    globalThis.ReadableStream =
      WebReadableStream as unknown as typeof ReadableStream;
    try {
      const stream = new WebReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1, 2, 3]));
          controller.close();
        }
      });
      const reader = new HashingReader(stream, createHash("sha256"));
      await drain(reader.chunks());
      expect(reader.input("activity", "blob").bytes).toBe(3);
    } finally {
      globalThis.ReadableStream = saved;
    }
  });

  it("refuses a hash of part of a file", () => {
    const reader = new HashingReader([], createHash("sha256"));
    expect(() => reader.input("activity", "a.csv")).toThrow(
      "The file a.csv was not read to the end, so its SHA-256 is unknown."
    );
  });
});

describe("buildEvidencePack", () => {
  it("differs only in its date for the same input", () => {
    const first = pack(Date.parse("2026-01-01T00:00:00Z"));
    const second = pack(Date.parse("2026-02-01T00:00:00Z"));
    expect(first.createdAt).toBe("2026-01-01T00:00:00.000Z");
    expect({ ...second, createdAt: first.createdAt }).toEqual(first);
    expect(evidencePackJson({ ...second, createdAt: first.createdAt })).toBe(
      evidencePackJson(first)
    );
  });

  it("records rules, inputs, summary and active entries", () => {
    const built = pack(0);
    expect(built.format).toBe("oauth-guard-evidence-pack");
    expect(built.rules.map((rule) => [rule.ruleId, rule.source])).toEqual([
      ["QUERY-CASE", "Test advisory"],
      ["UA-PYTHON", "Test advisory"]
    ]);
    expect(built.inputs[0]?.sha256).toBe(
      createHash("sha256").update("[]").digest("hex")
    );
    expect(built.summary).toEqual({
      findings: 2,
      bySeverity: { High: 0, Medium: 1, Low: 1 },
      recordsRead: 1,
      duplicateEvents: 0,
      baselineUsed: false
    });
    expect(built.allowlist.map((entry) => entry.name)).toEqual(["Office"]);
    expect(built.findings[0]?.firstTime).toBe("2025-10-01T12:00:00.000Z");
    expect(built.findings[0]?.events[0]?.time).toBe("2025-10-01T12:00:00.000Z");
  });
});

describe("evidencePackCsv", () => {
  const csv = evidencePackCsv(pack(0));
  const lines = csv.split("\r\n");

  it("writes one row per pack record", () => {
    expect(lines[0]).toBe(EVIDENCE_CSV_COLUMNS.join(","));
    const types = lines.slice(1, -1).map((line) => line.split(",")[0]);
    expect(types).toEqual([
      "pack",
      "input",
      "rule",
      "rule",
      "finding",
      "event",
      "finding",
      "event",
      "note"
    ]);
    expect(lines.at(-1)).toBe("");
  });

  it("neutralises formulas from event data", () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"") FROM Case"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it("carries each input's hash", () => {
    expect(csv).toContain(createHash("sha256").update("[]").digest("hex"));
  });
});

describe("evidence pack completeness", () => {
  const { rules } = readFindingRules(RULE_RECORDS);
  const hostileAgent = "python-requests/2.32.4";
  const report = findFindings(
    [
      activity({
        connectedAppId: "0H4000000000001CAA",
        clientName: "\u001b]8;;http://example.com\u0007link\u001b]8;;\u0007",
        entity: "Case\u202e"
      })
    ],
    {
      rules,
      allowlist: [
        {
          name: "Vpn_Pool",
          kind: "IpRange",
          value: "198.51.100.10-198.51.100.60",
          reason: null,
          active: true
        }
      ]
    }
  );
  const built = buildEvidencePack({
    report,
    rules,
    inputs: [],
    madeBy: { tool: "test", toolVersion: "0", method: "test" },
    createdAt: 0,
    readNotes: ["ApiEvent was not read: no licence."],
    appNames: { "id:0H4000000000001CAA": "Parley" }
  });

  it("keeps the reader's notes first", () => {
    expect(built.notes[0]).toBe("ApiEvent was not read: no licence.");
  });

  it("keeps allowlist problems", () => {
    expect(built.allowlistProblems.map((problem) => problem.name)).toEqual([
      "Vpn_Pool"
    ]);
    expect(evidencePackCsv(built)).toMatch(/\r\nallowlist-problem,/);
  });

  it("names apps given only by id", () => {
    expect(built.findings.map((finding) => finding.appNames)).toEqual([
      ["Parley"],
      ["Parley"]
    ]);
    expect(built.findings[0]?.events[0]?.userAgent).toBe(hostileAgent);
  });

  it("writes control characters as escapes", () => {
    const csv = evidencePackCsv(built);
    const json = evidencePackJson(built);
    // eslint-disable-next-line no-control-regex -- the point is their absence
    const raw = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/;
    expect(csv).not.toMatch(raw);
    expect(json).not.toMatch(raw);
    expect(csv).toContain("\\u001b]8;;http://example.com\\u0007link");
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(built)));
  });
});
