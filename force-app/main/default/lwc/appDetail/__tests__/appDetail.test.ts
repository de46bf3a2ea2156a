import { createElement } from "lwc";
import AppDetail from "c/appDetail";
import type { AppSummary, TokenPage } from "c/tokenInventory";
import type { Finding } from "c/findingEngine";

// The component reads the permission once, when its module loads, so
// appDetailWithoutPermission.test.ts covers the user who lacks it.
jest.mock(
  "@salesforce/customPermission/Revoke_OAuth_Tokens",
  () => ({ default: true }),
  { virtual: true }
);

// The dialog and the progress view call these; the tests here only check
// what the detail passes to them, so the calls never settle.
jest.mock(
  "@salesforce/apex/TokenRevocationController.listRevocableTokens",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.requestRevocation",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.getRevocationStatus",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.resumeRevocation",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.getRevocationAccess",
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<{
      createApexTestWireAdapter: (method: jest.Mock) => unknown;
    }>("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

type DetailElement = HTMLElement & {
  findings: Finding[] | null;
  findingsProblem: string | null;
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

describe("c-app-detail findings", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  const finding = {
    id: "f1",
    ruleId: "UA-PYTHON",
    title: "Python client",
    severity: "High",
    appKeys: [APP.key],
    appNames: [],
    users: ["005000000000001AAA"],
    firstTime: 0,
    lastTime: 0,
    count: 2,
    detail: "2 events.",
    events: [],
    eventsOmitted: 0
  } as unknown as Finding;

  function findingsText(element: HTMLElement): string {
    return byId(element, "app-findings-text")?.textContent?.trim() ?? "";
  }

  it("says findings are being read", async () => {
    const element = mount(APP);
    await Promise.resolve();
    expect(findingsText(element)).toMatch(/^Reading the org's events/);
    expect(element.shadowRoot?.querySelector("c-finding-table")).toBeNull();
  });

  it("lists the app's findings", async () => {
    const element = mount(APP);
    element.findings = [finding];
    await Promise.resolve();
    expect(findingsText(element)).toBe(
      "1 finding(s) name this app. Open one to see its events."
    );
    const table = element.shadowRoot?.querySelector("c-finding-table") as
      (HTMLElement & { findings: Finding[] }) | null;
    expect(table?.findings).toEqual([finding]);
    await expect(element).toBeAccessible();
  });

  it("says when no rule matched", async () => {
    const element = mount(APP);
    element.findings = [];
    await Promise.resolve();
    expect(findingsText(element)).toBe(
      "No indicator rule matched this app's events."
    );
  });

  it("names why findings are missing", async () => {
    const element = mount(APP);
    element.findingsProblem = "Insufficient privileges.";
    await Promise.resolve();
    expect(findingsText(element)).toBe(
      "Findings could not be read: Insufficient privileges."
    );
  });
});

describe("c-app-detail revoke actions", () => {
  type RevokeElement = DetailElement & {
    tokenPage: TokenPage | null;
    revocationRequestId: string | null;
  };

  const TOKEN_PAGE: TokenPage = {
    total: 1,
    offset: 0,
    rows: [
      {
        appKey: APP.key,
        userId: "005000000000001AAA",
        holder: null,
        appName: "Acme Sync",
        createdDate: "2025-01-01T00:00:00.000Z",
        lastUsedDate: null,
        useCount: 1,
        age: {
          ageDays: 10,
          daysSinceLastUse: null,
          unusedDays: 10,
          isStale: false,
          isOld: false
        }
      }
    ]
  };

  type DialogElement = HTMLElement & {
    appKey: string;
    appLabel: string;
    confirmationName: string | null;
    scope: string;
    userId: string | null;
    userName: string | null;
    selectedTokens: unknown[];
  };

  function mountWithTokens(): RevokeElement {
    const element = mount(APP) as RevokeElement;
    element.tokenPage = TOKEN_PAGE;
    return element;
  }

  function table(element: HTMLElement) {
    return element.shadowRoot?.querySelector("c-token-table") as
      (HTMLElement & { selectable: boolean; selectedKeys: string[] }) | null;
  }

  function dialog(element: HTMLElement): DialogElement | null {
    return element.shadowRoot?.querySelector("c-revoke-dialog") ?? null;
  }

  function selectFirstToken(element: HTMLElement): void {
    table(element)?.dispatchEvent(
      new CustomEvent("selectionchange", {
        detail: {
          tokens: [
            {
              key: "005000000000001AAA|2025-01-01T00:00:00.000Z",
              userId: "005000000000001AAA",
              createdDate: "2025-01-01T00:00:00.000Z"
            }
          ],
          selected: true
        }
      })
    );
  }

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("offers the revoke buttons with the permission", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    expect(table(element)?.selectable).toBe(true);
    expect(byId(element, "revoke-selected")?.textContent?.trim()).toBe(
      "Revoke selected (0)"
    );
    expect(
      (byId(element, "revoke-selected") as HTMLButtonElement).disabled
    ).toBe(true);
    expect(byId(element, "revoke-app")?.textContent?.trim()).toBe(
      "Incident mode: revoke every token"
    );
    await expect(element).toBeAccessible();
  });

  it("keeps the selection the table reports", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    selectFirstToken(element);
    await Promise.resolve();
    expect(byId(element, "revoke-selected")?.textContent?.trim()).toBe(
      "Revoke selected (1)"
    );
    expect(table(element)?.selectedKeys).toEqual([
      "005000000000001AAA|2025-01-01T00:00:00.000Z"
    ]);
    byId(element, "clear-selection")?.click();
    await Promise.resolve();
    expect(table(element)?.selectedKeys).toEqual([]);
  });

  it("opens the dialog for the selected tokens", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    selectFirstToken(element);
    await Promise.resolve();
    byId(element, "revoke-selected")?.click();
    await Promise.resolve();
    expect(dialog(element)).toMatchObject({
      appKey: APP.key,
      appLabel: "Acme <Sync>",
      scope: "Selection",
      selectedTokens: [
        {
          userId: "005000000000001AAA",
          createdDate: "2025-01-01T00:00:00.000Z"
        }
      ]
    });
  });

  it("opens the dialog for one user's tokens", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    table(element)?.dispatchEvent(
      new CustomEvent("revokeuser", {
        detail: { userId: "005000000000001AAA", userName: "Ada Admin" }
      })
    );
    await Promise.resolve();
    expect(dialog(element)).toMatchObject({
      scope: "User",
      userId: "005000000000001AAA",
      userName: "Ada Admin"
    });
  });

  it("asks in incident mode for a name the tokens carry", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    byId(element, "revoke-app")?.click();
    await Promise.resolve();
    expect(dialog(element)?.scope).toBe("App");
    // The shown name "Acme <Sync>" is one the tokens carry.
    expect(dialog(element)?.confirmationName).toBe("Acme <Sync>");
    dialog(element)?.dispatchEvent(new CustomEvent("cancel"));
    await Promise.resolve();
    expect(dialog(element)).toBeNull();
  });

  it("leaves the name to the tokens after a rename", async () => {
    const element = mount({ ...APP, tokenAppNames: ["Acme Sync Legacy"] });
    await Promise.resolve();
    byId(element, "revoke-app")?.click();
    await Promise.resolve();
    expect(dialog(element)?.confirmationName).toBeNull();
  });

  it("follows the request the dialog started", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    selectFirstToken(element);
    await Promise.resolve();
    byId(element, "revoke-selected")?.click();
    await Promise.resolve();
    expect(dialog(element)).not.toBeNull();
    dialog(element)?.dispatchEvent(
      new CustomEvent("requested", {
        detail: { request: { id: "a018d0000000004AAA" } }
      })
    );
    await Promise.resolve();
    expect(dialog(element)).toBeNull();
    const progress = element.shadowRoot?.querySelector(
      "c-revocation-progress"
    ) as (HTMLElement & { requestId: string; setupUrl: string }) | null;
    expect(progress?.requestId).toBe("a018d0000000004AAA");
    expect(decodeURIComponent(progress?.setupUrl ?? "")).toContain(
      "applicationId=0H4000000000001CAA"
    );
    expect(table(element)?.selectedKeys).toEqual([]);
  });

  it("forwards a reload with the request id", async () => {
    const element = mountWithTokens();
    element.revocationRequestId = "a018d0000000004AAA";
    const reloads: unknown[] = [];
    element.addEventListener("reload", (event) =>
      reloads.push((event as CustomEvent).detail)
    );
    await Promise.resolve();
    element.shadowRoot?.querySelector("c-revocation-progress")?.dispatchEvent(
      new CustomEvent("reload", {
        detail: { requestId: "a018d0000000004AAA" }
      })
    );
    expect(reloads).toEqual([{ requestId: "a018d0000000004AAA" }]);
  });

  it("clears the selection for another app", async () => {
    const element = mountWithTokens();
    await Promise.resolve();
    selectFirstToken(element);
    await Promise.resolve();
    element.app = { ...APP, key: "name:Other", name: "Other" };
    await Promise.resolve();
    expect(table(element)?.selectedKeys).toEqual([]);
  });
});
