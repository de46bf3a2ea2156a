import { LightningElement, api } from "lwc";
import type { RevocationRequest, RevocationStatusCode } from "oauth-guard/dto";

const STATUS_LABELS: Record<RevocationStatusCode, string> = {
  Queued: "Queued",
  Running: "Running",
  Completed: "Completed",
  CompletedWithFailures: "Completed with failures",
  Interrupted: "Interrupted"
};

const SCOPE_LABELS: Record<RevocationRequest["scope"], string> = {
  User: "One user",
  Selection: "Selected tokens",
  App: "Every token"
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC"
});

/** Formats an ISO 8601 time for a table cell, in UTC. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return "";
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${timeFormat.format(time)} UTC`;
}

/**
 * The newest revocation requests in a plain SLDS table, each with a
 * button that shows its token outcomes.
 */
export default class RevocationRequestTable extends LightningElement {
  @api requests: RevocationRequest[] = [];
  /** The request whose outcomes are shown. */
  @api selectedId: string | null = null;

  get rows() {
    return (this.requests ?? []).map((request) => ({
      key: request.id,
      id: request.id,
      name: request.name,
      app: request.appName ?? request.appKey,
      scope: SCOPE_LABELS[request.scope] ?? request.scope,
      requestedAt: formatTime(request.requestedAt),
      requestedBy: request.requestedByName,
      reason: request.reason,
      status: STATUS_LABELS[request.status] ?? request.status,
      tokens: request.tokensRequested.toLocaleString(),
      revoked: request.revoked.toLocaleString(),
      alreadyGone: request.alreadyGone.toLocaleString(),
      failed: request.failed.toLocaleString(),
      buttonLabel: `Show outcomes of ${request.name}`,
      pressed: String(request.id === this.selectedId)
    }));
  }

  get isEmpty(): boolean {
    return (this.requests ?? []).length === 0;
  }

  handleShow(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.requestId;
    if (id) {
      this.dispatchEvent(
        new CustomEvent("show", { detail: { requestId: id } })
      );
    }
  }
}
