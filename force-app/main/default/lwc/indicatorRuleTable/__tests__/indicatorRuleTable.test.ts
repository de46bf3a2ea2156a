import { createElement } from "lwc";
import IndicatorRuleTable from "c/indicatorRuleTable";
import type { IndicatorRuleRow } from "c/policyView";

const ROW: IndicatorRuleRow = {
  key: "0:UA_Salesforce_CLI_1_0",
  ruleId: "UA-Salesforce-CLI/1.0",
  title: "User agent of the token thefts",
  severity: "High",
  matchKind: "Exact",
  field: "USER_AGENT",
  pattern: "Salesforce-CLI/1.0",
  sourceText: "2025-08-26: Advisory",
  activeText: "Yes",
  usedInPoliciesText: "Yes"
};

function mount(
  rows: IndicatorRuleRow[]
): HTMLElement & { rows: IndicatorRuleRow[] } {
  const element = createElement("c-indicator-rule-table", {
    is: IndicatorRuleTable
  });
  element.rows = rows;
  document.body.appendChild(element);
  return element;
}

/** Returns a cell's text, with each line of a two-line cell apart. */
function cellText(cell: Element): string {
  const lines = cell.querySelectorAll("div");
  const parts = lines.length > 0 ? Array.from(lines) : [cell];
  return parts.map((part) => (part.textContent ?? "").trim()).join(" ");
}

describe("c-indicator-rule-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("renders one row per rule", async () => {
    const element = mount([ROW]);
    await Promise.resolve();
    const cells = element.shadowRoot?.querySelectorAll("tbody tr > *") ?? [];
    expect(Array.from(cells, cellText)).toEqual([
      "UA-Salesforce-CLI/1.0",
      "User agent of the token thefts 2025-08-26: Advisory",
      "High",
      "Exact",
      "USER_AGENT",
      "Salesforce-CLI/1.0",
      "Yes",
      "Yes"
    ]);
    await expect(element).toBeAccessible();
  });

  it("says no rules means row counts", async () => {
    const element = mount([]);
    await Promise.resolve();
    expect(
      element.shadowRoot?.querySelector('[data-id="rules-empty"]')?.textContent
    ).toContain("row counts only");
    expect(element.shadowRoot?.querySelector("table")).toBeNull();
    await expect(element).toBeAccessible();
  });
});
