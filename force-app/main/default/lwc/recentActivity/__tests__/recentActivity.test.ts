import { createElement } from "lwc";
import RecentActivity from "c/recentActivity";
import type { SourceAppRow } from "c/activityEvents";

type RecentElement = HTMLElement & { rows: SourceAppRow[] };

const ROW: SourceAppRow = {
  source: "ApiEvent",
  appKey: "id:0H4000000000001CAA",
  appName: '<b>"Quarterly" Export</b>',
  events: 1200,
  rows: 0,
  eventsWithUnknownRows: 1200,
  users: 2,
  sourceIps: 3,
  userAgents: 1,
  firstSeen: Date.parse("2025-06-01T06:00:00.000Z"),
  lastSeen: Date.parse("2025-06-01T07:00:00.000Z")
};

function mount(rows: SourceAppRow[]): RecentElement {
  const element = createElement("c-recent-activity", {
    is: RecentActivity
  }) as RecentElement;
  element.rows = rows;
  document.body.appendChild(element);
  return element;
}

describe("c-recent-activity", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows each row as text", async () => {
    const element = mount([ROW]);
    await Promise.resolve();
    const cells = Array.from(
      element.shadowRoot?.querySelectorAll("tbody tr th, tbody tr td") ?? [],
      (cell) => (cell.textContent ?? "").trim()
    );
    expect(cells).toEqual([
      '<b>"Quarterly" Export</b>',
      "ApiEvent",
      "1,200",
      "unknown",
      "2",
      "3",
      "1",
      "2025-06-01 06:00:00 UTC",
      "2025-06-01 07:00:00 UTC"
    ]);
    expect(element.shadowRoot?.querySelector("tbody b")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("asks to open an app's events", async () => {
    const element = mount([ROW, { ...ROW, source: "LoginHistory" }]);
    const opened = jest.fn();
    element.addEventListener("open", opened);
    await Promise.resolve();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>('button[data-source="LoginHistory"]')
      ?.click();
    expect(opened).toHaveBeenCalledTimes(1);
    expect((opened.mock.calls[0]?.[0] as CustomEvent).detail).toEqual({
      appKey: ROW.appKey,
      appName: ROW.appName
    });
  });

  it("says when nothing was read", async () => {
    const element = mount([]);
    await Promise.resolve();
    expect(
      element.shadowRoot?.querySelector('[data-id="recent-empty"]')
    ).not.toBeNull();
  });
});
