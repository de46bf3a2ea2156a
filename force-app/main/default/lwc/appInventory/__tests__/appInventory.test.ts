import { createElement } from "lwc";
import AppInventory from "c/appInventory";
import getSettings from "@salesforce/apex/GuardSettingsController.getSettings";
import countTokens from "@salesforce/apex/TokenInventoryController.countTokens";
import listConnectedApps from "@salesforce/apex/TokenInventoryController.listConnectedApps";
import readTokenSlice from "@salesforce/apex/TokenInventoryController.readTokenSlice";
import { loadOrgFindings } from "c/orgActivityStore";
import connectedApps from "./data/connectedApps.json";
import tokenSlice from "./data/tokenSlice.json";

jest.mock(
  "@salesforce/apex/GuardSettingsController.getSettings",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.countTokens",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.listConnectedApps",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.readTokenSlice",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

jest.mock("c/orgActivityStore", () => ({ loadOrgFindings: jest.fn() }));

const mocked = (method: unknown) => method as jest.Mock;

/** Findings as the engine returns them, with the fields the tab reads. */
const FINDINGS = [
  {
    id: "f1",
    ruleId: "UA-PYTHON",
    severity: "High",
    appKeys: ["id:0H4000000000001CAA"],
    appNames: [],
    users: [],
    events: [],
    firstTime: 0,
    lastTime: 0,
    count: 1,
    eventsOmitted: 0
  },
  {
    id: "f2",
    ruleId: "IP-TOR",
    severity: "Medium",
    appKeys: ["name:Acme Sync"],
    appNames: ["Acme Sync"],
    users: [],
    events: [],
    firstTime: 0,
    lastTime: 0,
    count: 1,
    eventsOmitted: 0
  }
];

function mount(): HTMLElement {
  const element = createElement("c-app-inventory", { is: AppInventory });
  document.body.appendChild(element);
  return element;
}

// Loading awaits several Apex promises and a timer per slice chunk.
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

type AppTableElement = HTMLElement & { rows: Record<string, unknown>[] };

describe("c-app-inventory", () => {
  beforeEach(() => {
    mocked(getSettings).mockResolvedValue([]);
    mocked(countTokens).mockResolvedValue({ total: 3, seesAllUsers: true });
    mocked(listConnectedApps).mockResolvedValue(connectedApps);
    mocked(readTokenSlice).mockResolvedValue(tokenSlice);
    mocked(loadOrgFindings).mockResolvedValue({
      report: { findings: FINDINGS },
      appNames: { "id:0H4000000000001CAA": "Acme Sync" }
    });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows progress while reading", async () => {
    mocked(readTokenSlice).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await settle();
    expect(query(element, "loading")?.textContent).toContain(
      "Read 0 of 3 OAuth tokens"
    );
    expect(
      element.shadowRoot?.querySelector("lightning-progress-bar")
    ).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists one row per app, riskiest first", async () => {
    const element = mount();
    await settle();
    const table = query<AppTableElement>(element, "apps");
    expect(table?.rows.map((row) => row.name)).toEqual([
      "Acme Sync",
      '<img src=x onerror=alert(1)> "Quoted" Loader'
    ]);
    expect(table?.rows[0]?.riskReasons).toContain("Modify All Data");
    expect(readTokenSlice).toHaveBeenCalledWith({ cursor: null });
    await expect(element).toBeAccessible();
  });

  it("renders an app name with markup as text", async () => {
    const element = mount();
    await settle();
    expect(element.shadowRoot?.querySelector("img")).toBeNull();
  });

  it("filters by text", async () => {
    const element = mount();
    await settle();
    const filter = query(element, "filter");
    filter?.dispatchEvent(
      new CustomEvent("change", { detail: { value: "loader" } })
    );
    await settle();
    const table = query<AppTableElement>(element, "apps");
    expect(table?.rows).toHaveLength(1);
    expect(table?.rows[0]?.name).toContain("Loader");
  });

  it("filters by risk level", async () => {
    const element = mount();
    await settle();
    query(element, "risk-filter")?.dispatchEvent(
      new CustomEvent("change", { detail: { value: "low" } })
    );
    await settle();
    const table = query<AppTableElement>(element, "apps");
    expect(table?.rows.every((row) => row.riskLevel === "Low")).toBe(true);
  });

  it("sorts by a column", async () => {
    const element = mount();
    await settle();
    query(element, "apps")?.dispatchEvent(
      new CustomEvent("sort", {
        detail: { fieldName: "tokens", sortDirection: "asc" }
      })
    );
    await settle();
    const table = query<AppTableElement>(element, "apps");
    expect(table?.rows.map((row) => row.tokens)).toEqual([1, 2]);
  });

  it("opens an app's detail and pages its tokens", async () => {
    const element = mount();
    await settle();
    const table = query<AppTableElement>(element, "apps");
    table?.dispatchEvent(
      new CustomEvent("open", { detail: { key: table.rows[0]?.key } })
    );
    await settle();
    const detail = element.shadowRoot?.querySelector("c-app-detail") as
      | (HTMLElement & {
          app: { name: string };
          tokenPage: { total: number };
          ageBuckets: { count: number }[];
        })
      | null;
    expect(detail?.app.name).toBe("Acme Sync");
    expect(detail?.tokenPage.total).toBe(2);
    const charted = detail?.ageBuckets.reduce((sum, b) => sum + b.count, 0);
    expect(charted).toBe(2);
    detail?.dispatchEvent(new CustomEvent("close"));
    await settle();
    expect(element.shadowRoot?.querySelector("c-app-detail")).toBeNull();
  });

  it("reloads after a revocation and reopens the app", async () => {
    const element = mount();
    await settle();
    const table = query<AppTableElement>(element, "apps");
    table?.dispatchEvent(
      new CustomEvent("open", { detail: { key: table.rows[0]?.key } })
    );
    await settle();
    mocked(countTokens).mockResolvedValue({ total: 2, seesAllUsers: true });
    mocked(readTokenSlice).mockResolvedValue({
      ...tokenSlice,
      tokens: tokenSlice.tokens.slice(1)
    });
    element.shadowRoot?.querySelector("c-app-detail")?.dispatchEvent(
      new CustomEvent("reload", {
        detail: { requestId: "a018d0000000004AAA" }
      })
    );
    await settle();
    await settle();
    const detail = element.shadowRoot?.querySelector("c-app-detail") as
      | (HTMLElement & {
          tokenPage: { total: number };
          revocationRequestId: string | null;
        })
      | null;
    expect(mocked(readTokenSlice)).toHaveBeenCalledTimes(2);
    expect(detail?.tokenPage.total).toBe(1);
    expect(detail?.revocationRequestId).toBe("a018d0000000004AAA");
  });

  it("shows the apps when a reload leaves the app without tokens", async () => {
    const element = mount();
    await settle();
    const table = query<AppTableElement>(element, "apps");
    table?.dispatchEvent(
      new CustomEvent("open", { detail: { key: table.rows[0]?.key } })
    );
    await settle();
    mocked(countTokens).mockResolvedValue({ total: 1, seesAllUsers: true });
    mocked(readTokenSlice).mockResolvedValue({
      ...tokenSlice,
      tokens: tokenSlice.tokens.slice(2)
    });
    element.shadowRoot?.querySelector("c-app-detail")?.dispatchEvent(
      new CustomEvent("reload", {
        detail: { requestId: "a018d0000000004AAA" }
      })
    );
    await settle();
    await settle();
    expect(element.shadowRoot?.querySelector("c-app-detail")).toBeNull();
    expect(query(element, "apps")).not.toBeNull();
  });

  it("says so when no app holds tokens", async () => {
    mocked(countTokens).mockResolvedValue({ total: 0, seesAllUsers: true });
    mocked(readTokenSlice).mockResolvedValue({
      tokens: [],
      holders: [],
      nextCursor: null,
      problems: []
    });
    const element = mount();
    await settle();
    expect(query(element, "empty")?.textContent).toContain(
      "No app holds OAuth tokens"
    );
    expect(query(element, "apps")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows what could not be read beside what was", async () => {
    mocked(readTokenSlice).mockResolvedValueOnce({
      ...tokenSlice,
      nextCursor: "next"
    });
    mocked(readTokenSlice).mockRejectedValueOnce({
      body: { message: "Apex heap size too large" }
    });
    const element = mount();
    await settle();
    expect(query(element, "partial")?.textContent).toContain(
      "Tokens after the first 3 could not be read: Apex heap size too large"
    );
    expect(query<AppTableElement>(element, "apps")?.rows).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it("shows an error when tokens cannot be counted", async () => {
    mocked(countTokens).mockRejectedValue({
      body: { message: "OAuth Guard needs read access to OauthToken" }
    });
    const element = mount();
    await settle();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(JSON.stringify(panel?.errors)).toContain(
      "read access to OauthToken"
    );
    expect(element.shadowRoot?.querySelector("c-access-check")).not.toBeNull();
    expect(query(element, "apps")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("names the missing permission when only own tokens show", async () => {
    mocked(countTokens).mockResolvedValue({ total: 3, seesAllUsers: false });
    const element = mount();
    await settle();
    expect(query(element, "own-tokens-only")?.textContent).toContain(
      "Customize Application"
    );
  });

  it("passes the thresholds to the table", async () => {
    mocked(getSettings).mockResolvedValue([
      { name: "StaleAfterDays", value: "30" }
    ]);
    const element = mount();
    await settle();
    const table = query<
      HTMLElement & { staleAfterDays: number; oldAfterDays: number }
    >(element, "apps");
    expect(table?.staleAfterDays).toBe(30);
    expect(table?.oldAfterDays).toBe(180);
  });

  it("gives each app its findings badge", async () => {
    const element = mount();
    await settle();
    const table = query<
      HTMLElement & { findingBadges: Record<string, unknown> | null }
    >(element, "apps");
    const badges = Object.values(table?.findingBadges ?? {});
    expect(table?.findingBadges?.["id:0H4000000000001CAA"]).toEqual({
      severity: "High",
      text: "1 High, 1 Medium"
    });
    expect(badges).toHaveLength(2);
    expect(badges).toContainEqual({ severity: null, text: "None" });
    expect(loadOrgFindings).toHaveBeenCalledTimes(1);
  });

  it("passes the open app's findings to its detail", async () => {
    const element = mount();
    await settle();
    query(element, "apps")?.dispatchEvent(
      new CustomEvent("open", { detail: { key: "id:0H4000000000001CAA" } })
    );
    await settle();
    const detail = element.shadowRoot?.querySelector("c-app-detail") as
      (HTMLElement & { findings: { id: string }[] | null }) | null;
    expect(detail?.findings?.map((finding) => finding.id)).toEqual([
      "f1",
      "f2"
    ]);
  });

  it("keeps the apps when findings cannot be read", async () => {
    mocked(loadOrgFindings).mockRejectedValue(
      Object.assign(new Error("denied"), {
        body: { message: "Reading event log files requires a permission." }
      })
    );
    const element = mount();
    await settle();
    const table = query<
      HTMLElement & { findingsPending: string; rows: unknown[] }
    >(element, "apps");
    expect(table?.rows).toHaveLength(2);
    expect(table?.findingsPending).toBe("Not available");
  });
});
