/**
 * The demo org's real-time events (ApiEvent, ReportEvent,
 * BulkApiResultEventStore) and its LoginHistory. Daily event log files
 * appear some hours after their day ends, so the newest file covers the
 * day before yesterday. The real-time events cover yesterday, the newest
 * day of activity.
 *
 * On that day the incident-like app repeats, from the Tor exit address,
 * the reconnaissance of the 2025 token thefts. It runs COUNT() queries
 * across key objects, pulls the active users and many Cases, hunts for
 * secrets in query text, and downloads Bulk API results. A second app, with no earlier
 * activity, makes its first calls.
 *
 * NOTE: field values are plausible, not copied from a real org's events.
 */
import type { EventRowPage } from "oauth-guard/dto";
import type { DemoOrg } from "./demo-org";
import type { DemoUser } from "./users";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per page, as Apex RealTimeEventReader.PAGE_SIZE. */
export const ROWS_PER_PAGE = 500;

export const FIRST_SEEN_APP_INDEX = 8;
/**
 * Address of the newcomer app's calls: outside the demo allowlist's
 * office and VPN ranges, so that its first calls are not excused.
 */
export const NEWCOMER_IP = "192.0.2.45";
/** A published user agent of the 2025 thefts, rated High by its rule. */
export const RECON_USER_AGENT = "Salesforce-Multi-Org-Fetcher/1.0";
export const RECON_QUERIES = [
  "SELECT COUNT() FROM Account",
  "SELECT COUNT() FROM Contact",
  "SELECT COUNT() FROM Opportunity",
  "SELECT COUNT() FROM User",
  "SELECT Id, Username, Email, LastLoginDate FROM User WHERE IsActive = true ORDER BY LastLoginDate DESC",
  "SELECT Id, Subject, Description FROM Case LIMIT 10000",
  "SELECT Id, Description FROM Case WHERE Description LIKE '%AKIA%'",
  "SELECT Id, Description FROM Case WHERE Description LIKE '%password%'",
  "SELECT Id, Body FROM Note WHERE Body LIKE '%snowflakecomputing.com%'"
];

export interface DemoApp {
  id: string;
  name: string;
}

/** Inputs of the generators: the org, its active apps and users. */
export interface RealTimeInputs {
  org: DemoOrg;
  apps: readonly DemoApp[];
  users: readonly DemoUser[];
  incidentApp: DemoApp | null;
  firstSeenApp: DemoApp | null;
  torExitIp: string;
  addressOf(userIndex: number): string;
}

type Row = Record<string, string>;

/** Start of the day the real-time events cover: the day before now. */
function eventDayStart(org: DemoOrg): number {
  return Math.floor(org.now.getTime() / DAY_MS) * DAY_MS - DAY_MS;
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function eventId(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(6, "0")}`;
}

function apiEvents(inputs: RealTimeInputs): Row[] {
  const eventDay = eventDayStart(inputs.org);
  const rows: Row[] = [];
  const add = (
    time: number,
    user: DemoUser,
    app: DemoApp,
    ip: string,
    agent: string,
    query: string,
    rowCount: number
  ): void => {
    rows.push({
      EventDate: iso(time),
      EventIdentifier: eventId("api", rows.length + 1),
      UserId: user.id,
      Username: user.username,
      ConnectedAppId: app.id,
      SourceIp: ip,
      UserAgent: agent,
      ApiType: "REST",
      Operation: "Query",
      QueriedEntities: /FROM (\w+)/.exec(query)?.[1] ?? "",
      Query: query,
      RowsProcessed: String(rowCount)
    });
  };
  inputs.apps.forEach((app, appIndex) => {
    for (let call = 0; call < 3; call += 1) {
      const userIndex = (appIndex * 7 + call) % inputs.users.length;
      add(
        eventDay + (1 + appIndex * 0.5 + call * 0.25) * HOUR_MS,
        inputs.users[userIndex] as DemoUser,
        app,
        inputs.addressOf(userIndex),
        `${app.name} client`,
        "SELECT Id, Name, StageName FROM Opportunity WHERE LastModifiedDate = TODAY",
        15 + call
      );
    }
  });
  const attacker = inputs.users[0];
  if (inputs.incidentApp && attacker) {
    RECON_QUERIES.forEach((query, index) => {
      add(
        eventDay + 6 * HOUR_MS + index * 40_000,
        attacker,
        inputs.incidentApp as DemoApp,
        inputs.torExitIp,
        RECON_USER_AGENT,
        query,
        query.includes("COUNT()") ? 1 : 2500
      );
    });
  }
  const newcomer = inputs.users[3];
  if (inputs.firstSeenApp && newcomer) {
    for (let call = 0; call < 4; call += 1) {
      add(
        eventDay + 7 * HOUR_MS + call * 60_000,
        newcomer,
        inputs.firstSeenApp,
        NEWCOMER_IP,
        `${inputs.firstSeenApp.name} client`,
        "SELECT Id, Name FROM Account LIMIT 200",
        200
      );
    }
  }
  return rows;
}

function reportEvents(inputs: RealTimeInputs): Row[] {
  const eventDay = eventDayStart(inputs.org);
  return inputs.users.slice(5, 9).map((user, index) => ({
    EventDate: iso(eventDay + (2 + index) * HOUR_MS),
    EventIdentifier: eventId("report", index + 1),
    UserId: user.id,
    Username: user.username,
    SourceIp: inputs.addressOf(5 + index),
    Operation: "ReportExported",
    Name: `Pipeline by region ${index + 1}`,
    QueriedEntities: "Opportunity",
    RowsProcessed: String(120 * (index + 1)),
    ExportFileFormat: "CSV"
  }));
}

function bulkResultEvents(inputs: RealTimeInputs): Row[] {
  const eventDay = eventDayStart(inputs.org);
  const attacker = inputs.users[0];
  if (!inputs.incidentApp || !attacker) {
    return [];
  }
  return [1, 2, 3].map((batch) => ({
    EventDate: iso(eventDay + 6.5 * HOUR_MS + batch * 30_000),
    EventIdentifier: eventId("bulk", batch),
    UserId: attacker.id,
    Username: attacker.username,
    SourceIp: inputs.torExitIp,
    Query: "SELECT Id, Name, Email, Phone FROM Contact",
    JobId: "7500000000DemoAAA",
    BatchId: `7510000000Demo${batch}AA`
  }));
}

/**
 * LoginHistory of every user: one OAuth refresh login a day, from the
 * days of the event log files to the newest day. On the newest day the
 * incident-like app's user refreshes from the Tor exit address, in a new country.
 * NOTE: LoginSubType "OAuth Refresh Token" is how the demo writes a
 * refresh login; the value a real org writes is not confirmed.
 */
function loginHistory(inputs: RealTimeInputs, days: number): Row[] {
  const eventDay = eventDayStart(inputs.org);
  const rows: Row[] = [];
  for (let day = days; day >= 0; day -= 1) {
    const dayStart = eventDay - day * DAY_MS;
    inputs.users.forEach((user, userIndex) => {
      const app = inputs.apps[userIndex % inputs.apps.length] as DemoApp;
      const incident =
        day === 0 && userIndex === 0 && app.id === inputs.incidentApp?.id;
      const time = dayStart + (7 * 60 + userIndex * 11) * 60_000;
      if (time > inputs.org.now.getTime()) {
        return;
      }
      rows.push({
        Id: `0Ya${String(rows.length + 1).padStart(12, "0")}AAA`,
        LoginTime: iso(time),
        UserId: user.id,
        SourceIp: incident ? inputs.torExitIp : inputs.addressOf(userIndex),
        LoginType: "Remote Access 2.0",
        LoginSubType: "OAuth Refresh Token",
        Status: "Success",
        Application: app.name,
        Browser: "Unknown",
        Platform: "Unknown",
        CountryIso: incident ? "NL" : "US"
      });
    });
  }
  return rows;
}

/** Returns the rows of one object, unsorted, before paging. */
export function realTimeRows(
  inputs: RealTimeInputs,
  objectName: string,
  fileDays: number
): Row[] {
  switch (objectName) {
    case "ApiEvent":
      return apiEvents(inputs);
    case "ReportEvent":
      return reportEvents(inputs);
    case "BulkApiResultEventStore":
      return bulkResultEvents(inputs);
    case "LoginHistory":
      return loginHistory(inputs, fileDays);
    default:
      return [];
  }
}

/**
 * Returns one page of rows newest first, from `since`, as
 * EventSourceController pages them; the cursor is the offset.
 */
export function pageRows(
  objectName: string,
  timeField: string,
  rows: readonly Row[],
  since: number,
  cursor: string | null
): EventRowPage {
  const matching = rows
    .filter((row) => Date.parse(row[timeField] ?? "") >= since)
    .sort((first, second) =>
      (second[timeField] ?? "").localeCompare(first[timeField] ?? "")
    );
  const offset = cursor === null ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0 || offset > matching.length) {
    throw new RangeError(
      `Invalid cursor "${cursor}": pass null or the previous page's nextCursor.`
    );
  }
  const end = offset + ROWS_PER_PAGE;
  const fields = [
    ...new Set(matching.flatMap((row) => Object.keys(row)))
  ].sort();
  return {
    objectName,
    timeField,
    fields,
    missingFields: [],
    rows: matching.slice(offset, end),
    nextCursor: end < matching.length ? String(end) : null
  };
}
