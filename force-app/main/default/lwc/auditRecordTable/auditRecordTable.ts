import { LightningElement, api } from "lwc";
import type {
  AuditEntry,
  RevocationOutcomeCode,
  ScheduleChangeAction
} from "oauth-guard/dto";
import { formatTime } from "c/revocationRequestTable";

/** Audit records per page of the table. */
export const RECORDS_PER_PAGE = 50;

const KIND_LABELS: Record<AuditEntry["kind"], string> = {
  Request: "Request",
  Outcome: "Outcome",
  Archive: "Archive",
  ScheduleChange: "Schedule change"
};

const ACTION_LABELS: Record<ScheduleChangeAction, string> = {
  Schedule: "Scheduled",
  Cancel: "Cancelled"
};

const OUTCOME_LABELS: Record<RevocationOutcomeCode, string> = {
  Revoked: "Revoked",
  AlreadyGone: "Already gone",
  Failed: "Failed"
};

/**
 * Summarises what a record states, by kind, in one line. An outcome names
 * its request by record name when the request is among the records.
 */
function detailsOf(
  entry: AuditEntry,
  requestNames: ReadonlyMap<number, string>
): string {
  switch (entry.kind) {
    case "Request": {
      const target = entry.targetUserId ? ` of user ${entry.targetUserId}` : "";
      return (
        `${entry.scope ?? "Unknown scope"}${target}, ` +
        `${(entry.tokensRequested ?? 0).toLocaleString()} tokens: ${entry.reason ?? ""}`
      );
    }
    case "Outcome": {
      const outcome = entry.outcome
        ? OUTCOME_LABELS[entry.outcome]
        : "No outcome";
      const error = entry.error ? `: ${entry.error}` : "";
      const request =
        (entry.requestSequence !== null &&
          requestNames.get(entry.requestSequence)) ||
        `Request ${entry.requestSequence ?? "?"}`;
      return `${request}: ${outcome}${error}`;
    }
    case "Archive":
      return (
        `Removed records ${entry.firstSequence ?? "?"} to ${entry.lastSequence ?? "?"} ` +
        `(${(entry.recordsRemoved ?? 0).toLocaleString()}); export SHA-256 ` +
        `${entry.exportSha256 ?? ""}: ${entry.reason ?? ""}`
      );
    case "ScheduleChange": {
      const action = entry.action ? ACTION_LABELS[entry.action] : "Changed";
      return (
        `${action} "${entry.jobName ?? ""}" (cron ${entry.cronExpression ?? "?"}), ` +
        `CronTrigger ${entry.jobId ?? "?"}`
      );
    }
    default:
      return "";
  }
}

/**
 * Every audit record in a paged plain SLDS table, newest first, with the
 * start of each hash, so that an auditor can compare it with an export.
 */
export default class AuditRecordTable extends LightningElement {
  offset = 0;
  private records: AuditEntry[] = [];

  @api
  get entries(): AuditEntry[] {
    return this.records;
  }
  set entries(value: AuditEntry[]) {
    this.records = [...(value ?? [])].sort(
      (first, second) => second.sequence - first.sequence
    );
    this.offset = 0;
  }

  get rows() {
    const requestNames = new Map<number, string>();
    for (const entry of this.records) {
      if (entry.kind === "Request" && entry.name) {
        requestNames.set(entry.sequence, entry.name);
      }
    }
    return this.records
      .slice(this.offset, this.offset + RECORDS_PER_PAGE)
      .map((entry) => ({
        key: `${entry.sequence}|${entry.recordId}`,
        sequence: entry.sequence.toLocaleString(),
        name: entry.name ?? entry.recordId,
        kind: KIND_LABELS[entry.kind] ?? entry.kind,
        recordedAt: formatTime(entry.recordedAt),
        person: entry.actorName ?? entry.userId ?? "",
        app: entry.appName ?? entry.appKey ?? "",
        details: detailsOf(entry, requestNames),
        hash: `${entry.hash.slice(0, 12)}…`,
        fullHash: entry.hash
      }));
  }

  get isEmpty(): boolean {
    return this.records.length === 0;
  }

  get rangeText(): string {
    const total = this.records.length;
    const last = Math.min(this.offset + RECORDS_PER_PAGE, total);
    return `Records ${(this.offset + 1).toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}, newest first`;
  }

  get previousDisabled(): boolean {
    return this.offset === 0;
  }

  get nextDisabled(): boolean {
    return this.offset + RECORDS_PER_PAGE >= this.records.length;
  }

  handlePrevious(): void {
    this.offset = Math.max(0, this.offset - RECORDS_PER_PAGE);
  }

  handleNext(): void {
    this.offset += RECORDS_PER_PAGE;
  }
}
