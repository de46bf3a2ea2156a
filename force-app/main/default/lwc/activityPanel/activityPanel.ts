import { LightningElement } from "lwc";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listCapturedFiles from "@salesforce/apex/EventSourceController.listCapturedFiles";
import type {
  ActivitySummary,
  CapturedLogFile,
  EventSourceStatus
} from "oauth-guard/dto";
import {
  formatBytes,
  formatRows,
  readSummaryPages,
  summariseApps,
  timelineForApp,
  unreadCapturedFiles,
  type AppActivityRow
} from "c/activityView";

function readSummaries(): Promise<{
  summaries: ActivitySummary[];
  complete: boolean;
}> {
  return readSummaryPages((cursor) =>
    listActivitySummaries({ since: null, cursor })
  );
}

function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
}

function distinctText(count: number, truncated: boolean): string {
  return truncated ? `at least ${count}` : String(count);
}

/**
 * The Activity tab: which activity sources the user can read, per-app
 * figures from the daily capture, one app's timeline, the files the
 * capture could not read, and an import of event files from disk.
 */
export default class ActivityPanel extends LightningElement {
  loading = true;
  error: unknown;
  sources: EventSourceStatus[] = [];
  summaries: ActivitySummary[] = [];
  summariesComplete = true;
  apps: AppActivityRow[] = [];
  unreadFiles: CapturedLogFile[] = [];
  selectedAppKey: string | null = null;

  override connectedCallback(): void {
    this.read().catch((error: unknown) => {
      this.error = error;
    });
  }

  private async read(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    try {
      const [sources, summaryRead, files] = await Promise.all([
        detectSources(),
        readSummaries(),
        listCapturedFiles({ since: null })
      ]);
      this.sources = sources;
      this.summaries = summaryRead.summaries;
      this.summariesComplete = summaryRead.complete;
      this.apps = summariseApps(summaryRead.summaries);
      this.unreadFiles = unreadCapturedFiles(files);
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get ready(): boolean {
    return !this.loading && !this.error;
  }

  get sourceRows() {
    return this.sources.map((source) => ({
      key: source.source,
      name: source.source,
      state: source.available ? "Available" : "Not available",
      reason: source.reason,
      eventTypes: source.eventTypes.join(", "),
      missingPermissions: source.missingPermissions.join(", ")
    }));
  }

  get summariesPartial(): boolean {
    return !this.summariesComplete;
  }

  get hasActivity(): boolean {
    return this.apps.length > 0;
  }

  get appRows() {
    return this.apps.map((app) => ({
      key: app.appKey,
      name: app.appName,
      openLabel: `Show the timeline of ${app.appName}`,
      requests: app.requests.toLocaleString("en-US"),
      rows: formatRows(app.rows, app.requestsWithUnknownRows),
      bytes: formatBytes(app.bytes),
      users: app.users,
      sourceIps: distinctText(app.sourceIps, app.sourceIpsTruncated),
      userAgents: distinctText(app.userAgents, app.userAgentsTruncated),
      firstSeen: formatTime(app.firstSeen),
      lastSeen: formatTime(app.lastSeen)
    }));
  }

  get selectedApp(): AppActivityRow | null {
    return this.apps.find((app) => app.appKey === this.selectedAppKey) ?? null;
  }

  get timelineHeading(): string {
    return `Daily activity of ${this.selectedApp?.appName ?? ""}`;
  }

  get timelineRows() {
    const days = timelineForApp(this.summaries, this.selectedAppKey ?? "");
    const maxRequests = Math.max(1, ...days.map((day) => day.requests));
    return days.map((day) => ({
      key: day.day,
      day: day.day,
      requests: day.requests.toLocaleString("en-US"),
      rows: formatRows(day.rows, 0),
      bytes: formatBytes(day.bytes),
      users: day.users,
      barStyle: `width: ${Math.round((100 * day.requests) / maxRequests)}%; height: 0.5rem; background: #0176d3`
    }));
  }

  get hasUnreadFiles(): boolean {
    return this.unreadFiles.length > 0;
  }

  get unreadFileRows() {
    return this.unreadFiles.map((file) => ({
      key: file.fileKey,
      eventType: file.eventType,
      logDate: formatTime(file.logDate),
      status: file.status === "TooLarge" ? "Too large for Apex" : "Failed",
      size: formatBytes(file.logFileLength),
      problems: file.problems ?? "",
      downloadPath: `/services/data/v64.0/sobjects/EventLogFile/${file.eventLogFileId}/LogFile`
    }));
  }

  handleOpenTimeline(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    this.selectedAppKey = target.dataset.key ?? null;
  }

  handleCloseTimeline(): void {
    this.selectedAppKey = null;
  }
}
