import { LightningElement, api } from "lwc";
import type { ActivityRecord } from "c/activityRecord";

/**
 * Fields an event row shows. Activity records and the events a finding
 * keeps both have them.
 */
export type ShownEvent = Pick<
  ActivityRecord,
  | "time"
  | "source"
  | "eventType"
  | "userId"
  | "username"
  | "connectedAppId"
  | "connectedAppName"
  | "clientName"
  | "sourceIp"
  | "userAgent"
  | "operation"
  | "entity"
  | "rows"
  | "queryText"
>;

const SOURCE_LABELS: Record<string, string> = {
  "event-log-file": "Event log file",
  "real-time-event": "Real-time"
};

export function formatEventTime(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

/**
 * A table of events, one row each. Every value is shown as text, because
 * app names, user agents and queries come from the API's callers.
 */
export default class EventTable extends LightningElement {
  @api events: ShownEvent[] = [];
  @api label = "Events";
  /** App names by app key, for events that give only an app id. */
  @api appNames: Record<string, string> = {};
  /** Shows what each event matched, for the events of a finding. */
  @api showMatched = false;

  private appOf(event: ShownEvent): string {
    if (event.connectedAppName !== null) {
      return event.connectedAppName;
    }
    if (event.connectedAppId !== null) {
      return (
        (this.appNames ?? {})[`id:${event.connectedAppId}`] ??
        event.connectedAppId
      );
    }
    return event.clientName === null
      ? "unattributed"
      : `unattributed (client ${event.clientName})`;
  }

  get rows() {
    return this.events.map((event, index) => ({
      key: `event-${index}`,
      time: formatEventTime(event.time),
      source:
        event.eventType === "LoginHistory"
          ? "Login history"
          : (SOURCE_LABELS[event.source] ?? event.source),
      eventType: event.eventType,
      user: event.username ?? event.userId ?? "",
      app: this.appOf(event),
      sourceIp: event.sourceIp ?? "",
      userAgent: event.userAgent ?? "",
      operation: [event.operation, event.entity]
        .filter((part) => part !== null && part !== "")
        .join(" "),
      rows: event.rows === null ? "" : event.rows.toLocaleString("en-US"),
      query: event.queryText ?? "",
      matched: (event as ShownEvent & { matched?: string }).matched ?? ""
    }));
  }
}
