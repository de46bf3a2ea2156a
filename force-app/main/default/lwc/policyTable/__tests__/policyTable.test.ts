import { createElement } from "lwc";
import PolicyTable from "c/policyTable";
import type { PolicyRow } from "c/policyView";

const ROWS: PolicyRow[] = [
  {
    key: "OAuth_Guard_Api_Data_Pull",
    label: "OAuth Guard: API data pulls",
    developerName: "OAuth_Guard_Api_Data_Pull",
    eventName: "ApiEvent",
    state: "enabled",
    stateText: "Enabled",
    actionText: "Block",
    thresholdText: "5,000 rows",
    thresholdSetting: "PolicyApiRowThreshold",
    checks: "API queries over the row threshold."
  },
  {
    key: "OAuth_Guard_Bulk_Result_Download",
    label: "OAuth Guard: Bulk API result downloads",
    developerName: "OAuth_Guard_Bulk_Result_Download",
    eventName: "BulkApiResultEventStore",
    state: "unknown",
    stateText: "Cannot be read",
    actionText: "Block",
    thresholdText: "None: every download counts",
    thresholdSetting: "",
    checks: "Every Bulk API result download."
  }
];

function mount(rows: PolicyRow[]): HTMLElement & { rows: PolicyRow[] } {
  const element = createElement("c-policy-table", { is: PolicyTable });
  element.rows = rows;
  document.body.appendChild(element);
  return element;
}

describe("c-policy-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("renders one row per policy", async () => {
    const element = mount(ROWS);
    await Promise.resolve();
    const rows = element.shadowRoot?.querySelectorAll("tbody tr") ?? [];
    expect(
      Array.from(rows, (row) => (row as HTMLElement).dataset.state)
    ).toEqual(["enabled", "unknown"]);
    expect(
      element.shadowRoot?.querySelector('tbody th[scope="row"]')?.textContent
    ).toContain("OAuth Guard: API data pulls");
    await expect(element).toBeAccessible();
  });

  it("names the threshold setting when set", async () => {
    const element = mount(ROWS);
    await Promise.resolve();
    const cells = element.shadowRoot?.querySelectorAll(
      '[data-label="Row threshold"]'
    );
    expect(cells?.[0]?.querySelectorAll("div")).toHaveLength(2);
    expect(cells?.[1]?.querySelectorAll("div")).toHaveLength(1);
  });
});
