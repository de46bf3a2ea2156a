/**
 * Turns the rows that EventSourceController returns for the real-time
 * event objects (ApiEvent, ReportEvent, BulkApiResultEventStore) and for
 * LoginHistory into activity records, so that the page aggregates them
 * and runs the indicator rules over them as it does over log files.
 *
 * Every row keeps its fields, because the rules on login sub types and
 * countries read fields that the activity record does not name.
 */
import type { EventRowPage } from "oauth-guard/dto";
import {
  normaliseId,
  parseEventTime,
  presentText,
  type ActivityRecord
} from "c/activityRecord";
import { mapRealTimeEvent } from "c/eventJson";

export const LOGIN_HISTORY = "LoginHistory";

/** A row that could not become a record, with its 1-based position. */
export interface EventRowProblem {
  objectName: string;
  row: number;
  message: string;
}

export interface EventRowRecords {
  records: ActivityRecord[];
  problems: EventRowProblem[];
}

function textOf(row: Record<string, string>, field: string): string | null {
  const value = row[field];
  return value === undefined ? null : presentText(value);
}

/**
 * Returns true for the login type of an OAuth login. LoginHistory writes
 * "Remote Access 2.0" for connected app logins, and only then does its
 * Application field name a connected app.
 */
export function isOAuthLoginType(loginType: string | null): boolean {
  return (loginType ?? "").toLowerCase().startsWith("remote access");
}

/**
 * Maps one LoginHistory row. LoginHistory carries no connected app id,
 * only the app's name in Application, so an OAuth login joins the
 * inventory's apps by name. Returns null when LoginTime is unusable.
 * NOTE: the LoginSubType value of a refresh token login in LoginHistory
 * is not confirmed. The refresh login rules accept any value that reads
 * "oauthrefreshtoken" without spaces and underscores, as in Login files.
 */
export function mapLoginHistoryRow(
  row: Record<string, string>
): ActivityRecord | null {
  const loginTime = textOf(row, "LoginTime");
  const time = loginTime === null ? null : parseEventTime(loginTime);
  if (time === null) {
    return null;
  }
  const userId = textOf(row, "UserId");
  const oauth = isOAuthLoginType(textOf(row, "LoginType"));
  return {
    time,
    source: "real-time-event",
    eventType: LOGIN_HISTORY,
    userId: userId === null ? null : normaliseId(userId),
    username: textOf(row, "Username"),
    connectedAppId: null,
    connectedAppName: oauth ? textOf(row, "Application") : null,
    clientName: oauth ? null : textOf(row, "Application"),
    sourceIp: textOf(row, "SourceIp"),
    // Browser is a product name such as "Chrome 120", not a user agent.
    userAgent: null,
    entity: null,
    operation: textOf(row, "LoginType"),
    uri: textOf(row, "LoginUrl"),
    rows: null,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: textOf(row, "Id"),
    fields: { ...row }
  };
}

/**
 * Maps every row of a page. A row without a usable time is left out and
 * reported with its position in the page, so that no row gets a guessed
 * date.
 */
export function recordsOfEventRows(page: EventRowPage): EventRowRecords {
  const records: ActivityRecord[] = [];
  const problems: EventRowProblem[] = [];
  const loginHistory = page.objectName === LOGIN_HISTORY;
  page.rows.forEach((row, index) => {
    const record = loginHistory
      ? mapLoginHistoryRow(row)
      : mapRealTimeEvent(row, page.objectName, true);
    if (record === null) {
      problems.push({
        objectName: page.objectName,
        row: index + 1,
        message: `${page.objectName} row ${index + 1} has no usable ${page.timeField}, so it was left out.`
      });
      return;
    }
    records.push(record);
  });
  return { records, problems };
}
