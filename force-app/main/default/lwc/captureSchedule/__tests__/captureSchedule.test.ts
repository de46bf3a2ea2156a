import { createElement } from "lwc";
import CaptureSchedule from "c/captureSchedule";
import cancelCaptureSchedule from "@salesforce/apex/ActivityCaptureController.cancelCaptureSchedule";
import getCaptureSchedule from "@salesforce/apex/ActivityCaptureController.getCaptureSchedule";
import scheduleCapture from "@salesforce/apex/ActivityCaptureController.scheduleCapture";
import type { CaptureScheduleStatus } from "oauth-guard/dto";

jest.mock(
  "@salesforce/apex/ActivityCaptureController.getCaptureSchedule",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/ActivityCaptureController.scheduleCapture",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/ActivityCaptureController.cancelCaptureSchedule",
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const getMock = getCaptureSchedule as unknown as jest.Mock;
const scheduleMock = scheduleCapture as unknown as jest.Mock;
const cancelMock = cancelCaptureSchedule as unknown as jest.Mock;

const JOB_NAME = "OAuth Guard daily activity capture";

/** As Apex returns it: null fields are left out of the JSON. */
const UNSCHEDULED = {
  scheduled: false,
  jobName: JOB_NAME,
  canManage: true,
  lastCaptureAt: "2025-06-02T03:04:00.000Z"
} as CaptureScheduleStatus;

const SCHEDULED: CaptureScheduleStatus = {
  scheduled: true,
  jobName: JOB_NAME,
  state: "WAITING",
  cronExpression: "0 0 3 * * ?",
  nextFireTime: "2025-06-03T03:00:00.000Z",
  previousFireTime: "2025-06-02T03:00:00.000Z",
  timeZone: "Europe/Berlin",
  canManage: true,
  lastCaptureAt: "2025-06-02T03:04:00.000Z"
};

function mount(): HTMLElement {
  const element = createElement("c-capture-schedule", {
    is: CaptureSchedule
  });
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

function errorPanel(
  element: HTMLElement
): (HTMLElement & { errors: unknown; friendlyMessage: string }) | null {
  return (
    element.shadowRoot?.querySelector<
      HTMLElement & { errors: unknown; friendlyMessage: string }
    >("c-error-panel") ?? null
  );
}

describe("c-capture-schedule", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows a spinner until the schedule arrives", async () => {
    getMock.mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(
      element.shadowRoot?.querySelector("lightning-spinner")
    ).not.toBeNull();
    expect(byId(element, "schedule-state")).toBeNull();
  });

  it("offers scheduling when unscheduled", async () => {
    getMock.mockResolvedValue(UNSCHEDULED);
    const element = mount();
    await flush();
    expect(text(element, "schedule-state")).toBe("Not scheduled.");
    expect(text(element, "next-run")).toBe("None");
    expect(text(element, "previous-run")).toBe("Not run yet");
    expect(text(element, "last-capture")).toMatch(/^Jun 2, 2025.* UTC$/);
    expect(text(element, "schedule")).toBe("Schedule daily capture");
    expect(byId(element, "cancel")).toBeNull();
    expect(byId(element, "missing-permission")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows runs and cancel when scheduled", async () => {
    getMock.mockResolvedValue(SCHEDULED);
    const element = mount();
    await flush();
    expect(text(element, "schedule-state")).toBe("Scheduled daily.");
    expect(text(element, "schedule-details")).toBe(
      "Cron expression 0 0 3 * * ? in Europe/Berlin, the time zone of the " +
        "user who scheduled it. Job state: WAITING."
    );
    expect(text(element, "next-run")).toMatch(/^Jun 3, 2025.* UTC$/);
    expect(text(element, "previous-run")).toMatch(/^Jun 2, 2025.* UTC$/);
    expect(text(element, "cancel")).toBe("Cancel the schedule");
    expect(byId(element, "schedule")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("hides buttons without the permission", async () => {
    getMock.mockResolvedValue({ ...SCHEDULED, canManage: false });
    const element = mount();
    await flush();
    expect(byId(element, "schedule")).toBeNull();
    expect(byId(element, "cancel")).toBeNull();
    expect(element.shadowRoot?.querySelector("button")).toBeNull();
    expect(text(element, "missing-permission")).toContain(
      "Manage OAuth Guard Capture"
    );
    expect(text(element, "schedule-state")).toBe("Scheduled daily.");
    await expect(element).toBeAccessible();
  });

  it("schedules on click", async () => {
    getMock.mockResolvedValue(UNSCHEDULED);
    let resolveSchedule: (status: CaptureScheduleStatus) => void = () =>
      undefined;
    scheduleMock.mockReturnValue(
      new Promise<CaptureScheduleStatus>((resolve) => {
        resolveSchedule = resolve;
      })
    );
    const element = mount();
    await flush();
    byId(element, "schedule")?.click();
    await flush();
    expect(scheduleMock).toHaveBeenCalledTimes(1);
    expect(byId<HTMLButtonElement>(element, "schedule")?.disabled).toBe(true);

    resolveSchedule(SCHEDULED);
    await flush();
    expect(text(element, "schedule-state")).toBe("Scheduled daily.");
    expect(text(element, "next-run")).toMatch(/^Jun 3, 2025.* UTC$/);
    expect(byId<HTMLButtonElement>(element, "cancel")?.disabled).toBe(false);
    expect(byId(element, "schedule")).toBeNull();
    expect(getMock).toHaveBeenCalledTimes(1);
  });

  it("cancels on click", async () => {
    getMock.mockResolvedValue(SCHEDULED);
    cancelMock.mockResolvedValue(UNSCHEDULED);
    const element = mount();
    await flush();
    byId(element, "cancel")?.click();
    await flush();
    expect(cancelMock).toHaveBeenCalledTimes(1);
    expect(scheduleMock).not.toHaveBeenCalled();
    expect(text(element, "schedule-state")).toBe("Not scheduled.");
    expect(byId(element, "schedule")).not.toBeNull();
  });

  it("shows a failed schedule and rereads", async () => {
    getMock.mockResolvedValueOnce(UNSCHEDULED).mockResolvedValueOnce(SCHEDULED);
    const message =
      'The daily activity capture is already scheduled as "OAuth Guard ' +
      'daily activity capture" and next runs at 2025-06-03T03:00:00.000Z.';
    scheduleMock.mockRejectedValue({ body: { message } });
    const element = mount();
    await flush();
    byId(element, "schedule")?.click();
    await flush();
    const panel = errorPanel(element);
    expect(panel?.friendlyMessage).toBe(
      "The daily activity capture could not be scheduled."
    );
    expect(panel?.errors).toEqual({ body: { message } });
    expect(getMock).toHaveBeenCalledTimes(2);
    expect(text(element, "schedule-state")).toBe("Scheduled daily.");
    expect(byId<HTMLButtonElement>(element, "cancel")?.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("shows a failed load", async () => {
    getMock.mockRejectedValue({ body: { message: "Insufficient access" } });
    const element = mount();
    await flush();
    const panel = errorPanel(element);
    expect(panel?.friendlyMessage).toBe(
      "The schedule of the daily activity capture could not be read."
    );
    expect(JSON.stringify(panel?.errors)).toContain("Insufficient access");
    expect(element.shadowRoot?.querySelector("button")).toBeNull();
    await expect(element).toBeAccessible();
  });
});
