import { createElement } from "lwc";
import RevocationProgress, {
  OUTCOME_ROWS_PER_PAGE,
  POLL_INTERVAL_MS
} from "c/revocationProgress";
import getRevocationAccess from "@salesforce/apex/TokenRevocationController.getRevocationAccess";
import getRevocationStatus from "@salesforce/apex/TokenRevocationController.getRevocationStatus";
import resumeRevocation from "@salesforce/apex/TokenRevocationController.resumeRevocation";
import type { RevocationOutcome, RevocationStatus } from "oauth-guard/dto";
import statuses from "./data/statuses.json";

jest.mock(
  "@salesforce/apex/TokenRevocationController.getRevocationStatus",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/TokenRevocationController.resumeRevocation",
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

const statusMock = getRevocationStatus as unknown as jest.Mock;
const resumeMock = resumeRevocation as unknown as jest.Mock;
const wiredAccess = getRevocationAccess as unknown as {
  emit(value: unknown): void;
};

const RUNNING = statuses.running as unknown as RevocationStatus;
const FINISHED = statuses.finished as unknown as RevocationStatus;
const INTERRUPTED = statuses.interrupted as unknown as RevocationStatus;

type ProgressElement = HTMLElement & {
  requestId: string;
  setupUrl: string | null;
  showReload: boolean;
};

function mount(
  requestId = RUNNING.request.id,
  options: Partial<ProgressElement> = {}
): ProgressElement {
  const element = createElement("c-revocation-progress", {
    is: RevocationProgress
  }) as ProgressElement;
  element.requestId = requestId;
  Object.assign(element, options);
  document.body.appendChild(element);
  return element;
}

/** Runs pending promises and re-renders, with fake timers in place. */
async function flush(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    // eslint-disable-next-line no-await-in-loop -- each round lets one promise settle
    await Promise.resolve();
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

/** Checks accessibility, which sa11y runs only with real timers. */
async function expectAccessible(element: HTMLElement): Promise<void> {
  jest.useRealTimers();
  await expect(element).toBeAccessible();
}

function countTexts(element: HTMLElement): string[] {
  return Array.from(
    element.shadowRoot?.querySelectorAll('[data-id="counts"] li') ?? [],
    (item) => (item.textContent ?? "").replace(/\s+/g, " ").trim()
  );
}

function outcomeTexts(element: HTMLElement): string[] {
  return Array.from(
    element.shadowRoot?.querySelectorAll('[data-id="outcomes"] tbody tr') ?? [],
    (row) => (row.textContent ?? "").replace(/\s+/g, " ").trim()
  );
}

function outcome(index: number): RevocationOutcome {
  return {
    ...(RUNNING.outcomes[0] as RevocationOutcome),
    id: `a028d${String(index).padStart(10, "0")}AAA`,
    sequence: 100 + index
  };
}

describe("c-revocation-progress", () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it("says it is reading before the first status", async () => {
    statusMock.mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(element.shadowRoot?.textContent).toContain(
      "Reading the request's status"
    );
    await expectAccessible(element);
  });

  it("shows progress while the job runs", async () => {
    statusMock.mockResolvedValue(RUNNING);
    const element = mount();
    await flush();
    expect(text(element, "status")).toBe("Running: 2 of 4 tokens done (50%).");
    expect(byId(element, "bar")?.getAttribute("aria-valuenow")).toBe("50");
    expect(byId(element, "setup-pointer")).toBeNull();
    expect(statusMock).toHaveBeenCalledWith({
      requestId: RUNNING.request.id,
      outcomeCursor: null
    });
    await expectAccessible(element);
  });

  it("polls until the request finishes", async () => {
    statusMock.mockResolvedValueOnce(RUNNING).mockResolvedValueOnce(FINISHED);
    const element = mount(RUNNING.request.id, { showReload: true });
    const finished = jest.fn();
    element.addEventListener("finished", finished);
    await flush();
    expect(finished).not.toHaveBeenCalled();

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();

    expect(statusMock).toHaveBeenLastCalledWith({
      requestId: RUNNING.request.id,
      outcomeCursor: "11"
    });
    expect(text(element, "status")).toBe(
      "Completed with failures: 2 revoked, 1 already gone, 1 failed."
    );
    expect(finished).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(2);
  });

  it("lists each token's outcome with the failure's reason", async () => {
    statusMock.mockResolvedValueOnce(RUNNING).mockResolvedValueOnce(FINISHED);
    const element = mount();
    await flush();
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    const rows = outcomeTexts(element);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain("Ben Builder");
    expect(rows[2]).toContain(
      "Failed: Auth.OauthToken.revokeToken returned false. Then: Calling the revoke endpoint failed: Unauthorized endpoint"
    );
    expect(rows[3]).toContain("Unknown user");
    expect(rows[3]).toContain("Already gone: Not found among the app's tokens");
    expect(countTexts(element)).toEqual([
      "Tokens requested: 4",
      "Revoked: 2",
      "Already gone: 1",
      "Failed: 1"
    ]);
    await expectAccessible(element);
  });

  it("advises a Remote Site Setting after failures", async () => {
    statusMock.mockResolvedValue(FINISHED);
    const element = mount();
    wiredAccess.emit({
      canRevoke: true,
      canArchive: false,
      revokeEndpoint: "https://acme.my.salesforce.com/services/oauth2/revoke",
      orgDomainUrl: "https://acme.my.salesforce.com"
    });
    await flush();
    expect(text(element, "failure-advice")).toContain(
      "add a Remote Site Setting for https://acme.my.salesforce.com in Setup"
    );
  });

  it("points to Setup once finished", async () => {
    statusMock.mockResolvedValue(FINISHED);
    const element = mount(FINISHED.request.id, {
      setupUrl: "/lightning/setup/ConnectedAppsUsage/home",
      showReload: true
    });
    await flush();
    expect(text(element, "setup-pointer")).toContain(
      "Revoking does not stop users from authorising the app again."
    );
    expect(byId(element, "setup-link")?.getAttribute("href")).toBe(
      "/lightning/setup/ConnectedAppsUsage/home"
    );
    const reloads: unknown[] = [];
    element.addEventListener("reload", (event) =>
      reloads.push((event as CustomEvent).detail)
    );
    byId(element, "reload")?.click();
    expect(reloads).toEqual([{ requestId: FINISHED.request.id }]);
  });

  it("derives the Setup path from the app key", async () => {
    statusMock.mockResolvedValue(FINISHED);
    const element = mount();
    await flush();
    expect(
      decodeURIComponent(
        byId(element, "setup-link")?.getAttribute("href") ?? ""
      )
    ).toContain("applicationId=0H4000000000001CAA");
    expect(byId(element, "reload")).toBeNull();
  });

  it("filters the outcomes", async () => {
    statusMock.mockResolvedValueOnce(RUNNING).mockResolvedValueOnce(FINISHED);
    const element = mount();
    await flush();
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    const filter = byId<HTMLSelectElement>(element, "filter");
    expect(
      Array.from(filter?.options ?? [], (option) => option.textContent?.trim())
    ).toEqual([
      "All outcomes (4)",
      "Failed (1)",
      "Already gone (1)",
      "Revoked (2)"
    ]);
    if (filter) {
      filter.value = "Failed";
      filter.dispatchEvent(new CustomEvent("change"));
    }
    await flush();
    expect(outcomeTexts(element)).toHaveLength(1);
    expect(text(element, "range")).toBe("Outcomes 1–1 of 1");
  });

  it("reads every page of outcomes and pages the table", async () => {
    const many = Array.from({ length: 120 }, (_item, index) => outcome(index));
    statusMock
      .mockResolvedValueOnce({
        request: FINISHED.request,
        outcomes: many.slice(0, 100),
        nextOutcomeCursor: "199"
      })
      .mockResolvedValueOnce({
        request: FINISHED.request,
        outcomes: many.slice(100)
      });
    const element = mount();
    await flush();
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(2);
    expect(statusMock).toHaveBeenLastCalledWith({
      requestId: RUNNING.request.id,
      outcomeCursor: "199"
    });
    expect(outcomeTexts(element)).toHaveLength(OUTCOME_ROWS_PER_PAGE);
    expect(text(element, "range")).toBe("Outcomes 1–50 of 120");
    byId(element, "next")?.click();
    byId(element, "next")?.click();
    await flush();
    expect(text(element, "range")).toBe("Outcomes 101–120 of 120");
    expect(byId<HTMLButtonElement>(element, "next")?.disabled).toBe(true);
    byId(element, "previous")?.click();
    await flush();
    expect(text(element, "range")).toBe("Outcomes 51–100 of 120");
  });

  it("resumes an interrupted request", async () => {
    statusMock.mockResolvedValueOnce(INTERRUPTED).mockResolvedValue({
      request: {
        ...INTERRUPTED.request,
        status: "Completed",
        revoked: 3,
        resumable: false
      },
      outcomes: []
    });
    resumeMock.mockResolvedValue({
      ...INTERRUPTED.request,
      status: "Queued",
      resumable: false
    });
    const element = mount(INTERRUPTED.request.id);
    await flush();
    expect(text(element, "status")).toBe(
      "Interrupted after 1 of 3 tokens. The revoke job stopped: System.LimitException: Apex CPU time limit exceeded Resume the request to revoke the rest. Resume to revoke the rest."
    );
    byId(element, "resume")?.click();
    await flush();
    expect(resumeMock).toHaveBeenCalledWith({
      requestId: INTERRUPTED.request.id
    });
    expect(text(element, "status")).toBe(
      "Completed: 3 revoked, 0 already gone."
    );
    expect(byId(element, "resume")).toBeNull();
    await expectAccessible(element);
  });

  it("shows why a resume failed", async () => {
    statusMock.mockResolvedValue(INTERRUPTED);
    resumeMock.mockRejectedValue({
      body: { message: "A revocation of this app is already running." }
    });
    const element = mount(INTERRUPTED.request.id);
    await flush();
    byId(element, "resume")?.click();
    await flush();
    const panels = Array.from(
      element.shadowRoot?.querySelectorAll<HTMLElement & { errors: unknown }>(
        "c-error-panel"
      ) ?? []
    );
    expect(JSON.stringify(panels.map((panel) => panel.errors))).toContain(
      "already running"
    );
    await expectAccessible(element);
  });

  it("shows an error when the status cannot be read", async () => {
    statusMock.mockRejectedValue({
      body: { message: "Revocation request x was not found." }
    });
    const element = mount("x");
    await flush();
    const panel = element.shadowRoot?.querySelector("c-error-panel") as
      (HTMLElement & { errors: unknown }) | null;
    expect(JSON.stringify(panel?.errors)).toContain("was not found");
    await expectAccessible(element);
  });

  it("stops polling once removed", async () => {
    statusMock.mockResolvedValue(RUNNING);
    const element = mount();
    await flush();
    document.body.removeChild(element);
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(1);
  });

  it("starts over for another request", async () => {
    statusMock.mockResolvedValue(FINISHED);
    const element = mount();
    await flush();
    statusMock.mockResolvedValue(INTERRUPTED);
    element.requestId = INTERRUPTED.request.id;
    await flush();
    expect(statusMock).toHaveBeenLastCalledWith({
      requestId: INTERRUPTED.request.id,
      outcomeCursor: null
    });
    expect(text(element, "heading")).toBe(
      "Revocation REV-000003: Fieldnote Mobile"
    );
    expect(outcomeTexts(element)).toHaveLength(0);
  });
});
