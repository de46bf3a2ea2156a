import { LightningElement } from "lwc";
import type { Finding } from "c/findingEngine";
import {
  buildEvidencePack,
  evidencePackCsv,
  evidencePackJson
} from "c/evidencePack";
import { downloadTextFile } from "c/fileDownload";
import { loadOrgFindings, type LoadedFindings } from "c/orgActivityStore";
import { orgEvidenceInputs } from "c/orgFindings";

function fileNameStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:.]/g, "-");
}

/**
 * The Findings tab. It runs the indicator rules over every activity
 * source the user can read (event log files, real-time events, login
 * history), with the allowlist and the daily capture as the baseline. It
 * lists the findings, the suppressions and the notes of the run, and saves
 * the findings and their inputs as an evidence pack.
 */
export default class FindingsPanel extends LightningElement {
  loading = true;
  error: unknown;
  loaded: LoadedFindings | null = null;

  override connectedCallback(): void {
    this.read(false).catch((error: unknown) => {
      this.error = error;
    });
  }

  private async read(refresh: boolean): Promise<void> {
    this.loading = true;
    this.error = undefined;
    try {
      this.loaded = await loadOrgFindings(refresh);
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get ready(): boolean {
    return !this.loading && !this.error && this.loaded !== null;
  }

  get findings(): Finding[] {
    return this.loaded?.report.findings ?? [];
  }

  get appNames(): Record<string, string> {
    return this.loaded?.appNames ?? {};
  }

  get hasFindings(): boolean {
    return this.findings.length > 0;
  }

  get summaryText(): string {
    const loaded = this.loaded;
    if (!loaded) {
      return "";
    }
    const records = loaded.report.recordsRead.toLocaleString("en-US");
    const sources = [
      `${loaded.activity.files.length} event log file(s)`,
      ...loaded.activity.rowSources.map((read) => read.source)
    ].join(", ");
    return `${loaded.report.findings.length} finding(s) in ${records} event(s) from ${sources}.`;
  }

  get hasSuppressions(): boolean {
    return (this.loaded?.report.suppressions.length ?? 0) > 0;
  }

  get suppressionRows() {
    return (this.loaded?.report.suppressions ?? []).map((suppression) => ({
      key: `${suppression.ruleId}|${suppression.entryName}`,
      ruleId: suppression.ruleId,
      entry: suppression.entryName,
      entryKind: suppression.entryKind,
      entryValue: suppression.entryValue,
      events: suppression.events.toLocaleString("en-US")
    }));
  }

  get noteRows() {
    const loaded = this.loaded;
    if (!loaded) {
      return [];
    }
    const texts = [
      ...loaded.notes,
      ...loaded.report.rulesNotRun.map(
        (rule) => `Rule ${rule.ruleId} did not run: ${rule.reason}`
      ),
      ...loaded.ruleReading.problems.map((problem) => problem.message),
      ...loaded.report.allowlistProblems.map((problem) => problem.message),
      ...loaded.report.notes
    ];
    return texts.map((text, index) => ({ key: `note-${index}`, text }));
  }

  get hasNotes(): boolean {
    return this.noteRows.length > 0;
  }

  handleRefresh(): void {
    this.read(true).catch((error: unknown) => {
      this.error = error;
    });
  }

  handleExport(): void {
    const loaded = this.loaded;
    if (!loaded) {
      return;
    }
    const createdAt = Date.now();
    const pack = buildEvidencePack({
      report: loaded.report,
      rules: loaded.ruleReading.rules,
      ruleProblems: loaded.ruleReading.problems,
      allowlist: loaded.overview.allowlist,
      inputs: orgEvidenceInputs({
        activity: loaded.activity,
        summaries: loaded.summaries,
        summariesComplete: true,
        indicatorRules: loaded.overview.indicatorRules,
        allowlist: loaded.overview.allowlist
      }),
      readNotes: loaded.notes,
      appNames: loaded.appNames,
      madeBy: {
        tool: "OAuth Guard page",
        // NOTE: copied by hand from package.json, which a component cannot read.
        toolVersion: "0.1.0",
        method:
          "Findings tab: event log files, real-time events and LoginHistory read through EventSourceController, rules and allowlist from PolicyController.getPolicyOverview"
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
