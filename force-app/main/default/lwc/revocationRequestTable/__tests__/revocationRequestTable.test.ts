import { createElement } from "lwc";
import RevocationRequestTable, { formatTime } from "c/revocationRequestTable";
import type { RevocationRequest } from "oauth-guard/dto";

const REQUEST: RevocationRequest = {
  id: "a018d0000000004AAA",
  name: "REV-000004",
  sequence: 9,
  appKey: "id:0H4000000000001CAA",
  appName: "<b>Acme</b> Sync",
  scope: "App",
  targetUserId: null,
  tokensRequested: 3910,
  reason: "INC-4711",
  requestedAt: "2025-06-02T12:00:00.000Z",
  requestedById: "005000000000000AAA",
  requestedByName: "Morgan Reyes",
  status: "CompletedWithFailures",
  revoked: 3880,
  alreadyGone: 22,
  failed: 8,
  jobId: null,
  lastError: null,
  progressUpdatedAt: null,
  resumable: false
};

type TableElement = HTMLElement & {
  requests: RevocationRequest[];
  selectedId: string | null;
};

function mount(requests: RevocationRequest[]): TableElement {
  const element = createElement("c-revocation-request-table", {
    is: RevocationRequestTable
  }) as TableElement;
  element.requests = requests;
  document.body.appendChild(element);
  return element;
}

describe("c-revocation-request-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("lists each request with its counts", async () => {
    const element = mount([REQUEST]);
    await Promise.resolve();
    const cells = Array.from(
      element.shadowRoot?.querySelectorAll("tbody tr th, tbody tr td") ?? [],
      (cell) => (cell.textContent ?? "").trim()
    );
    expect(cells.slice(0, 3)).toEqual([
      "REV-000004",
      "<b>Acme</b> Sync",
      "Every token"
    ]);
    expect(cells[3]).toMatch(/ UTC\s*by Morgan Reyes$/);
    expect(cells.slice(4, 10)).toEqual([
      "INC-4711",
      "Completed with failures",
      (3910).toLocaleString(),
      (3880).toLocaleString(),
      "22",
      "8"
    ]);
    expect(element.shadowRoot?.querySelector("b")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("asks to show a request's outcomes", async () => {
    const element = mount([REQUEST]);
    const showRequests: unknown[] = [];
    element.addEventListener("show", (event) =>
      showRequests.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    const button = element.shadowRoot?.querySelector<HTMLButtonElement>(
      '[data-id="show-outcomes"]'
    );
    expect(button?.getAttribute("aria-pressed")).toBe("false");
    button?.click();
    expect(showRequests).toEqual([{ requestId: REQUEST.id }]);
    element.selectedId = REQUEST.id;
    await Promise.resolve();
    expect(button?.getAttribute("aria-pressed")).toBe("true");
  });

  it("says so when nothing was revoked", async () => {
    const element = mount([]);
    await Promise.resolve();
    expect(
      element.shadowRoot?.querySelector('[data-id="empty"]')?.textContent
    ).toBe("No token has been revoked yet.");
    await expect(element).toBeAccessible();
  });
});

describe("formatTime", () => {
  it("formats a time in UTC and keeps text it cannot read", () => {
    expect(formatTime("2025-06-02T12:00:00.000Z")).toMatch(/ UTC$/);
    expect(formatTime("soon")).toBe("soon");
    expect(formatTime(null)).toBe("");
  });
});
