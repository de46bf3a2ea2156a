import { createElement } from "lwc";
import TokenTable from "c/tokenTable";
import type { TokenPage } from "c/tokenInventory";

type TableElement = HTMLElement & { tokenPage: TokenPage | null };

const AGE = {
  ageDays: 400,
  daysSinceLastUse: 1,
  unusedDays: 1,
  isStale: false,
  isOld: true
};

function page(offset: number, count: number, total: number): TokenPage {
  return {
    total,
    offset,
    rows: Array.from({ length: count }, (_row, index) => ({
      appKey: "id:0H4000000000001CAA",
      userId: `005000000000${String(offset + index).padStart(3, "0")}AAA`,
      holder:
        index === 0
          ? {
              userId: "005000000000000AAA",
              name: "Ada Admin",
              username: "ada@example.invalid",
              isActive: false,
              isFrozen: true,
              powerfulPermissions: ["Modify All Data", "View All Data"]
            }
          : null,
      appName: "Acme Sync",
      createdDate: "2025-10-01T00:00:00.000Z",
      lastUsedDate: null,
      useCount: 5,
      age: AGE
    }))
  };
}

function mount(tokenPage: TokenPage): TableElement {
  const element = createElement("c-token-table", {
    is: TokenTable
  }) as TableElement;
  element.tokenPage = tokenPage;
  document.body.appendChild(element);
  return element;
}

function byId(element: HTMLElement, id: string): HTMLElement | null {
  return element.shadowRoot?.querySelector(`[data-id="${id}"]`) ?? null;
}

describe("c-token-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows holder details as text", async () => {
    const element = mount(page(0, 2, 2));
    await Promise.resolve();
    const rows = Array.from(
      byId(element, "tokens")?.querySelectorAll("tbody tr") ?? [],
      (row) =>
        Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent)
    );
    expect(rows[0]).toEqual([
      "Ada Admin",
      "ada@example.invalid",
      "Inactive, frozen",
      "Modify All Data, View All Data",
      new Intl.DateTimeFormat(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        timeZone: "UTC"
      }).format(Date.UTC(2025, 9, 1)),
      "Never",
      "5",
      "400"
    ]);
    expect(rows[1]?.[0]).toBe("005000000000001AAA");
    expect(rows[1]?.[2]).toBe("Unknown");
    await expect(element).toBeAccessible();
  });

  it("states the range and disables paging at the ends", async () => {
    const element = mount(page(0, 50, 120));
    await Promise.resolve();
    expect(byId(element, "range")?.textContent).toBe("Tokens 1–50 of 120");
    const big = mount(page(1000, 50, 3910));
    await Promise.resolve();
    expect(byId(big, "range")?.textContent).toBe(
      `Tokens ${(1001).toLocaleString()}–${(1050).toLocaleString()} of ${(3910).toLocaleString()}`
    );
    expect((byId(element, "previous") as HTMLButtonElement).disabled).toBe(
      true
    );
    expect((byId(element, "next") as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks for the next and previous pages", async () => {
    const element = mount(page(50, 50, 120));
    const pages: number[] = [];
    element.addEventListener("pagechange", (event) =>
      pages.push((event as CustomEvent<{ offset: number }>).detail.offset)
    );
    await Promise.resolve();
    byId(element, "next")?.click();
    byId(element, "previous")?.click();
    expect(pages).toEqual([100, 0]);
  });

  it("asks for a new sort order", async () => {
    const element = mount(page(0, 2, 2));
    const sorts: unknown[] = [];
    element.addEventListener("sortchange", (event) =>
      sorts.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    const header = (field: string) =>
      element.shadowRoot?.querySelector<HTMLButtonElement>(
        `button[data-field="${field}"]`
      );
    header("lastUsedDate")?.click();
    await Promise.resolve();
    header("lastUsedDate")?.click();
    await Promise.resolve();
    expect(header("username")).toBeNull();
    expect(sorts).toEqual([
      { field: "lastUsedDate", direction: "ascending" },
      { field: "lastUsedDate", direction: "descending" }
    ]);
    expect(
      element.shadowRoot?.querySelector('th[aria-sort="descending"]')
        ?.textContent
    ).toContain("Last used");
  });

  it("says so when there are no tokens", async () => {
    const element = mount({ total: 0, offset: 0, rows: [] });
    await Promise.resolve();
    expect(byId(element, "range")?.textContent).toBe("No tokens");
    expect((byId(element, "next") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("c-token-table selection", () => {
  type SelectableElement = TableElement & {
    selectable: boolean;
    selectedKeys: string[];
  };

  function mountSelectable(
    tokenPage: TokenPage,
    selectedKeys: string[] = []
  ): SelectableElement {
    const element = createElement("c-token-table", {
      is: TokenTable
    }) as SelectableElement;
    element.tokenPage = tokenPage;
    element.selectable = true;
    element.selectedKeys = selectedKeys;
    document.body.appendChild(element);
    return element;
  }

  function checkboxes(element: HTMLElement): HTMLInputElement[] {
    return Array.from(
      element.shadowRoot?.querySelectorAll<HTMLInputElement>(
        '[data-id="select-token"]'
      ) ?? []
    );
  }

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows no checkboxes unless selectable", async () => {
    const element = mount(page(0, 2, 2));
    await Promise.resolve();
    expect(checkboxes(element)).toHaveLength(0);
    expect(byId(element, "select-page")).toBeNull();
    expect(byId(element, "revoke-user")).toBeNull();
  });

  it("ticks the selected rows", async () => {
    const tokens = page(0, 3, 3);
    const firstKey = `${tokens.rows[0]?.userId}|${tokens.rows[0]?.createdDate}`;
    const element = mountSelectable(tokens, [firstKey]);
    await Promise.resolve();
    expect(checkboxes(element).map((box) => box.checked)).toEqual([
      true,
      false,
      false
    ]);
    expect((byId(element, "select-page") as HTMLInputElement).checked).toBe(
      false
    );
    await expect(element).toBeAccessible();
  });

  it("reports a ticked row with its user and creation time", async () => {
    const element = mountSelectable(page(0, 2, 2));
    const changes: unknown[] = [];
    element.addEventListener("selectionchange", (event) =>
      changes.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    const second = checkboxes(element)[1] as HTMLInputElement;
    second.checked = true;
    second.dispatchEvent(new CustomEvent("change"));
    expect(changes).toEqual([
      {
        tokens: [
          {
            key: "005000000000001AAA|2025-10-01T00:00:00.000Z",
            userId: "005000000000001AAA",
            createdDate: "2025-10-01T00:00:00.000Z"
          }
        ],
        selected: true
      }
    ]);
  });

  it("selects or clears every row of the page", async () => {
    const element = mountSelectable(page(0, 3, 10));
    const changes: { tokens: unknown[]; selected: boolean }[] = [];
    element.addEventListener("selectionchange", (event) =>
      changes.push(
        (event as CustomEvent<{ tokens: unknown[]; selected: boolean }>).detail
      )
    );
    await Promise.resolve();
    const all = byId(element, "select-page") as HTMLInputElement;
    all.checked = true;
    all.dispatchEvent(new CustomEvent("change"));
    all.checked = false;
    all.dispatchEvent(new CustomEvent("change"));
    expect(changes.map((change) => change.tokens.length)).toEqual([3, 3]);
    expect(changes.map((change) => change.selected)).toEqual([true, false]);
  });

  it("ticks the page box when every row is selected", async () => {
    const tokens = page(0, 2, 2);
    const element = mountSelectable(
      tokens,
      tokens.rows.map((row) => `${row.userId}|${row.createdDate}`)
    );
    await Promise.resolve();
    expect((byId(element, "select-page") as HTMLInputElement).checked).toBe(
      true
    );
  });

  it("asks to revoke a row's user", async () => {
    const element = mountSelectable(page(0, 2, 2));
    const requests: unknown[] = [];
    element.addEventListener("revokeuser", (event) =>
      requests.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    const button = byId(element, "revoke-user");
    expect(button?.getAttribute("aria-label")).toBe(
      "Revoke this user's tokens: Ada Admin"
    );
    button?.click();
    expect(requests).toEqual([
      { userId: "005000000000000AAA", userName: "Ada Admin" }
    ]);
  });

  it("disables the page box without tokens", async () => {
    const element = mountSelectable({ total: 0, offset: 0, rows: [] });
    await Promise.resolve();
    expect((byId(element, "select-page") as HTMLInputElement).disabled).toBe(
      true
    );
    await expect(element).toBeAccessible();
  });
});
