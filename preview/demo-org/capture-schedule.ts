/**
 * The demo org's side of ActivityCaptureController: the daily activity
 * capture's schedule, with the same checks, messages and audit records as
 * the Apex class. Each org starts unscheduled and keeps its schedule in
 * memory, so it resets when the preview page reloads. The demo's users
 * are in UTC, so the capture runs at 03:00 UTC.
 */
import type { CaptureScheduleStatus } from "oauth-guard/dto";
import { AuraHandledException } from "./apex-error";
import type { ApexCallContext } from "./apex-method";
import { hasCustomPermission } from "./custom-permissions";
import type { DemoOrg } from "./demo-org";
import { demoEventData } from "./event-sources";
import { withoutNullFields } from "./inventory-controllers";
import { revocationStateOf } from "./revocation-state";
import { demoRecordId } from "./salesforce-id";

/** ActivityCaptureSchedule.JOB_NAME. */
export const CAPTURE_JOB_NAME = "OAuth Guard daily activity capture";
/** ActivityCaptureSchedule.DAILY_CRON_EXPRESSION: every day at 03:00. */
export const DAILY_CRON_EXPRESSION = "0 0 3 * * ?";
export const DEMO_TIME_ZONE = "UTC";
/** Hour of the day, in DEMO_TIME_ZONE, at which DAILY_CRON_EXPRESSION fires. */
const DAILY_RUN_HOUR = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Key prefix of CronTrigger ids. */
const CRON_TRIGGER_KEY_PREFIX = "08e";

export const MANAGE_PERMISSION_MESSAGE =
  "Scheduling or cancelling the daily activity capture needs the Manage " +
  "OAuth Guard Capture custom permission, which your user does not have. " +
  "Ask your Salesforce admin to assign the OAuth Guard Admin permission set.";

export interface DemoCaptureScheduleOptions {
  /** Current time in UTC epoch milliseconds; Date.now unless given. */
  clock?: () => number;
}

interface DemoCaptureScheduleState {
  /** Id of the capture's CronTrigger, or null when not scheduled. */
  cronTriggerId: string | null;
  /** Jobs scheduled so far, which numbers the demo CronTrigger ids. */
  jobCount: number;
  readonly clock: () => number;
}

const states = new WeakMap<DemoOrg, DemoCaptureScheduleState>();
const pendingOptions = new WeakMap<DemoOrg, DemoCaptureScheduleOptions>();

/**
 * Sets the clock of an org's capture schedule. Call it before the first
 * capture schedule call: the state is created then.
 */
export function configureCaptureScheduleDemo(
  org: DemoOrg,
  options: DemoCaptureScheduleOptions
): void {
  if (states.has(org)) {
    throw new Error(
      "The demo org's capture schedule exists already. Configure it before " +
        "the first capture schedule call."
    );
  }
  pendingOptions.set(org, options);
}

function scheduleStateOf(org: DemoOrg): DemoCaptureScheduleState {
  let state = states.get(org);
  if (!state) {
    state = {
      cronTriggerId: null,
      jobCount: 0,
      clock: pendingOptions.get(org)?.clock ?? (() => Date.now())
    };
    states.set(org, state);
  }
  return state;
}

/** Returns the first daily run strictly after `now`, in UTC milliseconds. */
export function nextDailyRun(now: number): number {
  const today = new Date(now);
  today.setUTCHours(DAILY_RUN_HOUR, 0, 0, 0);
  const run = today.getTime();
  return run > now ? run : run + DAY_MS;
}

/** Returns when the capture last wrote a file record, or null. */
function lastCaptureAt(org: DemoOrg): string | null {
  let newest: string | null = null;
  for (const file of demoEventData(org).captured) {
    if (newest === null || file.capturedAt > newest) {
      newest = file.capturedAt;
    }
  }
  return newest;
}

function statusOf(
  { org, runningUser }: ApexCallContext,
  state: DemoCaptureScheduleState
): CaptureScheduleStatus {
  const scheduled = state.cronTriggerId !== null;
  return withoutNullFields({
    scheduled,
    jobName: CAPTURE_JOB_NAME,
    state: scheduled ? "WAITING" : null,
    cronExpression: scheduled ? DAILY_CRON_EXPRESSION : null,
    nextFireTime: scheduled
      ? new Date(nextDailyRun(state.clock())).toISOString()
      : null,
    // The demo's job never runs, because the page does not live that long.
    previousFireTime: null,
    timeZone: scheduled ? DEMO_TIME_ZONE : null,
    canManage: hasCustomPermission(runningUser, "Manage_OAuth_Guard_Capture"),
    lastCaptureAt: lastCaptureAt(org)
  });
}

function requireManagePermission({ runningUser }: ApexCallContext): void {
  if (!hasCustomPermission(runningUser, "Manage_OAuth_Guard_Capture")) {
    throw new AuraHandledException(MANAGE_PERMISSION_MESSAGE);
  }
}

/**
 * Appends a schedule change to the org's audit trail. The ledger lives
 * with the revocation state, whose seeded history names the org's tokens,
 * so the tokens are loaded first in short tasks.
 */
async function recordChange(
  context: ApexCallContext,
  action: "Schedule" | "Cancel",
  cronTriggerId: string,
  recordedAt: number
): Promise<void> {
  await context.org.loadOAuthTokens();
  revocationStateOf(context.org).ledger.append(
    "ScheduleChange",
    {
      actorId: context.runningUser.id,
      actorName: context.runningUser.name,
      action,
      jobName: CAPTURE_JOB_NAME,
      cronExpression: DAILY_CRON_EXPRESSION,
      jobId: cronTriggerId
    },
    recordedAt
  );
}

/** ActivityCaptureController.getCaptureSchedule. */
export function getCaptureSchedule(
  context: ApexCallContext
): CaptureScheduleStatus {
  return statusOf(context, scheduleStateOf(context.org));
}

/** ActivityCaptureController.scheduleCapture. */
export async function scheduleCapture(
  context: ApexCallContext
): Promise<CaptureScheduleStatus> {
  requireManagePermission(context);
  const state = scheduleStateOf(context.org);
  const now = state.clock();
  if (state.cronTriggerId !== null) {
    // In UTC, the time zone's local time is the ISO text's date and time.
    const nextRun = new Date(nextDailyRun(now)).toISOString();
    throw new AuraHandledException(
      `The daily activity capture is already scheduled as ` +
        `"${CAPTURE_JOB_NAME}" and next runs at ${nextRun} ` +
        `(${nextRun.slice(0, 16).replace("T", " ")} in ${DEMO_TIME_ZONE}). ` +
        `Cancel the schedule first to schedule it again.`
    );
  }
  // Set before the await, so that a second call meanwhile is rejected.
  state.jobCount += 1;
  const cronTriggerId = demoRecordId(CRON_TRIGGER_KEY_PREFIX, state.jobCount);
  state.cronTriggerId = cronTriggerId;
  await recordChange(context, "Schedule", cronTriggerId, now);
  return statusOf(context, state);
}

/** ActivityCaptureController.cancelCaptureSchedule. */
export async function cancelCaptureSchedule(
  context: ApexCallContext
): Promise<CaptureScheduleStatus> {
  requireManagePermission(context);
  const state = scheduleStateOf(context.org);
  const cronTriggerId = state.cronTriggerId;
  if (cronTriggerId === null) {
    throw new AuraHandledException(
      "The daily activity capture is not scheduled, so there is no " +
        "schedule to cancel. Reload the page to see the current schedule."
    );
  }
  state.cronTriggerId = null;
  await recordChange(context, "Cancel", cronTriggerId, state.clock());
  return statusOf(context, state);
}
