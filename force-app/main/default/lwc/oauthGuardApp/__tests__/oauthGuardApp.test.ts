import { createElement } from "lwc";
import OauthGuardApp from "c/oauthGuardApp";

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
    expect(tabs.map((tab) => tab.value)).toEqual(["overview", "access"]);
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
});
