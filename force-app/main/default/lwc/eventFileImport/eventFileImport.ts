import { LightningElement } from "lwc";
import {
  ActivityAggregator,
  type AppActivitySummary
} from "c/activityAggregate";
import { readActivityFile, type ActivityFileReport } from "c/activityImport";
import type { ReadProblem } from "c/activityRecord";
import { formatBytes, formatRows } from "c/activityView";

const UNATTRIBUTED_LABEL = "Unattributed (no connected app)";

/**
 * Reads event log CSV and event JSON files chosen from disk, in the
 * browser, and shows per-app figures and every problem with its file and
 * line. Each file is read as a stream (Blob.stream()), so no file is ever
 * held whole in memory. Nothing is sent to the org.
 */
export default class EventFileImport extends LightningElement {
  reading = false;
  progressText = "";
  reports: ActivityFileReport[] = [];
  error: unknown;
  appSummaries: AppActivitySummary[] | null = null;

  async handleFilesChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      return;
    }
    const aggregator = new ActivityAggregator();
    const reports: ActivityFileReport[] = [];
    this.reading = true;
    this.error = undefined;
    try {
      for (const file of files) {
        this.progressText = `Reading ${file.name}…`;
        // eslint-disable-next-line no-await-in-loop -- one file at a time keeps memory flat
        const report = await readActivityFile(
          file.name,
          file.stream(),
          (record) => aggregator.add(record)
        );
        reports.push(report);
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.reading = false;
      this.progressText = "";
      this.reports = reports;
      this.appSummaries = aggregator.summaries();
    }
  }

  get hasResult(): boolean {
    return this.appSummaries !== null;
  }

  get appRows() {
    return (this.appSummaries ?? []).map((app) => {
      const name =
        app.appKey === "unattributed"
          ? UNATTRIBUTED_LABEL
          : (app.connectedAppNames[0] ?? app.connectedAppId ?? app.appKey);
      const rowsKnown = app.requestsWithUnknownRows < app.requests;
      const bytesKnown = app.requestsWithUnknownBytes < app.requests;
      return {
        key: app.appKey,
        name,
        requests: app.requests.toLocaleString("en-US"),
        rows: formatRows(
          rowsKnown ? app.rows : null,
          app.requestsWithUnknownRows
        ),
        bytes: formatBytes(bytesKnown ? app.bytes : null),
        users: app.users.length,
        sourceIps: app.sourceIpCount,
        userAgents: app.userAgentCount
      };
    });
  }

  get hasApps(): boolean {
    return (this.appSummaries ?? []).length > 0;
  }

  get fileRows() {
    return this.reports.map((report) => ({
      key: report.file,
      file: report.file,
      format: report.format,
      records: report.records.toLocaleString("en-US"),
      problemCount: report.problemCount,
      note: report.note ?? ""
    }));
  }

  get problemRows() {
    const problems: ReadProblem[] = this.reports.flatMap(
      (report) => report.problems
    );
    return problems.map((problem, index) => ({
      key: String(index),
      text: `${problem.file}:${problem.line}: ${problem.message}`
    }));
  }

  get hasProblems(): boolean {
    return this.problemRows.length > 0;
  }
}
