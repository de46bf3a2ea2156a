import { createElement } from "lwc";
import AppDetail from "c/appDetail";
import type { AppSummary } from "c/tokenInventory";

type DetailElement = HTMLElement & {
  app: AppSummary | null;
  ageBuckets: { label: string; count: number }[];
};

const APP: AppSummary = {
  key: "id:0H4000000000001CAA",
  name: "Acme <Sync>",
  menuLabel: "Acme <Sync>",
  connectedAppName: "Acme Sync",
  tokenAppNames: ["Acme Sync Legacy", "Acme <Sync>"],
  kind: "connected-app",
  applicationId: "0H4000000000001CAA",
  installed: true,
  policyMatch: "application-id",
  users: 2,
  tokens: 3,
  oldestCreated: "2024-01-01T00:00:00.000Z",
  lastUsed: null,
  totalUseCount: 12,
  staleCount: 1,
  oldCount: 2,
  refreshTokenPolicy: {
    policy: "never-expires",
    validityPeriod: null,
    explanation: "Refresh tokens are valid until revoked."
  },
  permittedUsers: "all-users",
  risk: {
    level: "high",
    score: 8,
    factors: [
      {
        code: "refreshTokensNeverExpire",
        message: "Refresh tokens never expire.",
        tokenCount: null,
        weight: 3
      },
      {
        code: "powerfulPermissionHolders",
        message: "1 token held by users with Modify All Data.",
        tokenCount: 1,
        weight: 3
      }
    ]
  }
};

function mount(app: AppSummary): DetailElement {
  const element = createElement("c-app-detail", {
    is: AppDetail
  }) as DetailElement;
  element.app = app;
  element.ageBuckets = [{ label: "Under 30 days", count: 3 }];
  document.body.appendChild(element);
  return element;
}

function byId(element: HTMLElement, id: string): HTMLElement | null {
  return element.shadowRoot?.querySelector(`[data-id="${id}"]`) ?? null;
}

describe("c-app-detail", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("explains the risk level in sentences", async () => {
    const element = mount(APP);
    await Promise.resolve();
    expect(byId(element, "risk-level")?.textContent).toBe("Risk: High");
    const factors = byId(element, "risk-factors")?.querySelectorAll("li");
    expect(Array.from(factors ?? [], (item) => item.textContent)).toEqual([
      "Refresh tokens never expire.",
      "1 token held by users with Modify All Data."
    ]);
    await expect(element).toBeAccessible();
  });

  it("shows the name as text and the other token names", async () => {
    const element = mount(APP);
    await Promise.resolve();
    expect(byId(element, "heading")?.textContent).toBe("Acme <Sync>");
    expect(element.shadowRoot?.textContent).toContain(
      "Tokens name it: Acme Sync Legacy"
    );
  });

  it("links to the app in Setup", async () => {
    const element = mount(APP);
    await Promise.resolve();
    const link = byId(element, "setup-link") as HTMLAnchorElement;
    expect(decodeURIComponent(link.getAttribute("href") ?? "")).toContain(
      "applicationId=0H4000000000001CAA"
    );
    expect(link.target).toBe("_blank");
  });

  it("says when no risk factor applies", async () => {
    const element = mount({
      ...APP,
      installed: null,
      kind: "unknown",
      risk: { level: "none", score: 0, factors: [] }
    });
    await Promise.resolve();
    expect(byId(element, "risk-factors")).toBeNull();
    expect(element.shadowRoot?.textContent).toContain(
      "No risk factor applies."
    );
    expect(element.shadowRoot?.textContent).toContain("installation unknown");
  });

  it("passes the age buckets to the chart", async () => {
    const element = mount({ ...APP, installed: false });
    await Promise.resolve();
    const chart = element.shadowRoot?.querySelector("c-token-age-chart") as
      (HTMLElement & { buckets: unknown; chartTitle: string }) | null;
    expect(chart?.buckets).toEqual([{ label: "Under 30 days", count: 3 }]);
    expect(chart?.chartTitle).toBe("Token ages for Acme <Sync>");
    expect(element.shadowRoot?.textContent).toContain("not installed");
  });

  it("forwards close, paging and sorting", async () => {
    const element = mount(APP);
    const events: string[] = [];
    for (const name of ["close", "pagechange", "sortchange"]) {
      element.addEventListener(name, (event) =>
        events.push(`${name}:${JSON.stringify((event as CustomEvent).detail)}`)
      );
    }
    await Promise.resolve();
    byId(element, "back")?.click();
    const table = element.shadowRoot?.querySelector("c-token-table");
    table?.dispatchEvent(
      new CustomEvent("pagechange", { detail: { offset: 50 } })
    );
    table?.dispatchEvent(
      new CustomEvent("sortchange", {
        detail: { field: "useCount", direction: "descending" }
      })
    );
    expect(events).toEqual([
      "close:null",
      'pagechange:{"offset":50}',
      'sortchange:{"field":"useCount","direction":"descending"}'
    ]);
  });
});
