import { createElement } from "lwc";
import PolicyList from "c/policyList";
import { refreshApex } from "@salesforce/apex";
import getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import { TRANSACTION_SECURITY_SETUP_PATH } from "c/policyCatalog";
import { UNEXPLAINED_STATE_PROBLEM } from "c/policyView";
import adminOverview from "./data/adminOverview.json";
import viewerOverview from "./data/viewerOverview.json";

jest.mock(
  "@salesforce/apex/PolicyController.getPolicyOverview",
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<{
      createApexTestWireAdapter: (method: jest.Mock) => unknown;
    }>("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock(
  "@salesforce/apex",
  () => ({ refreshApex: jest.fn(() => Promise.resolve()) }),
  { virtual: true }
);

// The mocked import is a test wire adapter, and the cast exposes its methods.
const wiredOverview = getPolicyOverview as unknown as {
  emit(value: unknown): void;
  error(body?: unknown): void;
};

function mount(): HTMLElement {
  const element = createElement("c-policy-list", { is: PolicyList });
  document.body.appendChild(element);
  return element;
}

// The child tables render in their own shadow trees.
function flush(): Promise<void> {
  return Promise.resolve().then(() => Promise.resolve());
}

function query(element: HTMLElement, selector: string): HTMLElement | null {
  return element.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function childRoot(element: HTMLElement, tag: string): ShadowRoot {
  const child = query(element, tag);
  if (!child?.shadowRoot) {
    throw new Error(`${tag} is not rendered.`);
  }
  return child.shadowRoot;
}

function cellTexts(root: ShadowRoot, label: string): string[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>(`tbody [data-label="${label}"]`),
    (cell) => {
      // A cell with a second line keeps it in its own div.
      const lines = cell.querySelectorAll("div");
      const parts = lines.length > 0 ? Array.from(lines) : [cell];
      return parts.map((part) => (part.textContent ?? "").trim()).join(" ");
    }
  );
}

function problemTexts(element: HTMLElement): string[] {
  return Array.from(
    element.shadowRoot?.querySelectorAll('[data-id="problems"] li') ?? [],
    (item) => item.textContent ?? ""
  );
}

describe("c-policy-list", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows a spinner while loading", async () => {
    const element = mount();
    await flush();
    expect(query(element, '[data-id="loading"] lightning-spinner')).not.toBe(
      null
    );
    expect(query(element, "c-policy-table")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists shipped policies with states", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const table = childRoot(element, "c-policy-table");
    expect(cellTexts(table, "Policy")).toEqual([
      "OAuth Guard: API data pulls OAuth_Guard_Api_Data_Pull",
      "OAuth Guard: Bulk API result downloads OAuth_Guard_Bulk_Result_Download",
      "OAuth Guard: Large report exports OAuth_Guard_Large_Report_Export",
      "OAuth Guard: Large list view reads OAuth_Guard_Large_List_View_Read"
    ]);
    expect(cellTexts(table, "State")).toEqual([
      "Enabled",
      "Disabled",
      "Disabled",
      "Not deployed"
    ]);
    expect(cellTexts(table, "Event")).toEqual([
      "ApiEvent",
      "BulkApiResultEventStore",
      "ReportEvent",
      "ListViewEvent"
    ]);
    expect(query(element, '[data-id="state-problem"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows action, threshold and checks", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const table = childRoot(element, "c-policy-table");
    expect(cellTexts(table, "Shipped action")).toEqual([
      "Block",
      "Block",
      "Notify (add recipients in Setup)",
      "Notify (add recipients in Setup)"
    ]);
    // The API threshold comes from its setting. The invalid report
    // threshold falls back to its default.
    expect(cellTexts(table, "Row threshold")).toEqual([
      "2,500 rows PolicyApiRowThreshold",
      "None: every download counts",
      "10,000 rows PolicyReportRowThreshold",
      "1,000 rows PolicyListViewRowThreshold"
    ]);
    expect(cellTexts(table, "What it checks")[0]).toBe(
      "API queries over the row threshold, unless the app, user or " +
        "network is on the allowlist."
    );
  });

  it("links to Transaction Security Setup", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const link = query(
      element,
      '[data-id="setup-link"]'
    ) as HTMLAnchorElement | null;
    expect(link?.getAttribute("href")).toBe(TRANSACTION_SECURITY_SETUP_PATH);
    expect(link?.textContent).toBe(
      "Switch policies on in Setup, Transaction Security Policies"
    );
  });

  it("lists the allowlist entries", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const table = childRoot(element, "c-allowlist-table");
    expect(cellTexts(table, "Name")).toEqual([
      "Etl_Integration_User",
      "Vpn_Range"
    ]);
    expect(cellTexts(table, "Value")).toEqual([
      "etl.user@example.com",
      "198.51.100.0-198.51.100.255"
    ]);
    expect(cellTexts(table, "Reason")).toEqual([
      "Nightly export to the warehouse.",
      ""
    ]);
    expect(cellTexts(table, "Active")).toEqual(["Yes", "Yes"]);
  });

  it("lists the indicator rules", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const table = childRoot(element, "c-indicator-rule-table");
    expect(cellTexts(table, "Rule id")).toEqual([
      "UA-Salesforce-Multi-Org-Fetcher/1.0",
      "UA-python-requests/2.32.4",
      "IP-bad"
    ]);
    expect(cellTexts(table, "Severity")).toEqual(["High", "Low", "Medium"]);
    expect(cellTexts(table, "Match kind")).toEqual([
      "Exact",
      "Exact",
      "IpRange"
    ]);
    expect(cellTexts(table, "Field")).toEqual([
      "USER_AGENT",
      "USER_AGENT",
      "SOURCE_IP"
    ]);
    expect(cellTexts(table, "Title")).toEqual([
      "User agent seen in the Salesloft Drift token thefts " +
        "2025-08-26: Example advisory",
      "User agent that legitimate scripts also send",
      "Range with a typing error"
    ]);
    expect(cellTexts(table, "In policies")).toEqual(["Yes", "No", "Yes"]);
  });

  it("names invalid settings and records", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    const problems = problemTexts(element);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("PolicyReportRowThreshold");
    expect(problems[1]).toContain("Allowlist entry Vpn_Range");
    expect(problems[2]).toContain("Indicator rule Bad_Range (IP-bad)");
    await expect(element).toBeAccessible();
  });

  it("shows state problem instead of states", async () => {
    const element = mount();
    wiredOverview.emit(viewerOverview);
    await flush();
    const problem = query(element, '[data-id="state-problem"]');
    expect(problem?.textContent).toContain(viewerOverview.stateProblem);
    const table = childRoot(element, "c-policy-table");
    expect(cellTexts(table, "State")).toEqual(Array(4).fill("Cannot be read"));
    expect(query(element, '[data-id="none-deployed"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("explains unreadable state without reason", async () => {
    const element = mount();
    const withoutReason: Record<string, unknown> = { ...viewerOverview };
    delete withoutReason.stateProblem;
    wiredOverview.emit(withoutReason);
    await flush();
    expect(query(element, '[data-id="state-problem"]')?.textContent).toContain(
      UNEXPLAINED_STATE_PROBLEM
    );
  });

  it("says when no policy is deployed", async () => {
    const element = mount();
    wiredOverview.emit({ ...adminOverview, policies: [] });
    await flush();
    expect(query(element, '[data-id="none-deployed"]')).not.toBeNull();
    const table = childRoot(element, "c-policy-table");
    expect(cellTexts(table, "State")).toEqual(Array(4).fill("Not deployed"));
    await expect(element).toBeAccessible();
  });

  it("says when both lists are empty", async () => {
    const element = mount();
    wiredOverview.emit({ ...viewerOverview, stateReadable: true });
    await flush();
    const allowlist = childRoot(element, "c-allowlist-table");
    const rules = childRoot(element, "c-indicator-rule-table");
    expect(allowlist.querySelector('[data-id="allowlist-empty"]')).not.toBe(
      null
    );
    expect(allowlist.querySelector("table")).toBeNull();
    expect(rules.querySelector('[data-id="rules-empty"]')).not.toBeNull();
    expect(rules.querySelector("table")).toBeNull();
    expect(query(element, '[data-id="problems"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows Apex errors in the panel", async () => {
    const element = mount();
    wiredOverview.error({ message: "Could not read custom metadata" });
    await flush();
    const panel = query(element, "c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(panel).not.toBeNull();
    expect(JSON.stringify(panel?.errors)).toContain(
      "Could not read custom metadata"
    );
    expect(query(element, "c-policy-table")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("renders markup in records as text", async () => {
    const markup = '<img src="x" onerror="alert(1)">';
    const element = mount();
    wiredOverview.emit({
      ...adminOverview,
      allowlist: [
        { name: "Markup", kind: "User", value: markup, active: false }
      ]
    });
    await flush();
    const table = childRoot(element, "c-allowlist-table");
    expect(cellTexts(table, "Value")).toEqual([markup]);
    expect(table.querySelector("img")).toBeNull();
  });

  it("reads the overview again on Refresh", async () => {
    const element = mount();
    wiredOverview.emit(adminOverview);
    await flush();
    query(element, '[data-id="refresh"]')?.click();
    await flush();
    expect(refreshApex).toHaveBeenCalledTimes(1);
  });
});
