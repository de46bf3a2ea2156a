import { createElement } from "lwc";
import AuditTrail from "c/auditTrail";
import listAuditTrail from "@salesforce/apex/AuditTrailController.listAuditTrail";
import listRevocationRequests from "@salesforce/apex/TokenRevocationController.listRevocationRequests";
import type { AuditEntry } from "oauth-guard/dto";
import { chainedRecords, pageOf } from "./data/auditPages";

// The component reads the permission once, when its module loads, so
// auditTrailWithoutArchive.test.ts covers the user who lacks it.
jest.mock(
  "@salesforce/customPermission/Archive_OAuth_Guard_Audit",
  () => ({ default: true }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/AuditTrailController.listAuditTrail",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.listRevocationRequests",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
// The progress view of a request calls these; they never settle here.
jest.mock(
  "@salesforce/apex/TokenRevocationController.getRevocationStatus",
  () => ({ default: jest.fn(() => new Promise(() => undefined)) }),
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

const listTrailMock = listAuditTrail as unknown as jest.Mock;
const listRequestsMock = listRevocationRequests as unknown as jest.Mock;

const REQUEST = {
  id: "a018d0000000001AAA",
  name: "REV-000001",
  sequence: 1,
  appKey: "id:0H4000000000001CAA",
  appName: "Acme Sync",
  scope: "App",
  tokensRequested: 2,
  reason: "INC-4711",
  requestedAt: "2025-06-02T12:00:00.000Z",
  requestedById: "005000000000000AAA",
  requestedByName: "Morgan Reyes",
  status: "CompletedWithFailures",
  revoked: 1,
  alreadyGone: 0,
  failed: 1,
  resumable: false
};

function mount(): HTMLElement {
  const element = createElement("c-audit-trail", { is: AuditTrail });
  document.body.appendChild(element);
  return element;
}

/** Lets the reads, the hashing between timers and the re-render finish. */
async function flush(): Promise<void> {
  for (let turn = 0; turn < 3; turn += 1) {
    // eslint-disable-next-line no-await-in-loop, @lwc/lwc/no-async-operation -- each turn lets one stage finish
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function byId<Type extends HTMLElement = HTMLElement>(
  element: HTMLElement,
  id: string
): Type | null {
  return element.shadowRoot?.querySelector<Type>(`[data-id="${id}"]`) ?? null;
}

function text(element: HTMLElement, id: string): string {
  return byId(element, id)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

function problems(element: HTMLElement): string[] {
  return Array.from(
    element.shadowRoot?.querySelectorAll('[data-id="problems"] li') ?? [],
    (item) => item.textContent ?? ""
  );
}

describe("c-audit-trail", () => {
  beforeEach(() => {
    listTrailMock.mockResolvedValue(pageOf(chainedRecords()));
    listRequestsMock.mockResolvedValue([REQUEST]);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  it("says it is reading the trail", async () => {
    listTrailMock.mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(text(element, "loading")).toBe(
      "Reading the audit trail: 0 records read"
    );
    expect(byId<HTMLButtonElement>(element, "export")?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it("reports an intact trail", async () => {
    const element = mount();
    await flush();
    expect(text(element, "verdict")).toBe(
      "Audit trail intact: 3 records, records 1 to 3."
    );
    expect(listTrailMock).toHaveBeenCalledWith({ cursor: null });
    expect(listRequestsMock).toHaveBeenCalledWith({ appKey: null });
    await expect(element).toBeAccessible();
  });

  it("passes the records and requests to the tables", async () => {
    const element = mount();
    await flush();
    const records = element.shadowRoot?.querySelector(
      "c-audit-record-table"
    ) as (HTMLElement & { entries: AuditEntry[] }) | null;
    const requests = element.shadowRoot?.querySelector(
      "c-revocation-request-table"
    ) as (HTMLElement & { requests: unknown[] }) | null;
    // The record table keeps them newest first.
    expect(records?.entries.map((entry) => entry.sequence)).toEqual([3, 2, 1]);
    expect(requests?.requests).toEqual([REQUEST]);
  });

  it("names an altered record", async () => {
    const entries = chainedRecords();
    (entries[1] as AuditEntry).userId = "005000000000009AAA";
    listTrailMock.mockResolvedValue(pageOf(entries));
    const element = mount();
    await flush();
    expect(text(element, "verdict")).toContain(
      "Audit trail not intact: 1 problem found."
    );
    expect(problems(element)).toEqual([
      "Record 2 (token outcome OUT-0000001) was altered: its content no longer matches its hash."
    ]);
    await expect(element).toBeAccessible();
  });

  it("names a removed record", async () => {
    const entries = chainedRecords();
    listTrailMock.mockResolvedValue({
      ...pageOf(entries),
      entries: pageOf(entries).entries.filter((entry) => entry.sequence !== 2)
    });
    const element = mount();
    await flush();
    expect(problems(element)).toContain(
      "Record 2 was removed without an archive record."
    );
  });

  it("names removed newest records by the chain head", async () => {
    const entries = chainedRecords();
    listTrailMock.mockResolvedValue({
      ...pageOf(entries),
      entries: pageOf(entries).entries.slice(0, 2)
    });
    const element = mount();
    await flush();
    expect(problems(element)).toContain(
      "Record 3 was removed without an archive record."
    );
  });

  it("shows an error when the trail cannot be read", async () => {
    listTrailMock.mockRejectedValue({
      body: { message: "Reading the audit trail failed: no access." }
    });
    const element = mount();
    await flush();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(JSON.stringify(panel?.errors)).toContain("no access");
    expect(byId(element, "verdict")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("exports the trail as CSV safe from formulas", async () => {
    const links: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(function (this: HTMLAnchorElement) {
        links.push(this);
      });
    const element = mount();
    await flush();
    byId(element, "export")?.click();
    expect(links).toHaveLength(1);
    expect(links[0]?.download).toBe("oauth-guard-audit-trail.csv");
    const csv = decodeURIComponent(
      (links[0]?.href ?? "").replace("data:text/csv;charset=utf-8,", "")
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toMatch(/^sequence,kind,name,recordId,/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(
      `"'=HYPERLINK(""https://attacker.invalid"",""INC-4711"")"`
    );
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("shows a request's outcomes on demand", async () => {
    const element = mount();
    await flush();
    element.shadowRoot
      ?.querySelector("c-revocation-request-table")
      ?.dispatchEvent(
        new CustomEvent("show", { detail: { requestId: REQUEST.id } })
      );
    await flush();
    const progress = element.shadowRoot?.querySelector(
      "c-revocation-progress"
    ) as (HTMLElement & { requestId: string }) | null;
    expect(progress?.requestId).toBe(REQUEST.id);
  });

  it("offers archiving and reloads after it", async () => {
    const element = mount();
    await flush();
    const archive = element.shadowRoot?.querySelector("c-audit-archive") as
      (HTMLElement & { chainIntact: boolean; entries: unknown[] }) | null;
    expect(archive?.chainIntact).toBe(true);
    expect(archive?.entries).toHaveLength(3);
    archive?.dispatchEvent(new CustomEvent("archived"));
    await flush();
    expect(listTrailMock).toHaveBeenCalledTimes(2);
  });

  it("reads the trail again on Reload", async () => {
    const element = mount();
    await flush();
    byId(element, "reload")?.click();
    await flush();
    expect(listTrailMock).toHaveBeenCalledTimes(2);
    expect(listRequestsMock).toHaveBeenCalledTimes(2);
  });
});
