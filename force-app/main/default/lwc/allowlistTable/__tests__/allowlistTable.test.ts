import { createElement } from "lwc";
import AllowlistTable from "c/allowlistTable";
import type { AllowlistRow } from "c/policyView";

const ROW: AllowlistRow = {
  key: "0:Office_Network",
  name: "Office_Network",
  kind: "IpRange",
  value: "203.0.113.0/24",
  reason: "Head office",
  activeText: "Yes"
};

function mount(rows: AllowlistRow[]): HTMLElement & { rows: AllowlistRow[] } {
  const element = createElement("c-allowlist-table", { is: AllowlistTable });
  element.rows = rows;
  document.body.appendChild(element);
  return element;
}

describe("c-allowlist-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("renders one row per entry", async () => {
    const element = mount([ROW]);
    await Promise.resolve();
    const cells = element.shadowRoot?.querySelectorAll("tbody tr > *") ?? [];
    expect(Array.from(cells, (cell) => cell.textContent?.trim())).toEqual([
      "Office_Network",
      "IpRange",
      "203.0.113.0/24",
      "Head office",
      "Yes"
    ]);
    await expect(element).toBeAccessible();
  });

  it("says an empty allowlist exempts nothing", async () => {
    const element = mount([]);
    await Promise.resolve();
    expect(
      element.shadowRoot?.querySelector('[data-id="allowlist-empty"]')
        ?.textContent
    ).toContain("no app, user or network is exempt");
    expect(element.shadowRoot?.querySelector("table")).toBeNull();
    await expect(element).toBeAccessible();
  });
});
