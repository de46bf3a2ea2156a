/**
 * The demo org's event data: three days of generated ApiTotalUsage, Login
 * and Logout event log files over its apps and users. The daily capture's
 * summaries of them come from c/activityCapture, which computes what the
 * Apex job computes. The EventSourceController methods below read both.
 *
 * The incident-like app pulls large volumes on the last day from a
 * python-requests client at a published Tor exit address, and deletes
 * the Bulk API query job it exported with (a BulkApi2 file, which needs
 * Event Monitoring). Real-time events and LoginHistory come from
 * real-time-events.ts.
 */
import type {
  CapturedLogFile,
  EventLogFileInfo,
  EventRowPage,
  EventSourceStatus
} from "oauth-guard/dto";
import { captureSummaries, type CaptureFile } from "c/activityCapture";
import type { ApexCallContext } from "./apex-method";
import { AuraHandledException } from "./apex-error";
import { INCIDENT_APP_NAME } from "./app-catalog";
import type { DemoOrg } from "./demo-org";
import {
  FIRST_SEEN_APP_INDEX,
  pageRows,
  realTimeRows,
  type RealTimeInputs
} from "./real-time-events";
import { demoRecordId } from "./salesforce-id";
import type { DemoUser } from "./users";

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = 3;
const APPS_WITH_ACTIVITY = 8;
const USERS_WITH_ACTIVITY = 30;
const SUMMARY_PAGE_SIZE = 200;
export const TOR_EXIT_IP = "185.220.101.33";
export const INCIDENT_USER_AGENT = "python-requests/2.31.0";

/**
 * Size of the ApiTotalUsage file that the capture marks TooLarge. Larger
 * than Apex's 12 MB asynchronous heap, so only an import from disk reads
 * it.
 */
const TOO_LARGE_FILE_BYTES = 180 * 1024 * 1024;

// NOTE: the columns are a plausible subset chosen for the demo, not a
// header copied from a real org's files. Real ApiTotalUsage files carry
// no ROWS_PROCESSED, which only RestApi and API files have. The demo adds
// it so that its capture and volume rules have row counts to show.
const API_COLUMNS = [
  "EVENT_TYPE",
  "TIMESTAMP_DERIVED",
  "REQUEST_ID",
  "USER_ID_DERIVED",
  "USER_NAME",
  "CONNECTED_APP_ID",
  "CONNECTED_APP_NAME",
  "CLIENT_NAME",
  "CLIENT_IP",
  "USER_AGENT",
  "API_FAMILY",
  "HTTP_METHOD",
  "URI",
  "ENTITY_NAME",
  "ROWS_PROCESSED",
  "RESPONSE_SIZE",
  "STATUS_CODE"
];
const LOGIN_COLUMNS = [
  "EVENT_TYPE",
  "TIMESTAMP_DERIVED",
  "REQUEST_ID",
  "USER_ID_DERIVED",
  "USER_NAME",
  "LOGIN_STATUS",
  "LOGIN_SUB_TYPE",
  "BROWSER_TYPE",
  "CLIENT_IP",
  "SOURCE_IP",
  "CONNECTED_APP_ID",
  "CONNECTED_APP_NAME"
];
// NOTE: a plausible subset of the BulkApi2 file's columns. The job
// statuses are those Bulk API 2.0 reports. "Deleted" is a guess at how the
// file records the deletion that the rule looks for.
const BULK_API_2_COLUMNS = [
  "EVENT_TYPE",
  "TIMESTAMP_DERIVED",
  "REQUEST_ID",
  "USER_ID_DERIVED",
  "USER_NAME",
  "CONNECTED_APP_ID",
  "CLIENT_IP",
  "JOB_ID",
  "JOB_STATUS",
  "OPERATION_TYPE",
  "ENTITY_NAME",
  "ROWS_PROCESSED"
];
/** Event log types the daily capture reads, as ActivityCaptureJob. */
const FREE_EVENT_TYPES = ["ApiTotalUsage", "Login", "Logout"];
const LOGOUT_COLUMNS = [
  "EVENT_TYPE",
  "TIMESTAMP_DERIVED",
  "REQUEST_ID",
  "USER_ID_DERIVED",
  "USER_NAME",
  "SESSION_TYPE",
  "CLIENT_IP"
];

interface ActiveApp {
  id: string;
  name: string;
}

export interface DemoEventFile {
  info: EventLogFileInfo;
  /** Null for the file too large to generate or read in Apex. */
  csv: string | null;
}

export interface DemoEventData {
  files: DemoEventFile[];
  captured: CapturedLogFile[];
  summaries: ReturnType<typeof captureSummaries>["summaries"];
}

function csvLine(values: readonly (string | number)[]): string {
  return values.map((value) => `"${String(value)}"`).join(",");
}

function appsWithPolicy(org: DemoOrg): ActiveApp[] {
  const apps: ActiveApp[] = [];
  for (const app of org.apps) {
    if (app.policy) {
      apps.push({ id: app.policy.applicationId, name: app.policy.name });
    }
  }
  return apps;
}

function activeApps(org: DemoOrg): ActiveApp[] {
  return appsWithPolicy(org).slice(0, APPS_WITH_ACTIVITY);
}

function addressOf(userIndex: number): string {
  return `203.0.113.${(userIndex % 200) + 20}`;
}

/** Builds one day's ApiTotalUsage rows, the incident on the last day. */
function apiRows(
  dayStart: number,
  dayIndex: number,
  apps: ActiveApp[],
  users: readonly DemoUser[]
): string[] {
  const rows: string[] = [];
  let request = 0;
  const add = (
    time: number,
    user: DemoUser,
    app: ActiveApp | null,
    ip: string,
    agent: string,
    rowCount: number | null,
    bytes: number
  ): void => {
    request += 1;
    rows.push(
      csvLine([
        "ApiTotalUsage",
        new Date(time).toISOString(),
        `demo-${dayIndex}-${request}`,
        user.id,
        user.username,
        app?.id ?? "",
        app?.name ?? "",
        app ? "" : "DataLoaderBulk/60.0",
        ip,
        agent,
        "REST",
        "GET",
        "/services/data/v64.0/query",
        "Opportunity",
        rowCount === null ? "" : rowCount,
        bytes,
        200
      ])
    );
  };
  apps.forEach((app, appIndex) => {
    for (let call = 0; call < 6 + appIndex; call += 1) {
      const userIndex = (appIndex * 7 + call) % users.length;
      const user = users[userIndex] as DemoUser;
      const time = dayStart + ((appIndex * 53 + call * 97) % 1440) * 60_000;
      const rowCount = call % 4 === 3 ? null : 20 + call * 5;
      add(
        time,
        user,
        app,
        addressOf(userIndex),
        `${app.name} client`,
        rowCount,
        4096 + call * 512
      );
    }
  });
  const unattributedUser = users[users.length - 1] as DemoUser;
  add(
    dayStart + 3_600_000,
    unattributedUser,
    null,
    "198.51.100.9",
    "curl/8.5.0",
    null,
    2048
  );
  const incident = apps.find((app) => app.name === INCIDENT_APP_NAME);
  if (incident && dayIndex === DAYS - 1) {
    const user = users[0] as DemoUser;
    for (let call = 0; call < 400; call += 1) {
      const time = dayStart + 2 * 3_600_000 + call * 15_000;
      add(
        time,
        user,
        incident,
        TOR_EXIT_IP,
        INCIDENT_USER_AGENT,
        2000,
        1_500_000
      );
    }
  }
  return rows.sort();
}

/** Builds one day's Login and Logout rows: a login per user and app. */
function sessionRows(
  dayStart: number,
  apps: ActiveApp[],
  users: readonly DemoUser[]
): { login: string[]; logout: string[] } {
  const login: string[] = [];
  const logout: string[] = [];
  users.forEach((user, userIndex) => {
    const app = apps[userIndex % apps.length] as ActiveApp;
    const time = dayStart + (7 * 60 + userIndex * 11) * 60_000;
    // The incident app's user refreshed from the usual address on these
    // days, so that today's refresh from the Tor exit is new.
    const ip = addressOf(userIndex);
    login.push(
      csvLine([
        "Login",
        new Date(time).toISOString(),
        `login-${userIndex}`,
        user.id,
        user.username,
        "LOGIN_NO_ERROR",
        "oauthrefreshtoken",
        `${app.name} client`,
        ip,
        ip,
        app.id,
        app.name
      ])
    );
    logout.push(
      csvLine([
        "Logout",
        new Date(time + 8 * 3_600_000).toISOString(),
        `logout-${userIndex}`,
        user.id,
        user.username,
        "O",
        ip
      ])
    );
  });
  return { login: login.sort(), logout: logout.sort() };
}

/** Builds the incident's Bulk API 2.0 job rows: run, exported, deleted. */
function bulkJobRows(dayStart: number, app: ActiveApp, user: DemoUser) {
  const steps: [number, string, number | null][] = [
    [0, "UploadComplete", null],
    [5, "InProgress", null],
    [20, "JobComplete", 250_000],
    [45, "Deleted", null]
  ];
  return steps.map(([minutes, status, rows], index) =>
    csvLine([
      "BulkApi2",
      new Date(dayStart + 3 * 3_600_000 + minutes * 60_000).toISOString(),
      `bulk-${index + 1}`,
      user.id,
      user.username,
      app.id,
      TOR_EXIT_IP,
      "7500000000DemoAAA",
      status,
      "query",
      "Contact",
      rows ?? ""
    ])
  );
}

function fileInfo(
  sequence: number,
  eventType: string,
  dayStart: number,
  length: number
): EventLogFileInfo {
  const logDate = new Date(dayStart).toISOString();
  return {
    id: demoRecordId("0AT", sequence),
    eventType,
    logDate,
    interval: "Daily",
    sequence: 1,
    logFileLength: length,
    createdDate: new Date(dayStart + DAY_MS + 3 * 3_600_000).toISOString(),
    fileKey: `${eventType}|${logDate}|Daily|1`,
    // The synchronous Apex heap is 6 MB, so a larger file cannot be read.
    readableInApex: length <= 6 * 1024 * 1024
  };
}

function generateFiles(org: DemoOrg): DemoEventFile[] {
  const apps = activeApps(org);
  const users = org.users.slice(0, USERS_WITH_ACTIVITY);
  const today = Math.floor(org.now.getTime() / DAY_MS) * DAY_MS;
  const files: DemoEventFile[] = [];
  const addFile = (
    eventType: string,
    day: number,
    header: string[],
    rows: string[]
  ) => {
    const csv = [csvLine(header), ...rows].join("\r\n") + "\r\n";
    const length = new TextEncoder().encode(csv).length;
    files.push({
      info: fileInfo(files.length + 1, eventType, day, length),
      csv
    });
  };
  for (let dayIndex = 0; dayIndex < DAYS; dayIndex += 1) {
    // Daily files appear hours after their day, so the newest one is of
    // the day before yesterday; real-time events cover yesterday.
    const dayStart = today - (DAYS + 1 - dayIndex) * DAY_MS;
    const sessions = sessionRows(dayStart, apps, users);
    addFile(
      "ApiTotalUsage",
      dayStart,
      API_COLUMNS,
      apiRows(dayStart, dayIndex, apps, users)
    );
    addFile("Login", dayStart, LOGIN_COLUMNS, sessions.login);
    addFile("Logout", dayStart, LOGOUT_COLUMNS, sessions.logout);
    const incident = apps.find((app) => app.name === INCIDENT_APP_NAME);
    if (incident && dayIndex === DAYS - 1 && org.hasEventMonitoring) {
      addFile(
        "BulkApi2",
        dayStart,
        BULK_API_2_COLUMNS,
        bulkJobRows(dayStart, incident, users[0] as DemoUser)
      );
    }
  }
  const largeDay = today - (DAYS + 2) * DAY_MS;
  files.push({
    info: fileInfo(
      files.length + 1,
      "ApiTotalUsage",
      largeDay,
      TOO_LARGE_FILE_BYTES
    ),
    csv: null
  });
  return files.sort((first, second) =>
    second.info.logDate.localeCompare(first.info.logDate)
  );
}

function capturedFile(
  file: DemoEventFile,
  capturedAt: string,
  capture: {
    rows: number;
    records: number;
    undatedRows: number;
    problems: string[];
  } | null
): CapturedLogFile {
  const info = file.info;
  return {
    fileKey: info.fileKey,
    eventLogFileId: info.id,
    eventType: info.eventType,
    logDate: info.logDate,
    interval: info.interval,
    sequence: info.sequence,
    logFileLength: info.logFileLength,
    status: capture ? "Captured" : "TooLarge",
    rows: capture?.rows ?? null,
    records: capture?.records ?? null,
    undatedRows: capture?.undatedRows ?? null,
    problemCount: capture?.problems.length ?? null,
    problems: capture ? capture.problems.join("\n") || null : null,
    capturedAt
  };
}

const EVENT_DATA = new WeakMap<DemoOrg, DemoEventData>();

/** Returns the org's event files and their capture, generated once. */
export function demoEventData(org: DemoOrg): DemoEventData {
  const cached = EVENT_DATA.get(org);
  if (cached) {
    return cached;
  }
  const files = generateFiles(org);
  const capturable = files.filter((file) =>
    FREE_EVENT_TYPES.includes(file.info.eventType)
  );
  const readable = capturable.filter((file) => file.csv !== null);
  const inputs: CaptureFile[] = readable.map((file) => ({
    eventType: file.info.eventType,
    csv: file.csv ?? ""
  }));
  const result = captureSummaries(inputs);
  const capturedAt = new Date(org.now.getTime() - 6 * 3_600_000).toISOString();
  const captured = capturable.map((file) => {
    const index = readable.indexOf(file);
    return capturedFile(
      file,
      capturedAt,
      index < 0 ? null : (result.files[index] ?? null)
    );
  });
  const summaries = [...result.summaries].sort((first, second) =>
    second.day.localeCompare(first.day)
  );
  const data = { files, captured, summaries };
  EVENT_DATA.set(org, data);
  return data;
}

function hasPermission(user: DemoUser, name: string): boolean {
  return (user.systemPermissions as readonly string[]).includes(name);
}

function canReadEventLogFiles(user: DemoUser): boolean {
  return hasPermission(user, "ViewEventLogFiles");
}

function canReadRealTimeEvents(context: ApexCallContext): boolean {
  return (
    context.org.hasEventMonitoring &&
    hasPermission(context.runningUser, "ViewRealTimeEventMonitoringData")
  );
}

/** Reports each source as EventSourceController.detectSources does. */
export function detectSources(context: ApexCallContext): EventSourceStatus[] {
  const eventTypes = [
    ...new Set(
      demoEventData(context.org).files.map((file) => file.info.eventType)
    )
  ].sort();
  const statuses: EventSourceStatus[] = [];
  if (canReadEventLogFiles(context.runningUser)) {
    statuses.push({
      source: "EventLogFile",
      available: true,
      reasonCode: "available",
      reason: "Event log files of the last 7 days can be read.",
      eventTypes,
      missingPermissions: []
    });
  } else {
    statuses.push({
      source: "EventLogFile",
      available: false,
      reasonCode: "missing-permission",
      reason:
        "Reading event log files requires the View Event Log Files permission.",
      eventTypes: [],
      missingPermissions: ["ViewEventLogFiles"]
    });
  }
  const realTime = canReadRealTimeEvents(context);
  for (const source of ["ApiEvent", "ReportEvent", "BulkApiResultEventStore"]) {
    statuses.push({
      source,
      available: realTime,
      reasonCode: realTime ? "available" : "missing-permission",
      reason: realTime
        ? `${source} records can be read.`
        : `Reading ${source} requires the View Real-Time Event Monitoring Data permission.`,
      eventTypes: [],
      missingPermissions: realTime ? [] : ["ViewRealTimeEventMonitoringData"]
    });
  }
  statuses.push({
    source: "LoginHistory",
    available: true,
    reasonCode: "available",
    reason: "Login history of the last 6 months can be read.",
    eventTypes: [],
    missingPermissions: []
  });
  return statuses;
}

function requireEventLogFiles(context: ApexCallContext): void {
  if (!canReadEventLogFiles(context.runningUser)) {
    throw new AuraHandledException(
      "Reading event log files requires the View Event Log Files permission."
    );
  }
}

/** Lists the files newest first, in one page. */
export function listEventLogFiles(
  context: ApexCallContext,
  eventType: string | null
): { files: EventLogFileInfo[]; nextCursor: string | null } {
  requireEventLogFiles(context);
  const files = demoEventData(context.org)
    .files.map((file) => file.info)
    .filter((info) => eventType === null || info.eventType === eventType);
  return { files, nextCursor: null };
}

/** Returns a file's CSV, and rejects a file too large for Apex. */
export function readEventLogFile(
  context: ApexCallContext,
  fileId: string
): { file: EventLogFileInfo; csv: string } {
  requireEventLogFiles(context);
  const file = demoEventData(context.org).files.find(
    (candidate) => candidate.info.id === fileId
  );
  if (!file) {
    throw new AuraHandledException(`Event log file ${fileId} was not found.`);
  }
  if (file.csv === null || !file.info.readableInApex) {
    throw new AuraHandledException(
      `Event log file ${fileId} (${file.info.logFileLength} bytes) is too large for Apex. Download it and import it from disk.`
    );
  }
  return { file: file.info, csv: file.csv };
}

function realTimeInputs(org: DemoOrg): RealTimeInputs {
  const apps = activeApps(org);
  return {
    org,
    apps,
    users: org.users.slice(0, USERS_WITH_ACTIVITY),
    incidentApp: apps.find((app) => app.name === INCIDENT_APP_NAME) ?? null,
    firstSeenApp: appsWithPolicy(org)[FIRST_SEEN_APP_INDEX] ?? null,
    torExitIp: TOR_EXIT_IP,
    addressOf
  };
}

function sinceOf(since: string | null, now: Date): number {
  if (since === null) {
    return now.getTime() - DAY_MS;
  }
  const parsed = Date.parse(since);
  if (Number.isNaN(parsed)) {
    throw new AuraHandledException(
      `The start time "${since}" is invalid: use ISO 8601 with a zone, such as 2025-10-01T00:00:00.000Z.`
    );
  }
  return parsed;
}

function pageOf(
  objectName: string,
  timeField: string,
  context: ApexCallContext,
  since: string | null,
  cursor: string | null
): EventRowPage {
  const rows = realTimeRows(realTimeInputs(context.org), objectName, DAYS);
  try {
    return pageRows(
      objectName,
      timeField,
      rows,
      sinceOf(since, context.org.now),
      cursor
    );
  } catch (error) {
    throw new AuraHandledException((error as Error).message);
  }
}

/** Reads a page of a real-time event object, newest first. */
export function readRealTimeEvents(
  context: ApexCallContext,
  objectName: string,
  since: string | null = null,
  cursor: string | null = null
): EventRowPage {
  if (!canReadRealTimeEvents(context)) {
    throw new AuraHandledException(
      `Reading ${objectName} requires the View Real-Time Event Monitoring Data permission.`
    );
  }
  return pageOf(objectName, "EventDate", context, since, cursor);
}

/** Reads a page of LoginHistory, newest first. */
export function readLoginHistory(
  context: ApexCallContext,
  since: string | null = null,
  cursor: string | null = null
): EventRowPage {
  return pageOf("LoginHistory", "LoginTime", context, since, cursor);
}

/** Lists the capture's summaries newest day first, in pages. */
export function listActivitySummaries(
  context: ApexCallContext,
  since: string | null,
  cursor: string | null
) {
  const all = demoEventData(context.org).summaries.filter(
    (summary) => since === null || summary.day >= since
  );
  const offset = cursor === null ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0 || offset > all.length) {
    throw new AuraHandledException(
      `Invalid cursor "${cursor}": pass null or the previous page's nextCursor.`
    );
  }
  const end = offset + SUMMARY_PAGE_SIZE;
  return {
    summaries: all.slice(offset, end),
    nextCursor: end < all.length ? String(end) : null
  };
}

/** Lists the files the capture handled from a UTC day. */
export function listCapturedFiles(
  context: ApexCallContext,
  since: string | null
): CapturedLogFile[] {
  return demoEventData(context.org).captured.filter(
    (file) => since === null || file.logDate.slice(0, 10) >= since
  );
}
