import { createElement } from "lwc";
import RevokeDialog from "c/revokeDialog";
import getRevocationAccess from "@salesforce/apex/TokenRevocationController.getRevocationAccess";
import listRevocableTokens from "@salesforce/apex/TokenRevocationController.listRevocableTokens";
import requestRevocation from "@salesforce/apex/TokenRevocationController.requestRevocation";
import type { RevocationScope } from "oauth-guard/dto";
import type { SelectedToken } from "c/revocableTokens";
import tokenSlice from "./data/tokenSlice.json";
import queuedRequest from "./data/queuedRequest.json";

jest.mock(
  "@salesforce/apex/TokenRevocationController.listRevocableTokens",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.requestRevocation",
  () => ({ default: jest.fn() }),
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

const listMock = listRevocableTokens as unknown as jest.Mock;
const requestMock = requestRevocation as unknown as jest.Mock;
const wiredAccess = getRevocationAccess as unknown as {
  emit(value: unknown): void;
};

const PERMISSION_MESSAGE =
  "Revoking OAuth tokens needs the Revoke OAuth Tokens custom permission, " +
  "which your user does not have. Ask your Salesforce admin to assign the " +
  "OAuth Guard Admin permission set.";

type DialogElement = HTMLElement & {
  appKey: string;
  appLabel: string;
  confirmationName: string | null;
  scope: RevocationScope;
  userId: string | null;
  userName: string | null;
  selectedTokens: SelectedToken[];
};

function mount(
  scope: RevocationScope,
  options: Partial<DialogElement> = {}
): DialogElement {
  const element = createElement("c-revoke-dialog", {
    is: RevokeDialog
  }) as DialogElement;
  Object.assign(element, {
    appKey: "id:0H4000000000001CAA",
    appLabel: "Acme Sync",
    confirmationName: "Acme Sync",
    scope,
    ...options
  });
  document.body.appendChild(element);
  return element;
}

/** Lets pending promises and the re-render after them run. */
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

function type(element: HTMLElement, id: string, value: string): void {
  const field = byId<HTMLInputElement>(element, id);
  if (!field) {
    throw new Error(`No field ${id}`);
  }
  field.value = value;
  field.dispatchEvent(new CustomEvent("input"));
}

async function submit(element: HTMLElement): Promise<void> {
  byId(element, "submit")?.click();
  await flush();
}

/** Returns the errors that the error panel in the element shows. */
function panelErrors(element: HTMLElement): string {
  const panel = element.shadowRoot?.querySelector("c-error-panel") as
    (HTMLElement & { errors: unknown; friendlyMessage: string }) | null;
  return panel
    ? `${panel.friendlyMessage} ${JSON.stringify(panel.errors)}`
    : "";
}

function text(element: HTMLElement, id: string): string {
  return byId(element, id)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

describe("c-revoke-dialog", () => {
  beforeEach(() => {
    listMock.mockResolvedValue(tokenSlice);
    requestMock.mockResolvedValue(queuedRequest);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("reads the app's tokens before it offers to revoke", async () => {
    listMock.mockReturnValue(new Promise(() => undefined));
    const element = mount("App");
    await flush();
    expect(text(element, "loading")).toBe("Reading the app's tokens: 0 read");
    expect(byId<HTMLButtonElement>(element, "submit")?.disabled).toBe(true);
    expect(listMock).toHaveBeenCalledWith({
      appKey: "id:0H4000000000001CAA",
      cursor: null
    });
    await expect(element).toBeAccessible();
  });

  it("states the tokens and users a whole-app revoke covers", async () => {
    const element = mount("App");
    await flush();
    expect(text(element, "summary")).toBe(
      "This revokes 3 OAuth tokens of Acme Sync, held by 2 users."
    );
    expect(text(element, "submit")).toBe("Revoke 3 tokens");
    expect(element.shadowRoot?.textContent).toContain(
      "Type the app's name to confirm: Acme Sync"
    );
    await expect(element).toBeAccessible();
  });

  it("states one user's tokens", async () => {
    const element = mount("User", {
      userId: "005000000000001AAA",
      userName: "Ada Admin"
    });
    await flush();
    expect(text(element, "summary")).toBe(
      "This revokes 2 OAuth tokens of Ada Admin for Acme Sync."
    );
    expect(byId(element, "typed-name")).toBeNull();
  });

  it("counts selected tokens that are gone", async () => {
    const element = mount("Selection", {
      selectedTokens: [
        {
          userId: "005000000000002AAA",
          createdDate: "2025-03-01T00:00:00.000Z"
        },
        {
          userId: "005000000000003AAA",
          createdDate: "2025-03-01T00:00:00.000Z"
        }
      ]
    });
    await flush();
    expect(text(element, "summary")).toBe(
      "This revokes 1 OAuth token of Acme Sync, held by 1 user."
    );
    expect(text(element, "unmatched")).toBe(
      "1 selected token no longer exist: revoked or expired since the page loaded them."
    );
  });

  it("closes on Cancel without calling Apex", async () => {
    const element = mount("App");
    const cancelled = jest.fn();
    element.addEventListener("cancel", cancelled);
    await flush();
    byId(element, "cancel")?.click();
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(requestMock).not.toHaveBeenCalled();
  });

  it("closes on Escape", async () => {
    const element = mount("App");
    const cancelled = jest.fn();
    element.addEventListener("cancel", cancelled);
    await flush();
    byId(element, "dialog")?.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Escape" })
    );
    expect(cancelled).toHaveBeenCalledTimes(1);
  });

  it("focuses the reason and keeps Tab inside", async () => {
    const element = mount("App");
    await flush();
    const reason = byId(element, "reason");
    expect(element.shadowRoot?.activeElement).toBe(reason);
    byId(element, "submit")?.focus();
    byId(element, "dialog")?.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Tab" })
    );
    expect(element.shadowRoot?.activeElement).toBe(reason);
    byId(element, "dialog")?.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Tab", shiftKey: true })
    );
    expect(element.shadowRoot?.activeElement).toBe(byId(element, "submit"));
  });

  it("requires a reason", async () => {
    const element = mount("App");
    await flush();
    type(element, "typed-name", "Acme Sync");
    await submit(element);
    expect(text(element, "form-problems")).toBe(
      "Enter a reason, for example an incident number."
    );
    expect(requestMock).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it("rejects a wrongly typed app name", async () => {
    const element = mount("App");
    await flush();
    type(element, "reason", "INC-4711");
    type(element, "typed-name", "acme sync");
    await submit(element);
    expect(text(element, "form-problems")).toBe(
      'Type the app\'s name exactly as shown, "Acme Sync", to confirm revoking every token of the app.'
    );
    expect(requestMock).not.toHaveBeenCalled();
  });

  it("starts the request and reports it", async () => {
    const element = mount("App");
    const requested = jest.fn();
    element.addEventListener("requested", (event) => {
      requested((event as CustomEvent<unknown>).detail);
    });
    await flush();
    type(element, "reason", "  INC-4711  ");
    type(element, "typed-name", "Acme Sync");
    await submit(element);
    expect(requestMock).toHaveBeenCalledWith({
      appKey: "id:0H4000000000001CAA",
      scope: "App",
      handles: null,
      userId: null,
      reason: "INC-4711",
      typedName: "Acme Sync"
    });
    expect(requested).toHaveBeenCalledWith({ request: queuedRequest });
  });

  it("sends the handles of the selected rows", async () => {
    const element = mount("Selection", {
      selectedTokens: [
        { userId: "005000000000001AAA", createdDate: "2025-02-01T00:00:00Z" }
      ]
    });
    await flush();
    type(element, "reason", "CHG-1");
    await submit(element);
    expect(requestMock).toHaveBeenCalledWith(
      expect.objectContaining({
        scope: "Selection",
        handles: ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2"],
        typedName: null
      })
    );
  });

  it("shows the Apex error when the permission is missing", async () => {
    requestMock.mockRejectedValue({ body: { message: PERMISSION_MESSAGE } });
    const element = mount("User", {
      userId: "005000000000002AAA",
      userName: "Ben Builder"
    });
    const requested = jest.fn();
    element.addEventListener("requested", requested);
    await flush();
    type(element, "reason", "INC-4711");
    await submit(element);
    expect(requested).not.toHaveBeenCalled();
    expect(byId(element, "submit-error")).not.toBeNull();
    expect(panelErrors(element)).toContain(PERMISSION_MESSAGE);
    expect(panelErrors(element)).toContain(
      "The revocation could not be started."
    );
    expect(byId<HTMLButtonElement>(element, "submit")?.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("shows why the tokens could not be read", async () => {
    listMock.mockRejectedValue({ body: { message: PERMISSION_MESSAGE } });
    const element = mount("App");
    await flush();
    expect(panelErrors(element)).toContain(PERMISSION_MESSAGE);
    expect(byId(element, "summary")).toBeNull();
    expect(byId<HTMLButtonElement>(element, "submit")?.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it("names the endpoint that needs a Remote Site Setting", async () => {
    const element = mount("App");
    wiredAccess.emit({
      canRevoke: true,
      canArchive: false,
      revokeEndpoint: "https://acme.my.salesforce.com/services/oauth2/revoke",
      orgDomainUrl: "https://acme.my.salesforce.com"
    });
    await flush();
    expect(text(element, "endpoint")).toContain(
      "needs a Remote Site Setting for https://acme.my.salesforce.com."
    );
  });

  it("offers nothing to revoke when no token matches", async () => {
    listMock.mockResolvedValue({ ...tokenSlice, tokens: [] });
    const element = mount("App");
    await flush();
    expect(text(element, "summary")).toBe(
      "This revokes 0 OAuth tokens of Acme Sync, held by 0 users."
    );
    expect(byId<HTMLButtonElement>(element, "submit")?.disabled).toBe(true);
  });
});
