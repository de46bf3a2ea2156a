import { createElement } from "lwc";
import AuditRecordTable, { RECORDS_PER_PAGE } from "c/auditRecordTable";
import type { AuditEntry } from "oauth-guard/dto";
import { chainedRecords } from "../../auditTrail/__tests__/data/auditPages";

type TableElement = HTMLElement & { entries: AuditEntry[] };

function mount(entries: AuditEntry[]): TableElement {
  const element = createElement("c-audit-record-table", {
    is: AuditRecordTable
  }) as TableElement;
  element.entries = entries;
  document.body.appendChild(element);
  return element;
}

function byId(element: HTMLElement, id: string): HTMLElement | null {
  return element.shadowRoot?.querySelector(`[data-id="${id}"]`) ?? null;
}

function rowTexts(element: HTMLElement): string[][] {
  return Array.from(
    element.shadowRoot?.querySelectorAll("tbody tr") ?? [],
    (row) =>
      Array.from(row.querySelectorAll("th, td"), (cell) =>
        (cell.textContent ?? "").trim()
      )
  );
}

/** Returns count outcome records with sequences 1 to count. */
function outcomes(count: number): AuditEntry[] {
  const [, outcome] = chainedRecords();
  return Array.from({ length: count }, (_item, index) => ({
    ...(outcome as AuditEntry),
    recordId: `a02${String(index).padStart(15, "0")}`,
    sequence: index + 1
  }));
}

describe("c-audit-record-table", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("lists records newest first with what each states", async () => {
    const element = mount(chainedRecords());
    await Promise.resolve();
    const rows = rowTexts(element);
    expect(rows.map((row) => row[0])).toEqual(["3", "2", "1"]);
    expect(rows[0]?.[1]).toBe("OUT-0000002");
    expect(rows[0]?.[2]).toBe("Outcome");
    expect(rows[0]?.[6]).toBe(
      "REV-000001: Failed: Calling the revoke endpoint failed: Unauthorized endpoint, please check Setup->Security->Remote site settings."
    );
    expect(rows[2]?.[4]).toBe("Morgan Reyes");
    expect(rows[2]?.[6]).toBe(
      'App, 2 tokens: =HYPERLINK("https://attacker.invalid","INC-4711")'
    );
    expect(rows[2]?.[7]).toMatch(/^[0-9a-f]{12}…$/);
    await expect(element).toBeAccessible();
  });

  it("names a request that was archived by sequence", async () => {
    const [, outcome] = chainedRecords();
    const element = mount([outcome as AuditEntry]);
    await Promise.resolve();
    expect(rowTexts(element)[0]?.[6]).toBe("Request 1: Revoked");
  });

  it("describes an archive record", async () => {
    const [request] = chainedRecords();
    const archive: AuditEntry = {
      ...(request as AuditEntry),
      kind: "Archive",
      name: "ARC-00001",
      sequence: 9,
      firstSequence: 1,
      lastSequence: 6,
      recordsRemoved: 6,
      exportSha256: "a".repeat(64),
      reason: "Kept in the records vault"
    };
    const element = mount([archive]);
    await Promise.resolve();
    expect(rowTexts(element)[0]?.[6]).toBe(
      `Removed records 1 to 6 (6); export SHA-256 ${"a".repeat(64)}: Kept in the records vault`
    );
  });

  it("describes a schedule change", async () => {
    const [request] = chainedRecords();
    const change: AuditEntry = {
      ...(request as AuditEntry),
      kind: "ScheduleChange",
      name: "SCH-00001",
      sequence: 10,
      appKey: null,
      appName: null,
      scope: null,
      reason: null,
      action: "Cancel",
      jobName: "OAuth Guard daily activity capture",
      cronExpression: "0 0 3 * * ?",
      jobId: "08e000000000001AAA"
    };
    const element = mount([change]);
    await Promise.resolve();
    const [row] = rowTexts(element);
    expect(row?.[2]).toBe("Schedule change");
    expect(row?.[4]).toBe("Morgan Reyes");
    expect(row?.[5]).toBe("");
    expect(row?.[6]).toBe(
      'Cancelled "OAuth Guard daily activity capture" (cron 0 0 3 * * ?), ' +
        "CronTrigger 08e000000000001AAA"
    );
  });

  it("pages the records", async () => {
    const element = mount(outcomes(RECORDS_PER_PAGE + 5));
    await Promise.resolve();
    expect(byId(element, "range")?.textContent).toBe(
      "Records 1–50 of 55, newest first"
    );
    expect(rowTexts(element)[0]?.[0]).toBe("55");
    byId(element, "next")?.click();
    await Promise.resolve();
    expect(rowTexts(element).map((row) => row[0])).toEqual([
      "5",
      "4",
      "3",
      "2",
      "1"
    ]);
    expect((byId(element, "next") as HTMLButtonElement).disabled).toBe(true);
    byId(element, "previous")?.click();
    await Promise.resolve();
    expect(byId(element, "range")?.textContent).toBe(
      "Records 1–50 of 55, newest first"
    );
  });

  it("says so when there are no records", async () => {
    const element = mount([]);
    await Promise.resolve();
    expect(byId(element, "empty")?.textContent).toBe(
      "The audit trail has no records."
    );
    await expect(element).toBeAccessible();
  });
});
