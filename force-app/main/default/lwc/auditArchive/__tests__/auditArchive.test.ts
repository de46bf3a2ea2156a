import { createElement } from "lwc";
import AuditArchive from "c/auditArchive";
import archiveAuditTrail from "@salesforce/apex/AuditTrailController.archiveAuditTrail";
import planAuditArchive from "@salesforce/apex/AuditTrailController.planAuditArchive";
import type { AuditEntry } from "oauth-guard/dto";
import { sha256Hex } from "c/sha256";
import { chainedRecords } from "../../auditTrail/__tests__/data/auditPages";

jest.mock(
  "@salesforce/apex/AuditTrailController.planAuditArchive",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/AuditTrailController.archiveAuditTrail",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const planMock = planAuditArchive as unknown as jest.Mock;
const archiveMock = archiveAuditTrail as unknown as jest.Mock;

const PLAN = {
  before: "2024-06-02T12:00:00.000Z",
  latestAllowedBefore: "2024-06-02T12:00:00.000Z",
  firstSequence: 1,
  cutSequence: 2,
  recordCount: 2,
  notes: [
    "The request with sequence 1 has outcomes up to sequence 3, so the archive stops before the request."
  ]
};

type ArchiveElement = HTMLElement & {
  entries: AuditEntry[];
  chainIntact: boolean;
};

function mount(chainIntact = true): ArchiveElement {
  const element = createElement("c-audit-archive", {
    is: AuditArchive
  }) as ArchiveElement;
  element.entries = chainedRecords();
  element.chainIntact = chainIntact;
  document.body.appendChild(element);
  return element;
}

function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- a timer runs after the pending promises
  return new Promise((resolve) => setTimeout(resolve, 0));
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

function typeReason(element: HTMLElement, value: string): void {
  const input = byId<HTMLInputElement>(element, "reason");
  if (input) {
    input.value = value;
    input.dispatchEvent(new CustomEvent("input"));
  }
}

describe("c-audit-archive", () => {
  let downloads: HTMLAnchorElement[];

  beforeEach(() => {
    planMock.mockResolvedValue(PLAN);
    downloads = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(function (this: HTMLAnchorElement) {
        downloads.push(this);
      });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  it("states what an archive would remove", async () => {
    const element = mount();
    byId(element, "plan")?.click();
    await flush();
    expect(planMock).toHaveBeenCalledWith({ before: null });
    expect(text(element, "plan-text")).toMatch(
      /^2 records, records 1 to 2, written before .+ UTC, may be archived\.$/
    );
    expect(text(element, "plan-notes")).toContain("stops before the request");
    expect(byId<HTMLButtonElement>(element, "archive-button")?.disabled).toBe(
      true
    );
    await expect(element).toBeAccessible();
  });

  it("says when no record is old enough", async () => {
    planMock.mockResolvedValue({
      before: PLAN.before,
      latestAllowedBefore: PLAN.before,
      recordCount: 0,
      notes: []
    });
    const element = mount();
    byId(element, "plan")?.click();
    await flush();
    expect(text(element, "plan-text")).toMatch(
      /^No record written before .+ can be archived\.$/
    );
    expect(byId(element, "export")).toBeNull();
  });

  it("exports the records up to the cut with their checksum", async () => {
    const element = mount();
    byId(element, "plan")?.click();
    await flush();
    byId(element, "export")?.click();
    await flush();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.download).toBe("oauth-guard-audit-1-2.csv");
    const csv = decodeURIComponent(
      (downloads[0]?.href ?? "").replace("data:text/csv;charset=utf-8,", "")
    );
    expect(csv.split("\r\n")).toHaveLength(4);
    expect(text(element, "exported")).toBe(
      `Exported 2 records. SHA-256 of the file: ${sha256Hex(csv)}`
    );
  });

  it("archives after the export with a reason", async () => {
    archiveMock.mockResolvedValue({ kind: "Archive", sequence: 4 });
    const element = mount();
    const archived = jest.fn();
    element.addEventListener("archived", archived);
    byId(element, "plan")?.click();
    await flush();
    typeReason(element, "Kept in the records vault");
    await flush();
    expect(byId<HTMLButtonElement>(element, "archive-button")?.disabled).toBe(
      true
    );
    byId(element, "export")?.click();
    await flush();
    byId(element, "archive-button")?.click();
    await flush();
    const csv = decodeURIComponent(
      (downloads[0]?.href ?? "").replace("data:text/csv;charset=utf-8,", "")
    );
    expect(archiveMock).toHaveBeenCalledWith({
      cutSequence: 2,
      exportSha256: sha256Hex(csv),
      reason: "Kept in the records vault"
    });
    expect(archived).toHaveBeenCalledTimes(1);
    expect(byId(element, "plan-text")).toBeNull();
  });

  it("shows why archiving failed", async () => {
    archiveMock.mockRejectedValue({
      body: { message: "Records up to 2 cannot be archived now." }
    });
    const element = mount();
    byId(element, "plan")?.click();
    await flush();
    byId(element, "export")?.click();
    typeReason(element, "Vault");
    await flush();
    byId(element, "archive-button")?.click();
    await flush();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(JSON.stringify(panel?.errors)).toContain("cannot be archived now");
    await expect(element).toBeAccessible();
  });

  it("shows why planning failed", async () => {
    planMock.mockRejectedValue({
      body: {
        message:
          "Archiving audit records needs the Archive OAuth Guard Audit custom permission, which your user does not have."
      }
    });
    const element = mount();
    byId(element, "plan")?.click();
    await flush();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(JSON.stringify(panel?.errors)).toContain(
      "needs the Archive OAuth Guard Audit custom permission"
    );
  });

  it("waits while the trail is not intact", async () => {
    const element = mount(false);
    await flush();
    expect(text(element, "blocked")).toContain(
      "Archiving is off while the audit trail is not intact."
    );
    expect(byId<HTMLButtonElement>(element, "plan")?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });
});
