declare module "@salesforce/apex/ActivityCaptureController.getCaptureSchedule" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { CaptureScheduleStatus } from "oauth-guard/dto";
  /**
   * Returns whether the daily activity capture is scheduled, its next and
   * previous run, the last capture, and whether the user may change it.
   */
  const getCaptureSchedule: ApexMethod<
    Record<string, never>,
    CaptureScheduleStatus
  >;
  export default getCaptureSchedule;
}

declare module "@salesforce/apex/ActivityCaptureController.scheduleCapture" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { CaptureScheduleStatus } from "oauth-guard/dto";
  /**
   * Schedules the capture daily at 03:00 in the user's time zone, records
   * the change in the audit trail and returns the new status. Rejects a
   * second schedule. Needs Manage OAuth Guard Capture.
   */
  const scheduleCapture: ApexMethod<
    Record<string, never>,
    CaptureScheduleStatus
  >;
  export default scheduleCapture;
}

declare module "@salesforce/apex/ActivityCaptureController.cancelCaptureSchedule" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { CaptureScheduleStatus } from "oauth-guard/dto";
  /**
   * Aborts the capture's scheduled job, records the change in the audit
   * trail and returns the new status. Rejects the call when nothing is
   * scheduled. Needs Manage OAuth Guard Capture.
   */
  const cancelCaptureSchedule: ApexMethod<
    Record<string, never>,
    CaptureScheduleStatus
  >;
  export default cancelCaptureSchedule;
}
