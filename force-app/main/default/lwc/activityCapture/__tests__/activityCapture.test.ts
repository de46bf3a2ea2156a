import {
  DEFAULT_MAX_DISTINCT_VALUES,
  MAX_VALUE_LENGTH,
  distinctValues,
  captureSummaries,
  mergeDistinctValues,
  summaryKey
} from "c/activityCapture";

const HEADER =
  "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,CONNECTED_APP_ID,CLIENT_IP,USER_AGENT";
const ALICE = "005Ak000001AbCd";
const ACME = "0H4Ak000000AbCd";

function apiRow(minute: number, ip: string, userAgent = "agent"): string {
  const time = `2025-10-01T08:${String(minute).padStart(2, "0")}:00.000Z`;
  return `ApiTotalUsage,${time},${ALICE},${ACME},${ip},${userAgent}`;
}

describe("summaryKey", () => {
  it("joins the parts with a bar", () => {
    expect(summaryKey("Login", "unattributed", null, "2025-10-01")).toBe(
      "Login|unattributed||2025-10-01"
    );
  });

  it("escapes bars and backslashes inside a part", () => {
    expect(summaryKey("Login", "name:a|b", "c\\d", "2025-10-01")).toBe(
      "Login|name:a\\|b|c\\\\d|2025-10-01"
    );
  });

  it("keeps keys of different parts apart", () => {
    const first = summaryKey("Login", "name:a|", "b", "2025-10-01");
    const second = summaryKey("Login", "name:a", "|b", "2025-10-01");
    expect(first).not.toBe(second);
  });
});

describe("distinctValues", () => {
  it("sorts by code unit and drops duplicates", () => {
    expect(distinctValues(["b", "B", "a", "b"], 5)).toEqual({
      values: ["B", "a", "b"],
      truncated: false
    });
  });

  it("flags values beyond the bound", () => {
    expect(distinctValues(["c", "b", "a"], 2)).toEqual({
      values: ["a", "b"],
      truncated: true
    });
  });

  it("keeps a flag that was already set", () => {
    expect(distinctValues(["a"], 2, true).truncated).toBe(true);
  });
});

describe("mergeDistinctValues", () => {
  it("gives the same list in either order", () => {
    const first = distinctValues(["d", "b", "e"], 2);
    const second = distinctValues(["a", "c"], 2);
    expect(mergeDistinctValues(first, second, 2)).toEqual(
      mergeDistinctValues(second, first, 2)
    );
  });

  it("keeps the first values of the union", () => {
    const merged = mergeDistinctValues(
      distinctValues(["d", "b", "e"], 2),
      distinctValues(["a", "c"], 2),
      2
    );
    expect(merged).toEqual({ values: ["a", "b"], truncated: true });
  });
});

describe("captureSummaries", () => {
  it("keeps fifty distinct values by default", () => {
    const rows = Array.from(
      { length: DEFAULT_MAX_DISTINCT_VALUES + 1 },
      (_, i) => apiRow(i, `198.51.100.${i + 100}`)
    );
    const result = captureSummaries([
      { eventType: "ApiTotalUsage", csv: [HEADER, ...rows].join("\n") }
    ]);
    const sourceIps = result.summaries[0]?.sourceIps;
    expect(sourceIps?.values).toHaveLength(DEFAULT_MAX_DISTINCT_VALUES);
    expect(sourceIps?.truncated).toBe(true);
  });

  it("cuts each value to the text field length", () => {
    const long = "a".repeat(MAX_VALUE_LENGTH + 10);
    const result = captureSummaries([
      {
        eventType: "ApiTotalUsage",
        csv: [HEADER, apiRow(0, "198.51.100.1", long)].join("\n")
      }
    ]);
    expect(result.summaries[0]?.userAgents.values).toEqual([
      "a".repeat(MAX_VALUE_LENGTH)
    ]);
  });

  it("returns no summary for no files", () => {
    expect(captureSummaries([])).toEqual({ files: [], summaries: [] });
  });

  it("keys summaries by the file's event type", () => {
    const csv = [HEADER, apiRow(0, "198.51.100.1")].join("\n");
    const result = captureSummaries([
      { eventType: "ApiTotalUsage", csv },
      { eventType: "RestApi", csv }
    ]);
    expect(result.summaries.map((summary) => summary.eventType)).toEqual([
      "ApiTotalUsage",
      "RestApi"
    ]);
  });
});
