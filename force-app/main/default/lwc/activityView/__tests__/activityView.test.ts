import type {
  ActivitySummary,
  ActivitySummaryPage,
  CapturedLogFile
} from "oauth-guard/dto";
import {
  MAX_SUMMARY_PAGES,
  readSummaryPages,
  formatBytes,
  formatRows,
  summariseApps,
  timelineForApp,
  unreadCapturedFiles,
  type AppActivityRow
} from "c/activityView";
import summaryFixture from "./data/summaries.json";

const summaries = summaryFixture as ActivitySummary[];
const PARLEY = "id:0H4000000000001AAA";

function appRow(appKey: string): AppActivityRow {
  const row = summariseApps(summaries).find((app) => app.appKey === appKey);
  if (!row) {
    throw new Error(`No row for ${appKey}`);
  }
  return row;
}

describe("summariseApps", () => {
  it("puts the largest volume first", () => {
    const apps = summariseApps(summaries);
    expect(apps.map((app) => app.appKey)).toEqual([
      PARLEY,
      "id:0H4000000000002AAA",
      "unattributed"
    ]);
  });

  it("sums requests, rows and bytes", () => {
    const parley = appRow(PARLEY);
    expect(parley.requests).toBe(1020);
    expect(parley.rows).toBe(450400);
    expect(parley.requestsWithUnknownRows).toBe(100);
    expect(parley.bytes).toBe(734003200 + 10485760 + 20480);
  });

  it("counts distinct users, IPs and agents", () => {
    const parley = appRow(PARLEY);
    expect(parley.users).toBe(2);
    expect(parley.sourceIps).toBe(2);
    expect(parley.userAgents).toBe(2);
  });

  it("keeps first and last seen", () => {
    const parley = appRow(PARLEY);
    expect(parley.firstSeen).toBe("2026-12-01T08:00:00.000Z");
    expect(parley.lastSeen).toBe("2026-12-03T18:00:00.000Z");
  });

  it("keeps unknown rows unknown", () => {
    const unattributed = appRow("unattributed");
    expect(unattributed.rows).toBeNull();
    expect(unattributed.bytes).toBeNull();
    expect(unattributed.appName).toBe("Unattributed (no connected app)");
  });

  it("records truncated distinct lists", () => {
    const truncated: ActivitySummary = {
      ...(summaries[0] as ActivitySummary),
      sourceIps: { values: ["185.220.101.33"], truncated: true }
    };
    const [parley] = summariseApps([truncated]);
    expect(parley?.sourceIpsTruncated).toBe(true);
    expect(parley?.userAgentsTruncated).toBe(false);
  });
});

describe("timelineForApp", () => {
  it("returns one app's days oldest first", () => {
    const days = timelineForApp(summaries, PARLEY);
    expect(days.map((day) => day.day)).toEqual(["2026-12-01", "2026-12-03"]);
    expect(days[1]?.requests).toBe(1000);
    expect(days[1]?.users).toBe(2);
    expect(days[1]?.rows).toBe(450000);
  });

  it("returns nothing for an unknown app", () => {
    expect(timelineForApp(summaries, "name:Nobody")).toEqual([]);
  });
});

describe("unreadCapturedFiles", () => {
  it("keeps too large and failed files", () => {
    const base = { status: "Captured" } as CapturedLogFile;
    const files = [
      { ...base, fileKey: "a", status: "TooLarge" },
      { ...base, fileKey: "b", status: "Failed" },
      { ...base, fileKey: "c", status: "Captured" },
      { ...base, fileKey: "d", status: "Rejected" }
    ] as CapturedLogFile[];
    expect(unreadCapturedFiles(files).map((file) => file.fileKey)).toEqual([
      "a",
      "b"
    ]);
  });
});

describe("formatting", () => {
  it.each([
    [null, "unknown"],
    [512, "512 B"],
    [2048, "2.0 KiB"],
    [157286400, "150.0 MiB"]
  ])("formats %p bytes as %p", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("formats unknown rows", () => {
    expect(formatRows(null, 5)).toBe("unknown");
    expect(formatRows(1200, 0)).toBe("1,200");
    expect(formatRows(1200, 3)).toBe("1,200 (3 requests unknown)");
  });
});

describe("readSummaryPages", () => {
  const page = (key: string, nextCursor: string | null) =>
    ({
      summaries: [{ uniqueKey: key }],
      nextCursor
    }) as unknown as ActivitySummaryPage;

  it("follows cursors to the last page", async () => {
    const cursors: (string | null)[] = [];
    const result = await readSummaryPages((cursor) => {
      cursors.push(cursor);
      return Promise.resolve(
        cursor === null ? page("a", "next") : page("b", null)
      );
    });
    expect(cursors).toEqual([null, "next"]);
    expect(result.complete).toBe(true);
    expect(result.summaries).toHaveLength(2);
  });

  it("stops at the page limit", async () => {
    const readPage = jest.fn(() => Promise.resolve(page("x", "more")));
    const result = await readSummaryPages(readPage);
    expect(readPage).toHaveBeenCalledTimes(MAX_SUMMARY_PAGES);
    expect(result.complete).toBe(false);
  });
});
