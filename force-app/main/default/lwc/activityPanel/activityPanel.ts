import { LightningElement } from "lwc";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import listCapturedFiles from "@salesforce/apex/EventSourceController.listCapturedFiles";
import type {
  ActivitySummary,
  CapturedLogFile,
  ConnectedAppPolicy,
  EventSourceStatus
} from "oauth-guard/dto";
import {
  formatBytes,
  formatRows,
  summariseApps,
  unreadCapturedFiles,
  type AppActivityRow
} from "c/activityView";
import type { ActivityRecord } from "c/activityRecord";
import {
  sourceAppRows,
  type SelectedApp,
  type SourceAppRow
} from "c/activityEvents";
import { errorText } from "c/errorText";
import { orgActivityRecords, type OrgActivity } from "c/orgActivity";
import {
  loadActivitySummaries,
  loadConnectedApps,
  loadOrgActivity
} from "c/orgActivityStore";
import { appNameIndex } from "c/orgFindings";

function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
}

function distinctText(count: number, truncated: boolean): string {
  return truncated ? `at least ${count}` : String(count);
}

/**
 * The Activity tab: which activity sources the user can read, per-app
 * figures from the daily capture and from the real-time sources, one
 * app's timeline with the events behind it, the files the capture could
 * not read, and an import of event files from disk.
 */
export default class ActivityPanel extends LightningElement {
  loading = true;
  error: unknown;
  sources: EventSourceStatus[] = [];
  summaries: ActivitySummary[] = [];
  summariesComplete = true;
  apps: AppActivityRow[] = [];
  unreadFiles: CapturedLogFile[] = [];
  selectedApp: SelectedApp | null = null;
  /** The org's events, read apart so the capture's figures show first. */
  orgActivity: OrgActivity | null = null;
  orgActivityProblem: string | null = null;
  /** Derived once per read, because every render reads them. */
  records: ActivityRecord[] | null = null;
  recentRows: SourceAppRow[] = [];
  appNames: Record<string, string> = {};
  private connectedApps: ConnectedAppPolicy[] = [];

  override connectedCallback(): void {
    this.read().catch((error: unknown) => {
      this.error = error;
    });
    this.readOrgActivity(false);
    loadConnectedApps()
      .then((apps) => {
        this.connectedApps = apps;
        this.deriveFromEvents();
      })
      .catch((error: unknown) => {
        // loadConnectedApps reads none on failure, so this is unexpected.
        this.orgActivityProblem = errorText(error);
      });
  }

  /** Names apps by key from the capture's figures and the events. */
  private deriveFromEvents(): void {
    const activity = this.orgActivity;
    this.records = activity === null ? null : orgActivityRecords(activity);
    const names = appNameIndex(this.records ?? [], this.connectedApps);
    for (const summary of this.summaries) {
      if (summary.appName !== null) {
        names[summary.appKey] ??= summary.appName;
      }
    }
    this.appNames = names;
    this.recentRows =
      activity === null ? [] : sourceAppRows(activity, this.appNames);
  }

  private readOrgActivity(refresh: boolean): void {
    this.orgActivityProblem = null;
    loadOrgActivity(refresh)
      .then((activity) => {
        this.orgActivity = activity;
        this.deriveFromEvents();
      })
      .catch((error: unknown) => {
        this.orgActivityProblem = errorText(error);
      });
  }

  private async read(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    try {
      const [sources, summaryRead, files] = await Promise.all([
        detectSources(),
        loadActivitySummaries(),
        listCapturedFiles({ since: null })
      ]);
      this.sources = sources;
      this.summaries = summaryRead.summaries;
      this.summariesComplete = summaryRead.complete;
      this.apps = summariseApps(summaryRead.summaries);
      this.unreadFiles = unreadCapturedFiles(files);
      this.deriveFromEvents();
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

  get recentReady(): boolean {
    return this.orgActivity !== null;
  }

  get recentText(): string {
    return this.orgActivityProblem === null
      ? "Reading real-time events and login history…"
      : `Real-time events and login history could not be read: ${this.orgActivityProblem}`;
  }

  get recentNotes() {
    return (this.orgActivity?.notes ?? []).map((text, index) => ({
      key: `note-${index}`,
      text
    }));
  }

  get hasRecentNotes(): boolean {
    return this.recentNotes.length > 0;
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
    const key = (event.currentTarget as HTMLElement).dataset.key ?? null;
    const app = this.apps.find((candidate) => candidate.appKey === key);
    this.selectedApp = app
      ? { appKey: app.appKey, appName: app.appName }
      : null;
  }

  handleOpenRecent(event: CustomEvent<SelectedApp>): void {
    this.selectedApp = {
      appKey: event.detail.appKey,
      appName: event.detail.appName
    };
  }

  handleCloseTimeline(): void {
    this.selectedApp = null;
  }

  handleRefreshEvents(): void {
    this.orgActivity = null;
    this.deriveFromEvents();
    this.readOrgActivity(true);
  }
}
