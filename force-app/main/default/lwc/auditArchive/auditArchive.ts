import { LightningElement, api } from "lwc";
import archiveAuditTrail from "@salesforce/apex/AuditTrailController.archiveAuditTrail";
import planAuditArchive from "@salesforce/apex/AuditTrailController.planAuditArchive";
import type { AuditArchivePlan, AuditEntry } from "oauth-guard/dto";
import { archiveExport, type ArchiveExport } from "c/csvExport";
import { downloadTextFile } from "c/fileDownload";
import { formatTime } from "c/revocationRequestTable";

/**
 * Archiving for an auditor, in three steps: plan which old records may
 * go, export them as CSV, then remove them. Apex records the export's
 * SHA-256 in the archive record, so the saved file can be checked later.
 */
export default class AuditArchive extends LightningElement {
  /** Every audit record the page loaded, from which the export is made. */
  @api entries: AuditEntry[] = [];
  /** False when the trail failed verification: archiving waits then. */
  @api chainIntact = false;

  plan: AuditArchivePlan | null = null;
  planning = false;
  planError: unknown;
  exported: ArchiveExport | null = null;
  reason = "";
  archiving = false;
  archiveError: unknown;

  get archiveBlocked(): boolean {
    return !this.chainIntact;
  }

  get planDisabled(): boolean {
    return this.planning || this.archiveBlocked;
  }

  get cutSequence(): number | null {
    return this.plan?.cutSequence ?? null;
  }

  get hasCut(): boolean {
    return this.cutSequence !== null;
  }

  get rangeLabel(): string {
    return `records ${this.plan?.firstSequence ?? "?"} to ${this.cutSequence ?? "?"}`;
  }

  get planText(): string {
    const plan = this.plan;
    if (!plan) {
      return "";
    }
    if (this.cutSequence === null) {
      return `No record written before ${formatTime(plan.before)} can be archived.`;
    }
    return (
      `${plan.recordCount.toLocaleString()} records, ${this.rangeLabel}, ` +
      `written before ${formatTime(plan.before)}, may be archived.`
    );
  }

  get noteItems(): { key: string; text: string }[] {
    return (this.plan?.notes ?? []).map((text, index) => ({
      key: String(index),
      text
    }));
  }

  get exportLabel(): string {
    return `Export ${this.rangeLabel} as CSV`;
  }

  get archiveLabel(): string {
    return `Archive ${this.rangeLabel}`;
  }

  get exportText(): string {
    const exported = this.exported;
    return exported
      ? `Exported ${exported.recordCount.toLocaleString()} records. SHA-256 of the file: ${exported.exportSha256}`
      : "";
  }

  get archiveDisabled(): boolean {
    return (
      this.archiving || this.exported === null || this.reason.trim() === ""
    );
  }

  async handlePlan(): Promise<void> {
    this.planning = true;
    this.planError = undefined;
    this.exported = null;
    try {
      this.plan = await planAuditArchive({ before: null });
    } catch (error) {
      this.planError = error;
    } finally {
      this.planning = false;
    }
  }

  handleExport(): void {
    const cut = this.cutSequence;
    if (cut === null) {
      return;
    }
    const exported = archiveExport(this.entries ?? [], cut);
    downloadTextFile(
      `oauth-guard-audit-${this.plan?.firstSequence ?? 1}-${cut}.csv`,
      exported.csv
    );
    this.exported = exported;
  }

  handleReasonInput(event: Event): void {
    this.reason = (event.target as HTMLInputElement).value;
  }

  async handleArchive(): Promise<void> {
    const cut = this.cutSequence;
    const exported = this.exported;
    if (cut === null || exported === null || this.archiveDisabled) {
      return;
    }
    this.archiving = true;
    this.archiveError = undefined;
    try {
      const archive = await archiveAuditTrail({
        cutSequence: cut,
        exportSha256: exported.exportSha256,
        reason: this.reason.trim()
      });
      this.plan = null;
      this.exported = null;
      this.dispatchEvent(new CustomEvent("archived", { detail: { archive } }));
    } catch (error) {
      this.archiveError = error;
    } finally {
      this.archiving = false;
    }
  }
}
