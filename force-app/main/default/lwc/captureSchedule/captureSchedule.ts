import { LightningElement } from "lwc";
import cancelCaptureSchedule from "@salesforce/apex/ActivityCaptureController.cancelCaptureSchedule";
import getCaptureSchedule from "@salesforce/apex/ActivityCaptureController.getCaptureSchedule";
import scheduleCapture from "@salesforce/apex/ActivityCaptureController.scheduleCapture";
import type { CaptureScheduleStatus } from "oauth-guard/dto";
import { formatTime } from "c/revocationRequestTable";

/**
 * The schedule of the daily activity capture: whether it is scheduled,
 * its next and previous run and the last capture, with a button to
 * schedule or cancel it for users with the Manage OAuth Guard Capture
 * custom permission. Apex checks that permission again on every change.
 */
export default class CaptureSchedule extends LightningElement {
  status: CaptureScheduleStatus | null = null;
  loading = true;
  loadError: unknown;
  /** True while a schedule or cancel call runs. */
  busy = false;
  actionError: unknown;
  actionFailure = "";

  override connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.loadError = error;
    });
  }

  private async load(): Promise<void> {
    try {
      this.status = await getCaptureSchedule();
      this.loadError = undefined;
    } finally {
      this.loading = false;
    }
  }

  get scheduled(): boolean {
    return this.status?.scheduled === true;
  }

  get canManage(): boolean {
    return this.status?.canManage === true;
  }

  get stateText(): string {
    return this.scheduled ? "Scheduled daily." : "Not scheduled.";
  }

  /** The cron expression, its time zone and the job state. */
  get scheduleText(): string {
    const status = this.status;
    if (!status?.scheduled) {
      return "";
    }
    const zone = status.timeZone
      ? `in ${status.timeZone}, the time zone of the user who scheduled it`
      : "in the time zone of the user who scheduled it";
    return (
      `Cron expression ${status.cronExpression ?? "unknown"} ${zone}. ` +
      `Job state: ${status.state ?? "unknown"}.`
    );
  }

  get nextRunText(): string {
    return formatTime(this.status?.nextFireTime) || "None";
  }

  get previousRunText(): string {
    return formatTime(this.status?.previousFireTime) || "Not run yet";
  }

  get lastCaptureText(): string {
    return formatTime(this.status?.lastCaptureAt) || "No file captured yet";
  }

  handleSchedule(): Promise<void> {
    return this.change(
      () => scheduleCapture(),
      "The daily activity capture could not be scheduled."
    );
  }

  handleCancel(): Promise<void> {
    return this.change(
      () => cancelCaptureSchedule(),
      "The schedule of the daily activity capture could not be cancelled."
    );
  }

  /**
   * Runs one schedule change and shows the status it returns. After a
   * failure the status is read again, because another admin may have
   * changed the schedule meanwhile.
   */
  private async change(
    call: () => Promise<CaptureScheduleStatus>,
    failure: string
  ): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.actionError = undefined;
    try {
      this.status = await call();
    } catch (error) {
      this.actionError = error;
      this.actionFailure = failure;
      try {
        await this.load();
      } catch (loadError) {
        this.loadError = loadError;
      }
    } finally {
      this.busy = false;
    }
  }
}
