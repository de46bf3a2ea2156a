import { LightningElement, api } from "lwc";
import type { ActivitySummary } from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import {
  eventsOfApp,
  MAX_EVENTS_SHOWN,
  type AppEvents,
  type SelectedApp
} from "c/activityEvents";
import { formatBytes, formatRows, timelineForApp } from "c/activityView";

/**
 * Events shown per list of records read, by app and day. The cache sits
 * outside the component, because a component may not change its fields
 * while it renders. A new read gives a new list, so it starts a new cache.
 */
const SHOWN_EVENTS = new WeakMap<ActivityRecord[], Map<string, AppEvents>>();

/**
 * One app's activity: its daily timeline from the capture's summaries
 * and the events behind the numbers, from the event log files still in
 * the org and the real-time sources. A day's button lists that day's
 * events.
 */
export default class ActivityAppEvents extends LightningElement {
  @api app: SelectedApp | null = null;
  @api summaries: ActivitySummary[] = [];
  /** Records read from the org, or null while they are read. */
  @api records: ActivityRecord[] | null = null;
  /** Reason the org's events could not be read, or null. */
  @api recordsProblem: string | null = null;
  /** App names by key, for events that give only an app id. */
  @api appNames: Record<string, string> = {};
  selectedDay: string | null = null;

  get appName(): string {
    return this.app?.appName ?? this.app?.appKey ?? "";
  }

  get timelineHeading(): string {
    return `Daily activity of ${this.appName}`;
  }

  get timelineRows() {
    const days = timelineForApp(this.summaries, this.app?.appKey ?? "");
    const maxRequests = Math.max(1, ...days.map((day) => day.requests));
    return days.map((day) => ({
      key: day.day,
      day: day.day,
      requests: day.requests.toLocaleString("en-US"),
      rows: formatRows(day.rows, 0),
      bytes: formatBytes(day.bytes),
      users: day.users,
      eventsLabel: `Show the events of ${this.appName} on ${day.day}`,
      pressed: day.day === this.selectedDay ? "true" : "false",
      barStyle: `width: ${Math.round((100 * day.requests) / maxRequests)}%; height: 0.5rem; background: #0176d3`
    }));
  }

  get hasTimeline(): boolean {
    return this.timelineRows.length > 0;
  }

  get eventsReady(): boolean {
    return this.records !== null;
  }

  /** Returns the events shown, filtered once per records, app and day. */
  private get shown(): AppEvents {
    if (this.app === null || this.records === null) {
      return { events: [], total: 0 };
    }
    let byKey = SHOWN_EVENTS.get(this.records);
    if (byKey === undefined) {
      byKey = new Map();
      SHOWN_EVENTS.set(this.records, byKey);
    }
    const key = `${this.app.appKey}\u0000${this.app.appName ?? ""}\u0000${this.selectedDay ?? ""}`;
    let result = byKey.get(key);
    if (result === undefined) {
      result = eventsOfApp(this.records, this.app, this.selectedDay);
      byKey.set(key, result);
    }
    return result;
  }

  get events(): ActivityRecord[] {
    return this.shown.events;
  }

  get hasEvents(): boolean {
    return this.shown.total > 0;
  }

  get eventsHeading(): string {
    return this.selectedDay === null
      ? `Events of ${this.appName}`
      : `Events of ${this.appName} on ${this.selectedDay}`;
  }

  get eventsText(): string {
    if (this.records === null) {
      return this.recordsProblem === null
        ? "Reading the events still in the org…"
        : `The org's events could not be read: ${this.recordsProblem}`;
    }
    const { total } = this.shown;
    if (total === 0) {
      return "No event of this app is still in the org for this period: event log files expire (free ones after a day), and the daily capture keeps only the figures above.";
    }
    const shownCount = Math.min(total, MAX_EVENTS_SHOWN);
    return `${total.toLocaleString("en-US")} event(s) are still in the org; the newest ${shownCount.toLocaleString("en-US")} are listed.`;
  }

  get showAllDaysButton(): boolean {
    return this.records !== null && this.selectedDay !== null;
  }

  handleDay(event: Event): void {
    this.selectedDay = (event.currentTarget as HTMLElement).dataset.day ?? null;
  }

  handleAllDays(): void {
    this.selectedDay = null;
  }

  handleClose(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }
}
