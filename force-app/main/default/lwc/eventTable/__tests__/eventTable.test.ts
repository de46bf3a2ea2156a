import { createElement } from "lwc";
import EventTable, { type ShownEvent } from "c/eventTable";

type TableElement = HTMLElement & { events: ShownEvent[]; label: string };

const EVENT: ShownEvent = {
  time: Date.parse("2025-06-01T06:00:00.000Z"),
  source: "real-time-event",
  eventType: "ApiEvent",
  userId: "005000000000001AAA",
  username: "ana@example.com",
  connectedAppId: "0H4000000000001CAA",
  connectedAppName: null,
  clientName: null,
  sourceIp: "185.220.101.33",
  userAgent: '<img src=x onerror="alert(1)">',
  operation: "Query",
  entity: "Account",
  rows: 12000,
  queryText: "SELECT COUNT() FROM Account"
};

function mount(events: ShownEvent[]): TableElement {
  const element = createElement("c-event-table", {
    is: EventTable
  }) as TableElement;
  element.events = events;
  element.label = "Events of Parley";
  document.body.appendChild(element);
  return element;
}

function cellsOf(element: HTMLElement): string[][] {
  return Array.from(
    element.shadowRoot?.querySelectorAll("tbody tr") ?? [],
    (row) =>
      Array.from(row.querySelectorAll("td"), (cell) =>
        (cell.textContent ?? "").trim()
      )
  );
}

describe("c-event-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows each field as text", async () => {
    const element = mount([EVENT]);
    await Promise.resolve();
    expect(cellsOf(element)).toEqual([
      [
        "2025-06-01 06:00:00 UTC",
        "Real-time",
        "ApiEvent",
        "ana@example.com",
        "0H4000000000001CAA",
        "185.220.101.33",
        '<img src=x onerror="alert(1)">',
        "Query Account",
        "12,000",
        "SELECT COUNT() FROM Account"
      ]
    ]);
    expect(element.shadowRoot?.querySelector("img")).toBeNull();
    expect(
      element.shadowRoot?.querySelector("table")?.getAttribute("aria-label")
    ).toBe("Events of Parley");
    await expect(element).toBeAccessible();
  });

  it("labels events without an app", async () => {
    const element = mount([
      {
        ...EVENT,
        source: "event-log-file",
        connectedAppId: null,
        userId: null,
        username: null,
        rows: null,
        queryText: null,
        operation: null
      },
      { ...EVENT, connectedAppId: null, clientName: "DataLoaderBulk/60.0" }
    ]);
    await Promise.resolve();
    const [first, second] = cellsOf(element);
    expect(first?.[1]).toBe("Event log file");
    expect(first?.[3]).toBe("");
    expect(first?.[4]).toBe("unattributed");
    expect(first?.[7]).toBe("Account");
    expect(first?.[8]).toBe("");
    expect(second?.[4]).toBe("unattributed (client DataLoaderBulk/60.0)");
  });

  it("names an app id from the index", async () => {
    const element = mount([EVENT]);
    (element as TableElement & { appNames: Record<string, string> }).appNames =
      { "id:0H4000000000001CAA": "Parley Sales Assistant" };
    await Promise.resolve();
    expect(cellsOf(element)[0]?.[4]).toBe("Parley Sales Assistant");
  });
});
