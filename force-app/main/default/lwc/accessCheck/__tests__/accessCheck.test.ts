import { createElement } from "lwc";
import AccessCheck from "c/accessCheck";
import getSystemPermissions from "@salesforce/apex/SystemPermissionController.getSystemPermissions";
import viewerStatuses from "./data/viewerStatuses.json";

jest.mock(
  "@salesforce/apex/SystemPermissionController.getSystemPermissions",
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<{
      createApexTestWireAdapter: (method: jest.Mock) => unknown;
    }>("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

// The mocked import is a test wire adapter; the cast exposes its methods.
const wiredPermissions = getSystemPermissions as unknown as {
  emit(value: unknown): void;
  error(body?: unknown): void;
};

function mount(showAll = false): HTMLElement & { showAll: boolean } {
  const element = createElement("c-access-check", { is: AccessCheck });
  element.showAll = showAll;
  document.body.appendChild(element);
  return element;
}

function flush(): Promise<void> {
  return Promise.resolve();
}

describe("c-access-check", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows a spinner until the permissions arrive", async () => {
    const element = mount();
    await flush();
    expect(
      element.shadowRoot?.querySelector("lightning-spinner")
    ).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists only missing permissions by default", async () => {
    const element = mount();
    wiredPermissions.emit(viewerStatuses);
    await flush();
    const items = element.shadowRoot?.querySelectorAll("li") ?? [];
    expect(Array.from(items, (item) => item.dataset.state)).toEqual([
      "missing",
      "missing",
      "unavailable"
    ]);
    expect(items[0]?.textContent).toContain("Customize Application");
    await expect(element).toBeAccessible();
  });

  it("lists every permission when showAll is set", async () => {
    const element = mount(true);
    wiredPermissions.emit(viewerStatuses);
    await flush();
    expect(element.shadowRoot?.querySelectorAll("li")).toHaveLength(6);
  });

  it("says so when nothing is missing", async () => {
    const element = mount();
    wiredPermissions.emit(
      viewerStatuses.map((status) => ({
        ...status,
        granted: true,
        available: true
      }))
    );
    await flush();
    expect(
      element.shadowRoot?.querySelector('[data-id="all-granted"]')
    ).not.toBeNull();
    expect(element.shadowRoot?.querySelectorAll("li")).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it("shows the error panel when Apex fails", async () => {
    const element = mount();
    wiredPermissions.error({ message: "Could not read assignments" });
    await flush();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(panel).not.toBeNull();
    expect(JSON.stringify(panel?.errors)).toContain(
      "Could not read assignments"
    );
    await expect(element).toBeAccessible();
  });
});
