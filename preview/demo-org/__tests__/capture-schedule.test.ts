import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyChain } from "c/auditChain";
import { AuraHandledException } from "../apex-error";
import type { ApexCallContext } from "../apex-method";
import {
  CAPTURE_JOB_NAME,
  DAILY_CRON_EXPRESSION,
  MANAGE_PERMISSION_MESSAGE,
  cancelCaptureSchedule,
  configureCaptureScheduleDemo,
  getCaptureSchedule,
  nextDailyRun,
  scheduleCapture
} from "../capture-schedule";
import { DemoOrg } from "../demo-org";
import { demoEventData } from "../event-sources";
import { revocationStateOf } from "../revocation-state";

const NOW = Date.UTC(2025, 5, 2, 12, 30, 0);
const CLASSES = join(__dirname, "../../../force-app/main/default/classes");

function createOrg() {
  const org = new DemoOrg({ userCount: 400 });
  configureCaptureScheduleDemo(org, { clock: () => NOW });
  const admin: ApexCallContext = { org, runningUser: org.runningUsers.admin };
  const viewer: ApexCallContext = {
    org,
    runningUser: org.runningUsers.viewer
  };
  return { org, admin, viewer };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(AuraHandledException);
  return (error as Error).message;
}

/** Joins the string literals of an Apex constant's declaration. */
function apexConstant(className: string, name: string): string {
  const source = readFileSync(join(CLASSES, `${className}.cls`), "utf8");
  const declaration = new RegExp(`${name}\\s*=([^;]*);`).exec(source)?.[1];
  if (declaration === undefined) {
    throw new Error(`${className}.cls declares no constant ${name}.`);
  }
  return [...declaration.matchAll(/'([^']*)'/g)]
    .map((match) => match[1])
    .join("");
}

describe("capture schedule constants", () => {
  it("match the Apex classes", () => {
    expect(CAPTURE_JOB_NAME).toBe(
      apexConstant("ActivityCaptureSchedule", "JOB_NAME")
    );
    expect(DAILY_CRON_EXPRESSION).toBe(
      apexConstant("ActivityCaptureSchedule", "DAILY_CRON_EXPRESSION")
    );
    expect(MANAGE_PERMISSION_MESSAGE).toBe(
      apexConstant("ActivityCaptureController", "MANAGE_PERMISSION_MESSAGE")
    );
  });
});

describe("nextDailyRun", () => {
  it("takes today's run before 03:00 UTC", () => {
    expect(nextDailyRun(Date.UTC(2025, 5, 2, 2, 59, 59))).toBe(
      Date.UTC(2025, 5, 2, 3, 0, 0)
    );
  });

  it("takes tomorrow's run from 03:00 UTC on", () => {
    expect(nextDailyRun(Date.UTC(2025, 5, 2, 3, 0, 0))).toBe(
      Date.UTC(2025, 5, 3, 3, 0, 0)
    );
  });
});

describe("getCaptureSchedule", () => {
  it("starts unscheduled with the last capture time", () => {
    const { org, admin } = createOrg();
    const capturedAt = demoEventData(org).captured[0]?.capturedAt;
    expect(capturedAt).toBeDefined();
    expect(getCaptureSchedule(admin)).toEqual({
      scheduled: false,
      jobName: CAPTURE_JOB_NAME,
      canManage: true,
      lastCaptureAt: capturedAt
    });
  });

  it("tells the viewer they cannot manage it", () => {
    const { viewer } = createOrg();
    expect(getCaptureSchedule(viewer).canManage).toBe(false);
  });
});

describe("scheduleCapture", () => {
  it("schedules the next 03:00 UTC run", async () => {
    const { admin } = createOrg();
    const status = await scheduleCapture(admin);
    expect(status).toMatchObject({
      scheduled: true,
      state: "WAITING",
      cronExpression: DAILY_CRON_EXPRESSION,
      nextFireTime: "2025-06-03T03:00:00.000Z",
      timeZone: "UTC",
      canManage: true
    });
    expect(status.previousFireTime).toBeUndefined();
    expect(getCaptureSchedule(admin)).toEqual(status);
  });

  it("writes a schedule change that the chain verifies", async () => {
    const { org, admin } = createOrg();
    await scheduleCapture(admin);
    const ledger = revocationStateOf(org).ledger;
    const last = ledger.entries[ledger.entries.length - 1];
    expect(last).toMatchObject({
      kind: "ScheduleChange",
      name: "SCH-00001",
      action: "Schedule",
      actorId: admin.runningUser.id,
      actorName: admin.runningUser.name,
      jobName: CAPTURE_JOB_NAME,
      cronExpression: DAILY_CRON_EXPRESSION,
      recordedAt: new Date(NOW).toISOString()
    });
    expect(last?.jobId).toMatch(/^08e\w{15}$/);
    const verdict = verifyChain(ledger.entries, {
      sequence: ledger.headSequence,
      hash: ledger.headHash
    });
    expect(verdict.problems).toEqual([]);
  });

  it("rejects a second schedule with the next run", async () => {
    const { admin } = createOrg();
    await scheduleCapture(admin);
    expect(await rejection(scheduleCapture(admin))).toBe(
      `The daily activity capture is already scheduled as ` +
        `"${CAPTURE_JOB_NAME}" and next runs at 2025-06-03T03:00:00.000Z ` +
        `(2025-06-03 03:00 in UTC). Cancel the schedule first to schedule ` +
        `it again.`
    );
  });

  it("rejects the viewer with the Apex message", async () => {
    const { viewer } = createOrg();
    expect(await rejection(scheduleCapture(viewer))).toBe(
      MANAGE_PERMISSION_MESSAGE
    );
    expect(getCaptureSchedule(viewer).scheduled).toBe(false);
  });
});

describe("cancelCaptureSchedule", () => {
  it("cancels and records the change", async () => {
    const { org, admin } = createOrg();
    const scheduled = await scheduleCapture(admin);
    const cancelled = await cancelCaptureSchedule(admin);
    expect(cancelled.scheduled).toBe(false);
    expect(cancelled.nextFireTime).toBeUndefined();
    expect(getCaptureSchedule(admin).scheduled).toBe(false);
    const changes = revocationStateOf(org).ledger.entries.filter(
      (entry) => entry.kind === "ScheduleChange"
    );
    expect(changes.map((entry) => entry.action)).toEqual([
      "Schedule",
      "Cancel"
    ]);
    expect(changes[1]?.jobId).toBe(changes[0]?.jobId);
    expect(scheduled.scheduled).toBe(true);
  });

  it("rejects a cancel when nothing is scheduled", async () => {
    const { admin } = createOrg();
    expect(await rejection(cancelCaptureSchedule(admin))).toContain(
      "is not scheduled, so there is no schedule to cancel"
    );
  });

  it("rejects the viewer with the Apex message", async () => {
    const { admin, viewer } = createOrg();
    await scheduleCapture(admin);
    expect(await rejection(cancelCaptureSchedule(viewer))).toBe(
      MANAGE_PERMISSION_MESSAGE
    );
    expect(getCaptureSchedule(admin).scheduled).toBe(true);
  });
});
