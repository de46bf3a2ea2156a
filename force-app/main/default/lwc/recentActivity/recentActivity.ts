import { LightningElement, api } from "lwc";
import type { SourceAppRow } from "c/activityEvents";
import { formatEventTime } from "c/eventTable";

/**
 * Per-app figures of the real-time event objects and LoginHistory, one
 * row per source and app. An app's name opens its events.
 */
export default class RecentActivity extends LightningElement {
  @api rows: SourceAppRow[] = [];

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get rowViews() {
    return this.rows.map((row) => ({
      key: `${row.source}|${row.appKey}`,
      appKey: row.appKey,
      source: row.source,
      name: row.appName,
      openLabel: `Show the events of ${row.appName}`,
      events: row.events.toLocaleString("en-US"),
      rows:
        row.eventsWithUnknownRows === row.events
          ? "unknown"
          : row.rows.toLocaleString("en-US"),
      users: row.users,
      sourceIps: row.sourceIps,
      userAgents: row.userAgents,
      firstSeen: formatEventTime(row.firstSeen),
      lastSeen: formatEventTime(row.lastSeen)
    }));
  }

  handleOpen(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    const row = this.rows.find(
      (candidate) =>
        candidate.appKey === target.dataset.key &&
        candidate.source === target.dataset.source
    );
    if (row) {
      this.dispatchEvent(
        new CustomEvent("open", {
          detail: { appKey: row.appKey, appName: row.appName }
        })
      );
    }
  }
}
