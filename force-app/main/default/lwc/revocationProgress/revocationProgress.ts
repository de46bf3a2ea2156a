import { LightningElement, api, wire } from "lwc";
import getRevocationAccess from "@salesforce/apex/TokenRevocationController.getRevocationAccess";
import getRevocationStatus from "@salesforce/apex/TokenRevocationController.getRevocationStatus";
import resumeRevocation from "@salesforce/apex/TokenRevocationController.resumeRevocation";
import type { WiredResult } from "oauth-guard/apex";
import type {
  RevocationAccess,
  RevocationOutcome,
  RevocationOutcomeCode,
  RevocationRequest
} from "oauth-guard/dto";
import {
  describeOutcome,
  describeRequestStatus,
  isRevocationActive,
  progressOf
} from "c/revocationPlan";
import { setupPathForKey } from "c/inventoryView";

/** Time between two status reads while the job runs. */
export const POLL_INTERVAL_MS = 2000;
/** Outcome rows per page of the table. */
export const OUTCOME_ROWS_PER_PAGE = 50;
/** Most outcome pages read in one poll: 200 pages of 200 outcomes. */
const MAXIMUM_OUTCOME_PAGES = 200;

type OutcomeFilter = "all" | RevocationOutcomeCode;

const OUTCOME_LABELS: Record<RevocationOutcomeCode, string> = {
  Revoked: "Revoked",
  AlreadyGone: "Already gone",
  Failed: "Failed"
};

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC"
});

function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return "Unknown";
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

/**
 * Follows one revocation request. It polls getRevocationStatus while the
 * request is queued or running, and shows its progress and final counts.
 * It lists each token's outcome with the reason for a failure and offers
 * Resume when the request may be resumed. It points to Setup, because
 * revoking does not stop users from authorising the app again.
 */
export default class RevocationProgress extends LightningElement {
  /** Setup path for blocking the app; derived from the app key if unset. */
  @api setupUrl: string | null = null;
  /** Offers to reload the app's tokens once the request finished. */
  @api showReload = false;

  request: RevocationRequest | null = null;
  outcomes: RevocationOutcome[] = [];
  error: unknown;
  resumeError: unknown;
  resuming = false;
  filter: OutcomeFilter = "all";
  offset = 0;
  access: RevocationAccess | null = null;

  private currentRequestId = "";
  /** The last outcome's sequence, from which the next read continues. */
  private outcomeCursor: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  private finishedReported = false;

  @api
  get requestId(): string {
    return this.currentRequestId;
  }
  set requestId(value: string) {
    if (value === this.currentRequestId) {
      return;
    }
    this.currentRequestId = value;
    this.request = null;
    this.outcomes = [];
    this.outcomeCursor = null;
    this.offset = 0;
    this.error = undefined;
    this.finishedReported = false;
    if (this.connected) {
      this.restartPolling();
    }
  }

  @wire(getRevocationAccess)
  wiredAccess({ data }: WiredResult<RevocationAccess>): void {
    this.access = data ?? null;
  }

  override connectedCallback(): void {
    this.connected = true;
    this.restartPolling();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    clearTimeout(this.timer);
  }

  private restartPolling(): void {
    clearTimeout(this.timer);
    if (this.currentRequestId) {
      this.poll().catch((error: unknown) => {
        this.error = error;
      });
    }
  }

  /**
   * Reads the request and the outcomes written since the last read, then
   * schedules the next read while the job may still change the request.
   */
  private async poll(): Promise<void> {
    const requestId = this.currentRequestId;
    const outcomes: RevocationOutcome[] = [];
    let request: RevocationRequest | null = null;
    let moreOutcomes = false;
    for (let pages = 0; pages < MAXIMUM_OUTCOME_PAGES; pages += 1) {
      // eslint-disable-next-line no-await-in-loop -- each page's cursor comes from the one before
      const status = await getRevocationStatus({
        requestId,
        outcomeCursor: this.outcomeCursor
      });
      if (requestId !== this.currentRequestId || !this.connected) {
        return;
      }
      request = status.request;
      outcomes.push(...(status.outcomes ?? []));
      const last = status.outcomes?.[status.outcomes.length - 1];
      // NOTE: Apex RevocationReader's cursor is the last outcome's
      // sequence; the page continues from there once the job writes more.
      this.outcomeCursor = last ? String(last.sequence) : this.outcomeCursor;
      moreOutcomes = Boolean(status.nextOutcomeCursor);
      if (!moreOutcomes) {
        break;
      }
    }
    this.request = request;
    this.outcomes = [...this.outcomes, ...outcomes];
    this.error = undefined;
    if (request && (isRevocationActive(request) || moreOutcomes)) {
      // Polling needs a timer: nothing pushes progress to the page.
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      this.timer = setTimeout(
        () => this.restartPolling(),
        moreOutcomes ? 0 : POLL_INTERVAL_MS
      );
    } else if (request && !this.finishedReported) {
      this.finishedReported = true;
      this.dispatchEvent(new CustomEvent("finished", { detail: { request } }));
    }
  }

  get loading(): boolean {
    return this.request === null && !this.error;
  }

  get heading(): string {
    const request = this.request;
    if (!request) {
      return "Revocation request";
    }
    return `Revocation ${request.name}: ${request.appName ?? request.appKey}`;
  }

  get statusText(): string {
    return this.request ? describeRequestStatus(this.request) : "";
  }

  get percent(): number {
    return this.request ? progressOf(this.request).percent : 0;
  }

  get barStyle(): string {
    return `width: ${this.percent}%`;
  }

  get progressLabel(): string {
    return `Revocation progress: ${this.percent}%`;
  }

  get isActive(): boolean {
    return this.request !== null && isRevocationActive(this.request);
  }

  get counts(): { key: string; text: string }[] {
    const request = this.request;
    if (!request) {
      return [];
    }
    return [
      {
        key: "requested",
        label: "Tokens requested",
        value: request.tokensRequested
      },
      { key: "revoked", label: "Revoked", value: request.revoked },
      {
        key: "already-gone",
        label: "Already gone",
        value: request.alreadyGone
      },
      { key: "failed", label: "Failed", value: request.failed }
    ].map((count) => ({
      key: count.key,
      text: `${count.label}: ${count.value.toLocaleString()}`
    }));
  }

  get hasFailures(): boolean {
    return (this.request?.failed ?? 0) > 0;
  }

  get failureAdvice(): string {
    const domain = this.access?.orgDomainUrl ?? "your org's My Domain URL";
    return (
      `Failed tokens are still valid. When a failure names remote site ` +
      `settings, add a Remote Site Setting for ${domain} in Setup, then ` +
      `revoke the remaining tokens again.`
    );
  }

  get canResume(): boolean {
    return this.request?.resumable === true;
  }

  get showSetupPointer(): boolean {
    return this.request !== null && !this.isActive;
  }

  get setupPath(): string {
    return this.setupUrl || setupPathForKey(this.request?.appKey ?? "");
  }

  get canReload(): boolean {
    return this.showReload && this.showSetupPointer;
  }

  get filterOptions(): { value: string; label: string; selected: boolean }[] {
    const counts: Record<OutcomeFilter, number> = {
      all: this.outcomes.length,
      Revoked: 0,
      AlreadyGone: 0,
      Failed: 0
    };
    for (const outcome of this.outcomes) {
      counts[outcome.outcome] += 1;
    }
    return (["all", "Failed", "AlreadyGone", "Revoked"] as OutcomeFilter[]).map(
      (value) => ({
        value,
        label: `${value === "all" ? "All outcomes" : OUTCOME_LABELS[value]} (${counts[value].toLocaleString()})`,
        selected: value === this.filter
      })
    );
  }

  private get filteredOutcomes(): RevocationOutcome[] {
    return this.filter === "all"
      ? this.outcomes
      : this.outcomes.filter((outcome) => outcome.outcome === this.filter);
  }

  get hasOutcomes(): boolean {
    return this.outcomes.length > 0;
  }

  get outcomeRows(): {
    key: string;
    holder: string;
    created: string;
    outcome: string;
    details: string;
    failed: boolean;
  }[] {
    return this.filteredOutcomes
      .slice(this.offset, this.offset + OUTCOME_ROWS_PER_PAGE)
      .map((outcome) => ({
        key: outcome.id,
        holder: outcome.userName ?? outcome.userId ?? "Unknown user",
        created: formatDate(outcome.tokenCreatedDate),
        outcome: OUTCOME_LABELS[outcome.outcome] ?? outcome.outcome,
        details: describeOutcome(outcome),
        failed: outcome.outcome === "Failed"
      }));
  }

  get rangeText(): string {
    const total = this.filteredOutcomes.length;
    if (total === 0) {
      return "No outcomes";
    }
    const last = Math.min(this.offset + OUTCOME_ROWS_PER_PAGE, total);
    return `Outcomes ${(this.offset + 1).toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`;
  }

  get previousDisabled(): boolean {
    return this.offset === 0;
  }

  get nextDisabled(): boolean {
    return this.offset + OUTCOME_ROWS_PER_PAGE >= this.filteredOutcomes.length;
  }

  handleFilter(event: Event): void {
    this.filter = (event.target as HTMLSelectElement).value as OutcomeFilter;
    this.offset = 0;
  }

  handlePrevious(): void {
    this.offset = Math.max(0, this.offset - OUTCOME_ROWS_PER_PAGE);
  }

  handleNext(): void {
    this.offset += OUTCOME_ROWS_PER_PAGE;
  }

  handleReload(): void {
    this.dispatchEvent(
      new CustomEvent("reload", {
        detail: { requestId: this.currentRequestId }
      })
    );
  }

  async handleResume(): Promise<void> {
    if (this.resuming) {
      return;
    }
    this.resuming = true;
    this.resumeError = undefined;
    try {
      this.request = await resumeRevocation({
        requestId: this.currentRequestId
      });
      this.finishedReported = false;
      this.restartPolling();
    } catch (error) {
      this.resumeError = error;
    } finally {
      this.resuming = false;
    }
  }
}
