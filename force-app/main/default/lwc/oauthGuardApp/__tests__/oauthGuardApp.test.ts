import { createElement } from "lwc";
import OauthGuardApp from "c/oauthGuardApp";

// The apps page starts reading on connect; these calls never settle, so
// the shell test finds it loading and nothing else.
jest.mock(
  "@salesforce/apex/GuardSettingsController.getSettings",
  () => ({ default: () => new Promise(() => undefined) }),
  {
    virtual: true
  }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.countTokens",
  () => ({ default: () => new Promise(() => undefined) }),
  {
    virtual: true
  }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.listConnectedApps",
  () => ({ default: () => new Promise(() => undefined) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenInventoryController.readTokenSlice",
  () => ({ default: () => new Promise(() => undefined) }),
  {
    virtual: true
  }
);

// The Jest stub of lightning-tab renders every tab's content, so the
// policy list mounts too, and its wire is mocked.
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

// The audit trail mounts the same way; its reads never settle here.
jest.mock(
  "@salesforce/apex/AuditTrailController.listAuditTrail",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.listRevocationRequests",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);

// The activity panel mounts the same way; its reads never settle here.
jest.mock(
  "@salesforce/apex/EventSourceController.detectSources",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listActivitySummaries",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.listCapturedFiles",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);

// The findings panel mounts the same way; its reads never settle here.
jest.mock(
  "@salesforce/apex/EventSourceController.listEventLogFiles",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/EventSourceController.readEventLogFile",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
  { virtual: true }
);

type TabElement = HTMLElement & { value: string; label: string };

function tabsOf(element: HTMLElement): TabElement[] {
  return Array.from(
    element.shadowRoot?.querySelectorAll<TabElement>("lightning-tab") ?? []
  );
}

describe("c-oauth-guard-app", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows the product heading and its tabs", async () => {
    const element = createElement("c-oauth-guard-app", { is: OauthGuardApp });
    document.body.appendChild(element);
    await Promise.resolve();
    expect(element.shadowRoot?.querySelector("h1")?.textContent).toBe(
      "OAuth Guard"
    );
    const tabs = tabsOf(element);
    expect(tabs.map((tab) => tab.value)).toEqual([
      "apps",
      "activity",
      "findings",
      "policies",
      "audit",
      "access"
    ]);
    expect(tabs.map((tab) => tab.label)).toEqual([
      "Apps",
      "Activity",
      "Findings",
      "Policies",
      "Audit",
      "Access"
    ]);
    await expect(element).toBeAccessible();
  });

  it("remembers the tab the admin opened", async () => {
    const element = createElement("c-oauth-guard-app", { is: OauthGuardApp });
    document.body.appendChild(element);
    const accessTab = tabsOf(element).find((tab) => tab.value === "access");
    expect(accessTab).toBeDefined();
    accessTab?.dispatchEvent(new CustomEvent("active"));
    await Promise.resolve();
    const tabset = element.shadowRoot?.querySelector("lightning-tabset") as
      (HTMLElement & { activeTabValue: string }) | null;
    expect(tabset?.activeTabValue).toBe("access");
  });

  it("puts the policy list under Policies", async () => {
    const element = createElement("c-oauth-guard-app", { is: OauthGuardApp });
    document.body.appendChild(element);
    await Promise.resolve();
    const policiesTab = tabsOf(element).find((tab) => tab.value === "policies");
    expect(policiesTab?.querySelector("c-policy-list")).not.toBeNull();
  });

  it("puts the audit trail under Audit", async () => {
    const element = createElement("c-oauth-guard-app", { is: OauthGuardApp });
    document.body.appendChild(element);
    await Promise.resolve();
    const auditTab = tabsOf(element).find((tab) => tab.value === "audit");
    expect(auditTab?.querySelector("c-audit-trail")).not.toBeNull();
  });
});
