import { createElement } from "lwc";
import AppTable from "c/appTable";
import type { AppTableRow } from "c/inventoryView";
import type { FindingBadge } from "c/orgFindings";

type TableElement = HTMLElement & {
  rows: AppTableRow[];
  findingBadges: Record<string, FindingBadge> | null;
  findingsPending: string;
  sortedBy: string;
  sortDirection: "asc" | "desc";
  staleAfterDays: number;
};

const ROW: AppTableRow = {
  key: "id:0H4000000000001CAA",
  name: '<img src=x onerror="alert(1)"> Export',
  kind: "Connected app",
  installed: "Not installed",
  users: 1200,
  tokens: 3910,
  oldestCreated: "2024-01-05T00:00:00.000Z",
  lastUsed: null,
  totalUseCount: 1234567,
  staleCount: 12,
  oldCount: 40,
  refreshTokenPolicy: "Never expires",
  permittedUsers: "All users may self-authorise",
  riskLevel: "High",
  riskScore: 9,
  riskReasons: "Refresh tokens never expire.",
  identityNote: ""
};

function mount(): TableElement {
  const element = createElement("c-app-table", {
    is: AppTable
  }) as TableElement;
  element.rows = [
    ROW,
    {
      ...ROW,
      key: "name:Other",
      name: "Other",
      identityNote: "Known by name only"
    }
  ];
  element.staleAfterDays = 30;
  document.body.appendChild(element);
  return element;
}

describe("c-app-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("renders one row per app as text", async () => {
    const element = mount();
    await Promise.resolve();
    const rows = element.shadowRoot?.querySelectorAll("tbody tr") ?? [];
    expect(rows).toHaveLength(2);
    expect(element.shadowRoot?.querySelector("tbody img")).toBeNull();
    const first = rows[0]?.textContent ?? "";
    expect(first).toContain('<img src=x onerror="alert(1)"> Export');
    expect(first).toContain("Connected app, not installed");
    expect(first).toContain((3910).toLocaleString());
    expect(first).toContain("Never");
    expect(first).toContain("Refresh tokens never expire.");
    expect(rows[1]?.textContent).toContain(
      "Connected app, not installed. Known by name only"
    );
    await expect(element).toBeAccessible();
  });

  it("names the thresholds in the headers", async () => {
    const element = mount();
    await Promise.resolve();
    const headers = Array.from(
      element.shadowRoot?.querySelectorAll("thead th") ?? [],
      (header) => header.textContent?.trim()
    );
    expect(headers).toContain("Unused over 30 days");
    expect(headers).toContain("Older than 180 days");
  });

  it("marks the sorted column for screen readers", async () => {
    const element = mount();
    element.sortedBy = "tokens";
    element.sortDirection = "asc";
    await Promise.resolve();
    const sorted = element.shadowRoot?.querySelector(
      'th[aria-sort="ascending"]'
    );
    expect(sorted?.textContent).toContain("Tokens");
    expect(
      element.shadowRoot?.querySelectorAll('th[aria-sort="none"]')
    ).toHaveLength(10);
  });

  it("asks to sort, toggling the direction", async () => {
    const element = mount();
    const sorts: unknown[] = [];
    element.addEventListener("sort", (event) =>
      sorts.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    const button = (field: string) =>
      element.shadowRoot?.querySelector<HTMLButtonElement>(
        `button[data-field="${field}"]`
      );
    button("tokens")?.click();
    button("riskLevel")?.click();
    expect(sorts).toEqual([
      { fieldName: "tokens", sortDirection: "asc" },
      { fieldName: "riskLevel", sortDirection: "asc" }
    ]);
  });

  it("asks to open an app", async () => {
    const element = mount();
    const opened: unknown[] = [];
    element.addEventListener("open", (event) =>
      opened.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    element.shadowRoot
      ?.querySelector<HTMLButtonElement>("tbody button")
      ?.click();
    expect(opened).toEqual([{ key: ROW.key }]);
  });

  it("shows findings badges once they are read", async () => {
    const element = mount();
    await Promise.resolve();
    const cells = () =>
      Array.from(
        element.shadowRoot?.querySelectorAll('[data-id="findings"] span') ?? [],
        (cell) => [cell.textContent, cell.className]
      );
    expect(cells()).toEqual([
      ["Reading…", ""],
      ["Reading…", ""]
    ]);
    element.findingBadges = {
      [ROW.key]: { severity: "High", text: "2 High, 1 Low" }
    };
    await Promise.resolve();
    expect(cells()).toEqual([
      ["2 High, 1 Low", "slds-badge slds-theme_error"],
      ["None", ""]
    ]);
    await expect(element).toBeAccessible();
  });

  it("says when findings are not available", async () => {
    const element = mount();
    element.findingsPending = "Not available";
    await Promise.resolve();
    const cell = element.shadowRoot?.querySelector('[data-id="findings"]');
    expect(cell?.textContent?.trim()).toBe("Not available");
  });
});
