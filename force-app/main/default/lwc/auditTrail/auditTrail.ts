import { LightningElement } from "lwc";
import hasArchivePermission from "@salesforce/customPermission/Archive_OAuth_Guard_Audit";
import listAuditTrail from "@salesforce/apex/AuditTrailController.listAuditTrail";
import listRevocationRequests from "@salesforce/apex/TokenRevocationController.listRevocationRequests";
import type { AuditEntry, RevocationRequest } from "oauth-guard/dto";
import {
  describeProblem,
  describeVerdict,
  readAuditTrail,
  verifyChainInTasks,
  withNullFields,
  type ChainVerdict
} from "c/auditChain";
import { auditTrailCsv } from "c/csvExport";
import { downloadTextFile } from "c/fileDownload";

/** Lets the browser paint and take input between chunks of hashing. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    // A zero-delay timer ends the current task, so that the browser
    // handles input between chunks of hashing.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(resolve, 0);
  });
}

/**
 * The Audit tab. It checks every revocation request and token outcome
 * against the hash chain, and states "audit trail intact" or which record
 * was altered or removed. It lists the newest requests with their
 * outcomes and every record in a paged table, exports the trail as CSV,
 * and offers archiving to a user with the Archive OAuth Guard Audit
 * custom permission. Readers need only read access to the audit objects.
 */
export default class AuditTrail extends LightningElement {
  loading = true;
  recordsRead = 0;
  error: unknown;
  entries: AuditEntry[] = [];
  verdict: ChainVerdict | null = null;
  requests: RevocationRequest[] = [];
  selectedRequestId: string | null = null;

  override connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.error = error;
      this.loading = false;
    });
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    this.recordsRead = 0;
    const [trail, requests] = await Promise.all([
      readAuditTrail(
        async (cursor) => withNullFields(await listAuditTrail({ cursor })),
        (recordsRead) => {
          this.recordsRead = recordsRead;
        }
      ),
      listRevocationRequests({ appKey: null })
    ]);
    this.entries = trail.entries;
    this.verdict = await verifyChainInTasks(
      trail.entries,
      trail.head,
      nextTask
    );
    this.requests = requests;
    if (
      this.selectedRequestId !== null &&
      !requests.some((request) => request.id === this.selectedRequestId)
    ) {
      this.selectedRequestId = null;
    }
    this.loading = false;
  }

  get loadingText(): string {
    return `Reading the audit trail: ${this.recordsRead.toLocaleString()} records read`;
  }

  get ready(): boolean {
    return !this.loading && !this.error && this.verdict !== null;
  }

  get intact(): boolean {
    return this.verdict?.intact === true;
  }

  get verdictText(): string {
    return this.verdict ? describeVerdict(this.verdict) : "";
  }

  get problemItems(): { key: string; text: string }[] {
    return (this.verdict?.problems ?? []).map((problem, index) => ({
      key: String(index),
      text: describeProblem(problem)
    }));
  }

  get canArchive(): boolean {
    return hasArchivePermission === true;
  }

  get exportDisabled(): boolean {
    return !this.ready || this.entries.length === 0;
  }

  handleReload(): void {
    this.load().catch((error: unknown) => {
      this.error = error;
      this.loading = false;
    });
  }

  handleExport(): void {
    downloadTextFile(
      "oauth-guard-audit-trail.csv",
      auditTrailCsv(this.entries)
    );
  }

  handleShowRequest(event: CustomEvent<{ requestId: string }>): void {
    this.selectedRequestId = event.detail.requestId;
  }

  handleArchived(): void {
    this.handleReload();
  }
}
