import { LightningElement } from "lwc";
import getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listEventLogFiles from "@salesforce/apex/EventSourceController.listEventLogFiles";
import readEventLogFile from "@salesforce/apex/EventSourceController.readEventLogFile";
import type {
  ActivitySummary,
  AllowlistEntry,
  EventLogFileInfo,
  PolicyOverview
} from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import { readActivityFile } from "c/activityImport";
import { historyFromCapturedSummaries } from "c/activityHistory";
import { MAX_SUMMARY_PAGES, readSummaryPages } from "c/activityView";
import {
  findFindings,
  UNATTRIBUTED_APP_KEY,
  type Finding,
  type FindingReport
} from "c/findingEngine";
import { readFindingRules, type FindingRuleReading } from "c/findingRules";
import {
  buildEvidencePack,
  evidencePackCsv,
  evidencePackJson,
  orgRecordsInput,
  type EvidenceInput
} from "c/evidencePack";
import { downloadTextFile } from "c/fileDownload";

/** Pages of file lists read before the panel stops, as for summaries. */
const MAX_PAGES = MAX_SUMMARY_PAGES;

/** The event log files read from the org, with their records. */
interface OrgFile {
  info: EventLogFileInfo;
  records: ActivityRecord[];
}

interface EventFileRead {
  files: OrgFile[];
  /** Sentences on files left out or lists cut short. */
  notes: string[];
}

async function listAllEventLogFiles(): Promise<{
  files: EventLogFileInfo[];
  complete: boolean;
}> {
  const files: EventLogFileInfo[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    // eslint-disable-next-line no-await-in-loop -- each page needs the previous cursor
    const result = await listEventLogFiles({ eventType: null, cursor });
    files.push(...result.files);
    cursor = result.nextCursor;
    if (cursor === null) {
      return { files, complete: true };
    }
  }
  return { files, complete: false };
}

async function readEventFiles(): Promise<EventFileRead> {
  const listing = await listAllEventLogFiles();
  const notes: string[] = [];
  if (!listing.complete) {
    notes.push(
      `Only the newest ${listing.files.length} event log files were listed, so older events were not checked.`
    );
  }
  const readable = listing.files.filter((file) => file.readableInApex);
  const tooLarge = listing.files.length - readable.length;
  if (tooLarge > 0) {
    notes.push(
      `${tooLarge} event log file(s) are too large for Apex and were not checked. Download them and run oauth-guard analyze on them.`
    );
  }
  const files: OrgFile[] = [];
  for (const info of readable) {
    // eslint-disable-next-line no-await-in-loop -- one file's CSV in memory at a time
    const content = await readEventLogFile({ fileId: info.id });
    const records: ActivityRecord[] = [];
    // Refresh login rules read raw fields such as LOGIN_SUB_TYPE.
    // eslint-disable-next-line no-await-in-loop -- parsed before the next file is read
    const report = await readActivityFile(
      info.fileKey,
      [content.csv],
      (record) => records.push(record),
      { keepFields: true }
    );
    if (report.problemCount > 0) {
      notes.push(
        `Event log file ${info.fileKey} has ${report.problemCount} unreadable row(s): ${report.problems[0]?.message ?? ""}`
      );
    }
    files.push({ info, records });
  }
  return { files, notes };
}

function readSummaries(): Promise<{
  summaries: ActivitySummary[];
  complete: boolean;
}> {
  return readSummaryPages((cursor) =>
    listActivitySummaries({ since: null, cursor })
  );
}

function formatTime(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

function appLabelOf(finding: Finding): string {
  if (finding.appNames.length > 0) {
    return finding.appNames.join(", ");
  }
  if (finding.appKeys.length === 0 || finding.appKey === UNATTRIBUTED_APP_KEY) {
    return "unattributed";
  }
  return finding.appKeys.join(", ");
}

function userLabelOf(finding: Finding): string {
  return finding.users.length > 0 ? finding.users.join(", ") : "none";
}

function fileNameStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:.]/g, "-");
}

/**
 * The Findings tab: runs the indicator rules over the org's event log
 * files, with the allowlist and the daily capture as the baseline, and
 * lists the findings, the suppressions and the notes of the run. The
 * findings and their inputs can be saved as an evidence pack.
 */
export default class FindingsPanel extends LightningElement {
  loading = true;
  error: unknown;
  report: FindingReport | null = null;
  expandedIds: string[] = [];
  private ruleReading: FindingRuleReading | null = null;
  private allowlist: AllowlistEntry[] = [];
  private overview: PolicyOverview | null = null;
  private files: OrgFile[] = [];
  private summaries: ActivitySummary[] = [];
  private readNotes: string[] = [];

  override connectedCallback(): void {
    this.read().catch((error: unknown) => {
      this.error = error;
    });
  }

  private async read(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    try {
      const [overview, eventRead, summaryRead] = await Promise.all([
        getPolicyOverview(),
        readEventFiles(),
        readSummaries()
      ]);
      this.overview = overview;
      this.ruleReading = readFindingRules(overview.indicatorRules);
      this.allowlist = overview.allowlist;
      this.files = eventRead.files;
      this.summaries = summaryRead.summaries;
      this.readNotes = [...eventRead.notes];
      if (!summaryRead.complete) {
        this.readNotes.push(
          "Only the newest activity summaries were read for the baseline, so some apps and origins may be called new wrongly."
        );
      }
      // NOTE: the daily capture covers the days of the files too, so the
      // first-seen rules fire only for what the capture did not record.
      const baseline = historyFromCapturedSummaries(summaryRead.summaries);
      this.report = findFindings(
        eventRead.files.flatMap((file) => file.records),
        {
          rules: this.ruleReading.rules,
          allowlist: this.allowlist,
          baseline
        }
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get ready(): boolean {
    return !this.loading && !this.error && this.report !== null;
  }

  get hasFindings(): boolean {
    return (this.report?.findings.length ?? 0) > 0;
  }

  get summaryText(): string {
    const report = this.report;
    if (!report) {
      return "";
    }
    const records = report.recordsRead.toLocaleString("en-US");
    return `${report.findings.length} finding(s) in ${records} event(s) from ${this.files.length} event log file(s).`;
  }

  get findingRows() {
    const findings = this.report?.findings ?? [];
    return findings.map((finding) => {
      const expanded = this.expandedIds.includes(finding.id);
      return {
        key: finding.id,
        ruleId: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        app: appLabelOf(finding),
        user: userLabelOf(finding),
        firstTime: formatTime(finding.firstTime),
        lastTime: formatTime(finding.lastTime),
        count: finding.count.toLocaleString("en-US"),
        detail: finding.detail,
        expanded,
        ariaExpanded: expanded ? "true" : "false",
        toggleLabel: expanded
          ? `Hide the events of ${finding.ruleId}`
          : `Show the events of ${finding.ruleId}`,
        eventsId: `events-${finding.id}`,
        omittedText:
          finding.eventsOmitted > 0
            ? `${finding.eventsOmitted.toLocaleString("en-US")} more matching event(s) are not shown.`
            : "",
        events: finding.events.map((event, index) => ({
          key: `${event.key ?? "event"}-${index}`,
          time: formatTime(event.time),
          eventType: event.eventType,
          user: event.username ?? event.userId ?? "",
          app: event.connectedAppName ?? event.connectedAppId ?? "unattributed",
          sourceIp: event.sourceIp ?? "",
          userAgent: event.userAgent ?? "",
          operation: event.operation ?? "",
          entity: event.entity ?? "",
          rows: event.rows === null ? "" : event.rows.toLocaleString("en-US")
        }))
      };
    });
  }

  get hasSuppressions(): boolean {
    return (this.report?.suppressions.length ?? 0) > 0;
  }

  get suppressionRows() {
    return (this.report?.suppressions ?? []).map((suppression) => ({
      key: `${suppression.ruleId}|${suppression.entryName}`,
      ruleId: suppression.ruleId,
      entry: suppression.entryName,
      entryKind: suppression.entryKind,
      entryValue: suppression.entryValue,
      events: suppression.events.toLocaleString("en-US")
    }));
  }

  get noteRows() {
    const report = this.report;
    if (!report) {
      return [];
    }
    const rows: { key: string; text: string }[] = [];
    const add = (text: string): void => {
      rows.push({ key: `note-${rows.length}`, text });
    };
    this.readNotes.forEach(add);
    for (const rule of report.rulesNotRun) {
      add(`Rule ${rule.ruleId} did not run: ${rule.reason}`);
    }
    for (const problem of this.ruleReading?.problems ?? []) {
      add(problem.message);
    }
    for (const problem of report.allowlistProblems) {
      add(problem.message);
    }
    report.notes.forEach(add);
    return rows;
  }

  get hasNotes(): boolean {
    return this.noteRows.length > 0;
  }

  handleToggleFinding(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? "";
    this.expandedIds = this.expandedIds.includes(id)
      ? this.expandedIds.filter((expandedId) => expandedId !== id)
      : [...this.expandedIds, id];
  }

  handleExport(): void {
    const report = this.report;
    const overview = this.overview;
    if (!report || !overview || !this.ruleReading) {
      return;
    }
    const inputs: EvidenceInput[] = this.files.map((file) =>
      orgRecordsInput(
        "activity",
        `EventLogFile ${file.info.id} (${file.info.fileKey})`,
        file.records
      )
    );
    inputs.push(
      orgRecordsInput(
        "rules",
        "OAuth Guard Indicator Rule records",
        overview.indicatorRules
      ),
      orgRecordsInput(
        "allowlist",
        "OAuth Guard Allowlist Entry records",
        overview.allowlist
      ),
      orgRecordsInput(
        "baseline",
        "activity summaries of the daily capture",
        this.summaries
      )
    );
    const createdAt = Date.now();
    const pack = buildEvidencePack({
      report,
      rules: this.ruleReading.rules,
      ruleProblems: this.ruleReading.problems,
      allowlist: this.allowlist,
      inputs,
      madeBy: {
        tool: "OAuth Guard page",
        // NOTE: copied by hand from package.json, which a component cannot read.
        toolVersion: "0.1.0",
        method:
          "Findings tab: event log files read through EventSourceController, rules and allowlist from PolicyController.getPolicyOverview"
      },
      createdAt
    });
    const baseName = `oauth-guard-evidence-${fileNameStamp(createdAt)}`;
    downloadTextFile(
      `${baseName}.json`,
      evidencePackJson(pack),
      "application/json"
    );
    downloadTextFile(`${baseName}.csv`, evidencePackCsv(pack), "text/csv");
  }
}
