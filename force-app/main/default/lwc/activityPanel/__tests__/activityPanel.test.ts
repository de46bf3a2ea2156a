import { createElement } from "lwc";
import ActivityPanel from "c/activityPanel";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listCapturedFiles from "@salesforce/apex/EventSourceController.listCapturedFiles";
import sources from "./data/sources.json";
import summaryPage1 from "./data/summaryPage1.json";
import summaryPage2 from "./data/summaryPage2.json";
import capturedFiles from "./data/capturedFiles.json";

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

const mocked = (method: unknown) => method as jest.Mock;

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

describe("c-activity-panel", () => {
  beforeEach(() => {
    mocked(detectSources).mockResolvedValue(sources);
    mocked(listActivitySummaries).mockImplementation(
      ({ cursor }: { cursor: string | null }) =>
        Promise.resolve(cursor === null ? summaryPage1 : summaryPage2)
    );
    mocked(listCapturedFiles).mockResolvedValue(capturedFiles);
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
    const timeline = query(element, "timeline");
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
    query(element, "close-timeline")?.click();
    await settle();
    expect(query(element, "timeline")).toBeNull();
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
});
