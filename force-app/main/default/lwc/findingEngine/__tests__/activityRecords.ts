// Builds activity records for the findings tests: every field null unless
// the test sets it, and times given as ISO 8601 text.
import type { ActivityRecord } from "c/activityRecord";

/** A record as test data writes it: any field, time as text. */
export type RecordSpec = Partial<Omit<ActivityRecord, "time">> & {
  time?: string;
};

export const DEFAULT_TIME = "2025-10-01T12:00:00.000Z";

export function activity(spec: RecordSpec = {}): ActivityRecord {
  const { time, ...fields } = spec;
  return {
    source: "event-log-file",
    eventType: "API",
    userId: null,
    username: null,
    connectedAppId: null,
    connectedAppName: null,
    clientName: null,
    sourceIp: null,
    userAgent: null,
    entity: null,
    operation: null,
    uri: null,
    rows: null,
    bytes: null,
    queryText: null,
    requestId: null,
    eventId: null,
    ...fields,
    time: Date.parse(time ?? DEFAULT_TIME)
  };
}
