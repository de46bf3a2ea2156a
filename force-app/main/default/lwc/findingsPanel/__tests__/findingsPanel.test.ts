import { createElement } from "lwc";
import {
  TextDecoder as NodeTextDecoder,
  TextEncoder as NodeTextEncoder
} from "node:util";
import FindingsPanel from "c/findingsPanel";
import getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listEventLogFiles from "@salesforce/apex/EventSourceController.listEventLogFiles";
import readEventLogFile from "@salesforce/apex/EventSourceController.readEventLogFile";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import readLoginHistory from "@salesforce/apex/EventSourceController.readLoginHistory";
import { downloadTextFile } from "c/fileDownload";
import { forgetLoadedActivity } from "c/orgActivityStore";
import type {
  EventLogFileInfo,
  EventSourceStatus,
  IndicatorRule,
  PolicyOverview
} from "oauth-guard/dto";

// Browsers have these, but Jest's jsdom environment does not.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder,
  TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder
});

jest.mock(
  "@salesforce/apex/PolicyController.getPolicyOverview",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listActivitySummaries",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listEventLogFiles",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.readEventLogFile",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.detectSources",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.readRealTimeEvents",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.readLoginHistory",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock("c/fileDownload", () => ({ downloadTextFile: jest.fn() }));

const mocked = (method: unknown) => method as jest.Mock;

const TOR_ADDRESS = "185.220.101.33";
const TODAY = "2025-06-03T09:00:00.000Z";
const APP_NAME = "Parley Sales Assistant";

function rule(overrides: Partial<IndicatorRule>): IndicatorRule {
  return {
    name: "IP_Tor",
    ruleId: `IP-${TOR_ADDRESS}`,
    title: "Tor exit node",
    severity: "Medium",
    kind: "IpAddress",
    matchKind: "IpRange",
    field: "SOURCE_IP",
    pattern: TOR_ADDRESS,
    threshold: null,
    scope: null,
    source: null,
    sourceDate: null,
    active: true,
    usedInPolicies: true,
    ...overrides
  };
}

const RULES: IndicatorRule[] = [
  rule({}),
  rule({
    name: "UA_Python",
    ruleId: "UA-PYTHON-REQUESTS",
    title: "Python HTTP client",
    severity: "High",
    kind: "UserAgent",
    matchKind: "Substring",
    field: "USER_AGENT",
    pattern: "python-requests"
  }),
  rule({
    name: "FIRST_Seen_App",
    ruleId: "FIRST-SEEN-APP",
    title: "App seen for the first time",
    kind: "FirstSeenApp",
    matchKind: null,
    field: "CONNECTED_APP",
    pattern: null
  })
];

function overview(allowlistUsers: string[] = []): PolicyOverview {
  return {
    policies: [],
    stateReadable: true,
    stateProblem: null,
    settings: [],
    allowlist: allowlistUsers.map((user) => ({
      name: `Allow_${user}`,
      kind: "User",
      value: user,
      reason: "Service account",
      active: true
    })),
    indicatorRules: RULES
  };
}

function fileInfo(id: string, readableInApex = true): EventLogFileInfo {
  return {
    id,
    eventType: "ApiTotalUsage",
    logDate: "2025-06-01T00:00:00.000Z",
    interval: "Daily",
    sequence: 0,
    logFileLength: 1000,
    createdDate: "2025-06-02T00:00:00.000Z",
    fileKey: `ApiTotalUsage|2025-06-01T00:00:00.000Z|Daily|${id}`,
    readableInApex
  };
}

const HEADER =
  '"EVENT_TYPE","TIMESTAMP_DERIVED","REQUEST_ID","USER_ID_DERIVED","USER_NAME","CONNECTED_APP_NAME","CLIENT_IP","USER_AGENT","ROWS_PROCESSED"';

function csvOf(rows: string[][]): string {
  return [
    HEADER,
    ...rows.map((row) => row.map((value) => `"${value}"`).join(","))
  ].join("\r\n");
}

const INCIDENT_CSV = csvOf([
  [
    "ApiTotalUsage",
    "2025-06-01T10:00:00.000Z",
    "r1",
    "005000000000001AAA",
    "ana@example.com",
    APP_NAME,
    TOR_ADDRESS,
    "python-requests/2.31.0",
    "2000"
  ],
  [
    "ApiTotalUsage",
    "2025-06-01T10:05:00.000Z",
    "r2",
    "005000000000001AAA",
    "ana@example.com",
    APP_NAME,
    TOR_ADDRESS,
    "python-requests/2.31.0",
    "2000"
  ]
]);

const QUIET_CSV = csvOf([
  [
    "ApiTotalUsage",
    "2025-06-01T11:00:00.000Z",
    "r3",
    "005000000000002AAA",
    "ben@example.com",
    APP_NAME,
    "203.0.113.20",
    "Parley client",
    "10"
  ]
]);

function source(name: string, available: boolean): EventSourceStatus {
  return {
    source: name,
    available,
    reasonCode: available ? "available" : "no-licence",
    reason: available
      ? `${name} can be read.`
      : `${name} needs the Event Monitoring licence.`,
    eventTypes: [],
    missingPermissions: []
  };
}

function mockOrg(csv: string, allowlistUsers: string[] = []): void {
  mocked(detectSources).mockResolvedValue([
    source("EventLogFile", true),
    source("ApiEvent", false),
    source("ReportEvent", false),
    source("BulkApiResultEventStore", false),
    source("LoginHistory", true)
  ]);
  mocked(readLoginHistory).mockResolvedValue({
    objectName: "LoginHistory",
    timeField: "LoginTime",
    fields: ["LoginTime", "UserId", "SourceIp", "Application", "LoginType"],
    missingFields: [],
    rows: [],
    nextCursor: null
  });
  mocked(getPolicyOverview).mockResolvedValue(overview(allowlistUsers));
  mocked(listEventLogFiles).mockResolvedValue({
    files: [fileInfo("0AT000000000001AAA"), fileInfo("0AT000000000002", false)],
    nextCursor: null
  });
  mocked(readEventLogFile).mockImplementation(
    ({ fileId }: { fileId: string }) =>
      Promise.resolve({ file: fileInfo(fileId), csv })
  );
  mocked(listActivitySummaries).mockResolvedValue({
    summaries: [],
    nextCursor: null
  });
}

function mount(): HTMLElement {
  const element = createElement("c-findings-panel", { is: FindingsPanel });
  document.body.appendChild(element);
  return element;
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 8; turn += 1) {
    // eslint-disable-next-line no-await-in-loop, @lwc/lwc/no-async-operation -- each turn lets one stage finish
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function query<T extends Element = HTMLElement>(
  element: HTMLElement,
  dataId: string
): T | null {
  return element.shadowRoot?.querySelector<T>(`[data-id="${dataId}"]`) ?? null;
}

function findingTable(element: HTMLElement): ShadowRoot | null {
  return (
    element.shadowRoot?.querySelector("c-finding-table")?.shadowRoot ?? null
  );
}

function findingRows(element: HTMLElement): HTMLElement[] {
  return [
    ...(findingTable(element)?.querySelectorAll<HTMLElement>(
      "tr[data-severity]"
    ) ?? [])
  ];
}

function eventRows(element: HTMLElement): HTMLElement[] {
  const table = findingTable(element)?.querySelector("c-event-table");
  return [
    ...(table?.shadowRoot?.querySelectorAll<HTMLElement>(
      "tr[data-event-type]"
    ) ?? [])
  ];
}

function cellTexts(row: Element | undefined): string[] {
  return [...(row?.querySelectorAll("th, td") ?? [])].map(
    (cell) => cell.textContent?.trim() ?? ""
  );
}

describe("c-findings-panel", () => {
  beforeEach(() => {
    // The page reads the 7 days before now, which must include the files.
    jest.spyOn(Date, "now").mockReturnValue(Date.parse(TODAY));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
    forgetLoadedActivity();
  });

  it("shows loading while reading", async () => {
    mockOrg(INCIDENT_CSV);
    mocked(listEventLogFiles).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await settle();
    expect(query(element, "findings-loading")).not.toBeNull();
    expect(query(element, "findings")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows an error when the rules cannot be read", async () => {
    mockOrg(INCIDENT_CSV);
    mocked(getPolicyOverview).mockRejectedValue({
      body: { message: "Reading the rules requires a permission." }
    });
    const element = mount();
    await settle();
    expect(query(element, "findings-loading")).toBeNull();
    expect(element.shadowRoot?.querySelector("c-error-panel")).not.toBeNull();
    expect(query(element, "findings")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("notes a file that fails and reads the others", async () => {
    mockOrg(INCIDENT_CSV);
    mocked(listEventLogFiles).mockResolvedValue({
      files: [fileInfo("0AT000000000001AAA"), fileInfo("0AT000000000003AAA")],
      nextCursor: null
    });
    const expired = Object.assign(new Error("expired"), {
      body: { message: "The file has expired." }
    });
    mocked(readEventLogFile).mockImplementation(
      ({ fileId }: { fileId: string }) => {
        if (fileId === "0AT000000000003AAA") {
          return Promise.reject(expired);
        }
        return Promise.resolve({ file: fileInfo(fileId), csv: INCIDENT_CSV });
      }
    );
    const element = mount();
    await settle();
    const notes = query(element, "notes")?.textContent ?? "";
    expect(notes).toMatch(
      /0AT000000000003AAA could not be read: The file has expired\./
    );
    expect(findingRows(element)).toHaveLength(3);
  });

  it("notes the sources the org lacks", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    const notes = query(element, "notes")?.textContent ?? "";
    expect(notes).toMatch(
      /ApiEvent was not read: ApiEvent needs the Event Monitoring licence\./
    );
    expect(query(element, "findings-summary")?.textContent).toMatch(
      /from 1 event log file\(s\), LoginHistory\./
    );
  });

  it("reads the events again on request", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    expect(readEventLogFile).toHaveBeenCalledTimes(1);
    query(element, "refresh")?.click();
    await settle();
    expect(readEventLogFile).toHaveBeenCalledTimes(2);
    expect(findingRows(element)).toHaveLength(3);
  });

  it("says no finding when nothing matches", async () => {
    mockOrg(QUIET_CSV);
    // Without a baseline's apps, FIRST-SEEN-APP would match every app.
    mocked(getPolicyOverview).mockResolvedValue({
      ...overview(),
      indicatorRules: RULES.filter((item) => item.kind !== "FirstSeenApp")
    });
    const element = mount();
    await settle();
    expect(query(element, "no-findings")?.textContent).toMatch(/No finding/);
    expect(findingRows(element)).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it("lists findings by severity", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    const rows = findingRows(element);
    expect(rows.map((row) => row.dataset.severity)).toEqual([
      "High",
      "Medium",
      "Medium"
    ]);
    const cells = cellTexts(rows[0]);
    expect(cells[0]).toContain("UA-PYTHON-REQUESTS");
    expect(cells[1]).toBe("High");
    expect(cells[2]).toBe(APP_NAME);
    expect(cells[3]).toBe("ana@example.com");
    expect(cells[4]).toBe("2025-06-01 10:00:00 UTC");
    expect(cells[5]).toBe("2025-06-01 10:05:00 UTC");
    expect(cells[6]).toBe("2");
    expect(cells[7]).toMatch(/python-requests/);
    expect(query(element, "findings-summary")?.textContent).toMatch(
      /3 finding\(s\) in 2 event\(s\) from 1 event log file\(s\)/
    );
    await expect(element).toBeAccessible();
  });

  it("notes files too large for Apex", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    const notes = query(element, "notes")?.textContent ?? "";
    expect(notes).toMatch(/1 event log file\(s\) are too large for Apex/);
    expect(readEventLogFile).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it("expands a finding to its events", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    const button = findingRows(element)[0]?.querySelector("button");
    expect(button?.getAttribute("aria-expanded")).toBe("false");
    button?.click();
    await settle();
    expect(button?.getAttribute("aria-expanded")).toBe("true");
    const rows = eventRows(element);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("python-requests/2.31.0");
    await expect(element).toBeAccessible();
    button?.click();
    await settle();
    expect(eventRows(element)).toHaveLength(0);
  });

  it("lists allowlist suppressions", async () => {
    mockOrg(INCIDENT_CSV, ["005000000000001AAA"]);
    const element = mount();
    await settle();
    const suppressions = query(element, "suppressions");
    expect(suppressions?.textContent).toContain("FIRST-SEEN-APP");
    expect(suppressions?.textContent).toContain("Allow_005000000000001AAA");
    await expect(element).toBeAccessible();
  });

  it("exports the evidence pack", async () => {
    mockOrg(INCIDENT_CSV);
    const element = mount();
    await settle();
    query(element, "export")?.click();
    const download = mocked(downloadTextFile);
    expect(download).toHaveBeenCalledTimes(2);
    const [jsonName, jsonText, jsonType] = download.mock.calls[0] as string[];
    expect(jsonName).toMatch(/^oauth-guard-evidence-.*\.json$/);
    expect(jsonType).toBe("application/json");
    const pack = JSON.parse(jsonText ?? "{}") as {
      findings: unknown[];
      inputs: { role: string }[];
    };
    expect(pack.findings).toHaveLength(3);
    expect(pack.inputs.map((input) => input.role)).toEqual([
      "activity",
      "activity",
      "rules",
      "allowlist",
      "baseline"
    ]);
    const [csvName, csvText] = download.mock.calls[1] as string[];
    expect(csvName).toMatch(/\.csv$/);
    expect(csvText).toContain("record_type");
  });
});
