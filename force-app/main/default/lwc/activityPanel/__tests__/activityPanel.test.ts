import { createElement } from "lwc";
import ActivityPanel from "c/activityPanel";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listCapturedFiles from "@salesforce/apex/EventSourceController.listCapturedFiles";
import sources from "./data/sources.json";
import summaryPage1 from "./data/summaryPage1.json";
import summaryPage2 from "./data/summaryPage2.json";
import capturedFiles from "./data/capturedFiles.json";
import { loadConnectedApps, loadOrgActivity } from "c/orgActivityStore";
import type { ActivityRecord } from "c/activityRecord";
import type { OrgActivity } from "c/orgActivity";
import type { readSummaryPages as ReadSummaryPages } from "c/activityView";
import type { ActivitySummaryPage } from "oauth-guard/dto";

jest.mock(
  "@salesforce/apex/EventSourceController.detectSources",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listActivitySummaries",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listCapturedFiles",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

// The store's summary read runs for real over the mocked Apex method, so
// that the tests see its paging.
jest.mock("c/orgActivityStore", () => ({
  loadOrgActivity: jest.fn(),
  loadConnectedApps: jest.fn(),
  loadActivitySummaries: jest.fn(() =>
    jest
      .requireActual<{ readSummaryPages: typeof ReadSummaryPages }>(
        "c/activityView"
      )
      .readSummaryPages(
        (cursor) =>
          jest
            .requireMock<{ default: jest.Mock }>(
              "@salesforce/apex/EventSourceController.listActivitySummaries"
            )
            .default({ since: null, cursor }) as Promise<ActivitySummaryPage>
      )
  )
}));

const mocked = (method: unknown) => method as jest.Mock;

function event(
  time: string,
  overrides: Partial<ActivityRecord> = {}
): ActivityRecord {
  return {
    time: Date.parse(time),
    source: "real-time-event",
    eventType: "ApiEvent",
    userId: "005000000000001AAA",
    username: "ana@example.com",
    connectedAppId: "0H4000000000001AAA",
    connectedAppName: null,
    clientName: null,
    sourceIp: "185.220.101.33",
    userAgent: "python-requests/2.32.4",
    entity: "Account",
    operation: "Query",
    uri: null,
    rows: 1,
    bytes: null,
    queryText: "SELECT COUNT() FROM Account",
    requestId: null,
    eventId: time,
    ...overrides
  };
}

/** Two ApiEvent rows of Parley on two days, and one login elsewhere. */
const ORG_ACTIVITY: OrgActivity = {
  sources: [],
  files: [],
  rowSources: [
    {
      source: "ApiEvent",
      complete: true,
      records: [
        event("2026-12-03T09:00:00.000Z"),
        event("2026-12-01T09:00:00.000Z")
      ]
    },
    {
      source: "LoginHistory",
      complete: true,
      records: [
        event("2026-12-03T07:00:00.000Z", {
          eventType: "LoginHistory",
          connectedAppId: null,
          connectedAppName: "Quotient CPQ",
          queryText: null
        })
      ]
    }
  ],
  since: "2026-11-27T00:00:00.000Z",
  notes: ["ReportEvent was not read: no licence."]
};

function mount(): HTMLElement {
  const element = createElement("c-activity-panel", { is: ActivityPanel });
  document.body.appendChild(element);
  return element;
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 4; turn += 1) {
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

function cellTexts(row: Element | null | undefined): string[] {
  return [...(row?.querySelectorAll("th, td") ?? [])].map(
    (cell) => cell.textContent?.trim() ?? ""
  );
}

const PARLEY = "id:0H4000000000001AAA";

function appEvents(element: HTMLElement): ShadowRoot | null {
  return (
    element.shadowRoot?.querySelector("c-activity-app-events")?.shadowRoot ??
    null
  );
}

function eventRowsOf(root: ShadowRoot | null): string[][] {
  const table = root?.querySelector("c-event-table")?.shadowRoot;
  return [...(table?.querySelectorAll("tbody tr") ?? [])].map((row) =>
    cellTexts(row)
  );
}

describe("c-activity-panel", () => {
  beforeEach(() => {
    mocked(detectSources).mockResolvedValue(sources);
    mocked(listActivitySummaries).mockImplementation(
      ({ cursor }: { cursor: string | null }) =>
        Promise.resolve(cursor === null ? summaryPage1 : summaryPage2)
    );
    mocked(listCapturedFiles).mockResolvedValue(capturedFiles);
    mocked(loadOrgActivity).mockResolvedValue(ORG_ACTIVITY);
    mocked(loadConnectedApps).mockResolvedValue([]);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows loading while reading", async () => {
    mocked(detectSources).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await settle();
    expect(query(element, "activity-loading")).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists sources with missing permissions", async () => {
    const element = mount();
    await settle();
    const row = element.shadowRoot?.querySelector('[data-source="ApiEvent"]');
    const cells = cellTexts(row);
    expect(cells[1]).toBe("Not available");
    expect(cells[2]).toContain("View Real-Time Event Monitoring Data");
    expect(cells[4]).toBe("ViewRealTimeEventMonitoringData");
    await expect(element).toBeAccessible();
  });

  it("reads every summary page", async () => {
    mount();
    await settle();
    expect(listActivitySummaries).toHaveBeenCalledTimes(2);
    expect(listActivitySummaries).toHaveBeenLastCalledWith({
      since: null,
      cursor: "page-2"
    });
  });

  it("puts the largest volume on top", async () => {
    const element = mount();
    await settle();
    const rows = query(element, "activity-apps")?.querySelectorAll("tbody tr");
    const cells = cellTexts(rows?.[0]);
    expect(cells[0]).toBe("Parley Sales Assistant");
    expect(cells[1]).toBe("1,020");
    expect(cells[2]).toBe("450,400 (100 requests unknown)");
    expect(cells[3]).toBe("710.0 MiB");
    expect(cells[4]).toBe("2");
    expect(cells[5]).toBe("2");
    await expect(element).toBeAccessible();
  });

  it("shows unattributed rows as unknown", async () => {
    const element = mount();
    await settle();
    const row = element.shadowRoot?.querySelector('[data-app="unattributed"]');
    const cells = cellTexts(row);
    expect(cells[0]).toBe("Unattributed (no connected app)");
    expect(cells[2]).toBe("unknown");
    expect(cells[3]).toBe("unknown");
  });

  it("opens an app's timeline", async () => {
    const element = mount();
    await settle();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>(`button[data-key="${PARLEY}"]`)
      ?.click();
    await settle();
    const timeline = appEvents(element)?.querySelector<HTMLElement>(
      '[data-id="timeline"]'
    );
    expect(timeline?.textContent).toContain(
      "Daily activity of Parley Sales Assistant"
    );
    const days = [...(timeline?.querySelectorAll("tbody tr") ?? [])];
    expect(days.map((day) => cellTexts(day)[0])).toEqual([
      "2026-12-01",
      "2026-12-03"
    ]);
    await expect(element).toBeAccessible();
  });

  it("closes the timeline", async () => {
    const element = mount();
    await settle();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>(`button[data-key="${PARLEY}"]`)
      ?.click();
    await settle();
    appEvents(element)
      ?.querySelector<HTMLElement>('[data-id="close-timeline"]')
      ?.click();
    await settle();
    expect(appEvents(element)).toBeNull();
  });

  it("lists files the capture could not read", async () => {
    const element = mount();
    await settle();
    const section = query(element, "unread-files");
    const rows = section?.querySelectorAll("tbody tr") ?? [];
    expect(rows).toHaveLength(1);
    const cells = cellTexts(rows[0]);
    expect(cells[2]).toBe("Too large for Apex");
    expect(cells[3]).toBe("150.0 MiB");
    expect(cells[4]).toContain("EventLogFile/0AT000000000001AAA/LogFile");
  });

  it("shows empty state without summaries", async () => {
    mocked(listActivitySummaries).mockResolvedValue({
      summaries: [],
      nextCursor: null
    });
    mocked(listCapturedFiles).mockResolvedValue([]);
    const element = mount();
    await settle();
    expect(query(element, "activity-empty")).not.toBeNull();
    expect(query(element, "activity-apps")).toBeNull();
    expect(query(element, "unread-files")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows error state when Apex fails", async () => {
    mocked(detectSources).mockRejectedValue({
      body: { message: "Insufficient access" }
    });
    const element = mount();
    await settle();
    const panel = element.shadowRoot?.querySelector("c-error-panel");
    expect(panel).not.toBeNull();
    expect(query(element, "sources")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists real-time activity per source and app", async () => {
    const element = mount();
    await settle();
    const recent = element.shadowRoot?.querySelector("c-recent-activity");
    const rows = [
      ...(recent?.shadowRoot?.querySelectorAll("tbody tr") ?? [])
    ].map((row) => cellTexts(row).slice(0, 3));
    expect(rows).toEqual([
      ["Parley Sales Assistant", "ApiEvent", "2"],
      ["Quotient CPQ", "LoginHistory", "1"]
    ]);
    expect(query(element, "recent-notes")?.textContent).toContain(
      "ReportEvent was not read: no licence."
    );
    await expect(element).toBeAccessible();
  });

  it("shows the events behind an app's day", async () => {
    const element = mount();
    await settle();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>(`button[data-key="${PARLEY}"]`)
      ?.click();
    await settle();
    const root = appEvents(element);
    expect(eventRowsOf(root)).toHaveLength(2);
    root
      ?.querySelector<HTMLButtonElement>('button[data-day="2026-12-01"]')
      ?.click();
    await settle();
    const rows = eventRowsOf(root);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe("2026-12-01 09:00:00 UTC");
    expect(rows[0]?.[4]).toBe("Parley Sales Assistant");
    expect(
      root?.querySelector('[data-id="app-events-text"]')?.textContent
    ).toMatch(/1 event\(s\) are still in the org/);
    root?.querySelector<HTMLButtonElement>('[data-id="all-days"]')?.click();
    await settle();
    expect(eventRowsOf(root)).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it("says when no event of a day is left", async () => {
    const element = mount();
    await settle();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>(`button[data-key="${PARLEY}"]`)
      ?.click();
    await settle();
    mocked(loadOrgActivity).mockResolvedValue({
      ...ORG_ACTIVITY,
      rowSources: []
    });
    query(element, "refresh-events")?.click();
    await settle();
    expect(loadOrgActivity).toHaveBeenLastCalledWith(true);
    const root = appEvents(element);
    expect(eventRowsOf(root)).toHaveLength(0);
    expect(
      root?.querySelector('[data-id="app-events-text"]')?.textContent
    ).toMatch(/^No event of this app is still in the org/);
  });

  it("names why the org's events could not be read", async () => {
    mocked(loadOrgActivity).mockRejectedValue(
      Object.assign(new Error("denied"), {
        body: { message: "Insufficient privileges." }
      })
    );
    const element = mount();
    await settle();
    expect(query(element, "recent-loading")?.textContent).toBe(
      "Real-time events and login history could not be read: Insufficient privileges."
    );
    expect(query(element, "activity-apps")).not.toBeNull();
  });

  it("names apps by the org's connected apps", async () => {
    mocked(loadOrgActivity).mockResolvedValue({
      ...ORG_ACTIVITY,
      rowSources: [
        {
          source: "ApiEvent",
          complete: true,
          records: [
            event("2026-12-03T09:00:00.000Z", {
              connectedAppId: "0H4000000000009AAA"
            })
          ]
        }
      ]
    });
    mocked(loadConnectedApps).mockResolvedValue([
      {
        applicationId: "0H4000000000009AAA",
        name: "Brightdesk",
        menuLabel: null
      }
    ]);
    const element = mount();
    await settle();
    const recent = element.shadowRoot?.querySelector("c-recent-activity");
    const first = recent?.shadowRoot?.querySelector("tbody tr");
    expect(cellTexts(first)[0]).toBe("Brightdesk");
  });
});
