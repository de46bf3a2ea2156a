import { createElement } from "lwc";
import AuditTrail from "c/auditTrail";
import listAuditTrail from "@salesforce/apex/AuditTrailController.listAuditTrail";
import listRevocationRequests from "@salesforce/apex/TokenRevocationController.listRevocationRequests";
import { chainedRecords, pageOf } from "./data/auditPages";

// As the platform returns it for a user without the custom permission.
jest.mock(
  "@salesforce/customPermission/Archive_OAuth_Guard_Audit",
  () => ({ default: undefined }),
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

describe("c-audit-trail without Archive OAuth Guard Audit", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("lets the viewer read the trail but not archive it", async () => {
    (listAuditTrail as unknown as jest.Mock).mockResolvedValue(
      pageOf(chainedRecords())
    );
    (listRevocationRequests as unknown as jest.Mock).mockResolvedValue([]);
    const element = createElement("c-audit-trail", { is: AuditTrail });
    document.body.appendChild(element);
    for (let turn = 0; turn < 3; turn += 1) {
      // eslint-disable-next-line no-await-in-loop, @lwc/lwc/no-async-operation -- each turn lets one stage finish
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    const root = element.shadowRoot;
    expect(root?.querySelector('[data-id="verdict"]')?.textContent).toContain(
      "Audit trail intact"
    );
    expect(root?.querySelector("c-audit-record-table")).not.toBeNull();
    expect(root?.querySelector("c-audit-archive")).toBeNull();
    await expect(element).toBeAccessible();
  });
});
