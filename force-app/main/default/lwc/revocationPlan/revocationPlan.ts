/**
 * Decisions behind the revoke dialog and the result view: which tokens and
 * users a request covers, whether the form may be sent, and how a
 * request's progress and per-token outcomes read.
 *
 * Apex (TokenRevocationController) checks the reason and the typed app
 * name again by the same rules, because a direct call skips this module.
 */
import type {
  RevocableToken,
  RevocationOutcome,
  RevocationPath,
  RevocationRequest,
  RevocationScope,
  RevocationStatusCode
} from "oauth-guard/dto";

/** Maximum reason length: Apex stores the reason in a 255-character field. */
export const MAXIMUM_REASON_LENGTH = 255;

/**
 * Maximum number of handles one Selection request may name, because Apex
 * stores them in one long text field. For more, revoke the whole app or
 * one user's tokens.
 */
export const MAXIMUM_SELECTED_TOKENS = 2000;

/** Tokens and users a request would cover, for the dialog to show. */
export interface RevocationPlan {
  scope: RevocationScope;
  appKey: string;
  tokenCount: number;
  userCount: number;
  /** The selected handles that matched a token, for a Selection request. */
  handles: string[];
  /** The user whose tokens a User request covers. */
  userId: string | null;
  /**
   * The name the admin types to confirm a whole-app revoke. Null for the
   * other scopes, and for an app whose tokens carry no name.
   */
  confirmationName: string | null;
}

export interface PlanInput {
  scope: RevocationScope;
  appKey: string;
  /** Every token of the app that the page has read. */
  tokens: readonly RevocableToken[];
  /** The app name the page shows, else the first token's AppName. */
  appName?: string | null;
  userId?: string | null;
  handles?: readonly string[];
}

function trimmedOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function coveredTokens(input: PlanInput): RevocableToken[] {
  if (input.scope === "User") {
    return input.tokens.filter((token) => token.userId === input.userId);
  }
  if (input.scope === "Selection") {
    const selected = new Set(input.handles ?? []);
    return input.tokens.filter((token) => selected.has(token.handle));
  }
  return [...input.tokens];
}

function firstAppName(tokens: readonly RevocableToken[]): string | null {
  for (const token of tokens) {
    const name = trimmedOrNull(token.appName);
    if (name !== null) {
      return name;
    }
  }
  return null;
}

/** Works out which tokens and how many users a request would cover. */
export function planRevocation(input: PlanInput): RevocationPlan {
  const covered = coveredTokens(input);
  return {
    scope: input.scope,
    appKey: input.appKey,
    tokenCount: covered.length,
    userCount: new Set(covered.map((token) => token.userId)).size,
    handles:
      input.scope === "Selection" ? covered.map((token) => token.handle) : [],
    userId: input.scope === "User" ? (input.userId ?? null) : null,
    confirmationName:
      input.scope === "App"
        ? (trimmedOrNull(input.appName) ?? firstAppName(input.tokens))
        : null
  };
}

/**
 * Compares the typed confirmation with the app name: both are trimmed,
 * then compared exactly, case included, because a whole-app revoke should
 * take a deliberate act and not a near match.
 */
export function confirmationNameMatches(
  typedName: string,
  expectedName: string | null
): boolean {
  const typed = trimmedOrNull(typedName);
  return typed !== null && typed === trimmedOrNull(expectedName);
}

/** The admin's entries in the dialog. */
export interface RevocationForm {
  reason: string;
  /** The typed app name, which only a whole-app revoke reads. */
  typedName: string;
}

/** Lists what stops the form from being sent. Empty when nothing does. */
export function checkRevocationForm(
  plan: RevocationPlan,
  form: RevocationForm
): string[] {
  const problems: string[] = [];
  if (plan.tokenCount === 0) {
    problems.push(
      "No tokens match this request, so there is nothing to revoke."
    );
  }
  if (
    plan.scope === "Selection" &&
    plan.handles.length > MAXIMUM_SELECTED_TOKENS
  ) {
    problems.push(
      `${plan.handles.length} tokens are selected, more than the ` +
        `${MAXIMUM_SELECTED_TOKENS} one request may name. Revoke every ` +
        `token of the app or one user's tokens instead.`
    );
  }
  const reason = form.reason.trim();
  if (reason === "") {
    problems.push("Enter a reason, for example an incident number.");
  } else if (reason.length > MAXIMUM_REASON_LENGTH) {
    problems.push(
      `The reason is ${reason.length} characters long. Shorten it to ` +
        `${MAXIMUM_REASON_LENGTH} or fewer.`
    );
  }
  if (plan.scope === "App") {
    if (plan.confirmationName === null) {
      problems.push(
        "This app's tokens carry no name to confirm, so revoke them by user " +
          "or by selection."
      );
    } else if (
      !confirmationNameMatches(form.typedName, plan.confirmationName)
    ) {
      problems.push(
        `Type the app's name exactly as shown, "${plan.confirmationName}", ` +
          `to confirm revoking every token of the app.`
      );
    }
  }
  return problems;
}

/** Parameters of TokenRevocationController.requestRevocation. */
export interface RequestRevocationParams {
  appKey: string;
  scope: RevocationScope;
  handles: string[] | null;
  userId: string | null;
  reason: string;
  typedName: string | null;
}

/** Builds the Apex call's parameters from a plan and a checked form. */
export function toRequestParams(
  plan: RevocationPlan,
  form: RevocationForm
): RequestRevocationParams {
  return {
    appKey: plan.appKey,
    scope: plan.scope,
    handles: plan.scope === "Selection" ? [...plan.handles] : null,
    userId: plan.userId,
    reason: form.reason.trim(),
    typedName: plan.scope === "App" ? form.typedName.trim() : null
  };
}

const ACTIVE_STATUSES: ReadonlySet<RevocationStatusCode> = new Set([
  "Queued",
  "Running"
]);

/** True while the job may still change the request: poll its status. */
export function isRevocationActive(request: RevocationRequest): boolean {
  return ACTIVE_STATUSES.has(request.status);
}

export interface RevocationProgress {
  /** Tokens with a final outcome. */
  done: number;
  /** Tokens requested, or done when more were found than requested. */
  total: number;
  /** Whole percent done, 100 for an empty request. */
  percent: number;
  finished: boolean;
}

/** Computes a request's progress from its counts. */
export function progressOf(request: RevocationRequest): RevocationProgress {
  const done = request.revoked + request.alreadyGone + request.failed;
  const total = Math.max(request.tokensRequested, done);
  return {
    done,
    total,
    percent: total === 0 ? 100 : Math.floor((done * 100) / total),
    finished:
      request.status === "Completed" ||
      request.status === "CompletedWithFailures"
  };
}

function countsText(request: RevocationRequest): string {
  const parts = [
    `${request.revoked} revoked`,
    `${request.alreadyGone} already gone`
  ];
  if (request.failed > 0) {
    parts.push(`${request.failed} failed`);
  }
  return parts.join(", ");
}

/** Describes a request's status in one sentence for the page. */
export function describeRequestStatus(request: RevocationRequest): string {
  const progress = progressOf(request);
  switch (request.status) {
    case "Queued":
      return `Queued: ${progress.total} tokens wait for the revoke job to start.`;
    case "Running":
      return `Running: ${progress.done} of ${progress.total} tokens done (${progress.percent}%).`;
    case "Completed":
      return `Completed: ${countsText(request)}.`;
    case "CompletedWithFailures":
      return `Completed with failures: ${countsText(request)}.`;
    case "Interrupted": {
      const reason = request.lastError ? ` ${request.lastError}` : "";
      return (
        `Interrupted after ${progress.done} of ${progress.total} tokens.${reason}` +
        (request.resumable ? " Resume to revoke the rest." : "")
      );
    }
    default: {
      const unknownStatus: never = request.status;
      return `Status ${String(unknownStatus)}: ${progress.done} of ${progress.total} tokens done.`;
    }
  }
}

const PATH_LABELS: Readonly<Record<RevocationPath, string>> = {
  ApexRevokeToken: "Apex revokeToken",
  HttpRevokeEndpoint: "the org's revoke endpoint"
};

/** Describes one token's outcome, naming the revoke path or the error. */
export function describeOutcome(outcome: RevocationOutcome): string {
  switch (outcome.outcome) {
    case "Revoked":
      return outcome.path
        ? `Revoked through ${PATH_LABELS[outcome.path]}`
        : "Revoked";
    case "AlreadyGone":
      return outcome.error ? `Already gone: ${outcome.error}` : "Already gone";
    case "Failed":
      return `Failed: ${outcome.error ?? "no reason was recorded"}`;
    default: {
      const unknownOutcome: never = outcome.outcome;
      return String(unknownOutcome);
    }
  }
}

export interface OutcomeSummary {
  revoked: number;
  alreadyGone: number;
  failed: number;
  /** Revoked tokens by the path that revoked them. */
  revokedByPath: Record<RevocationPath, number>;
  /** The failed outcomes, for the page to list with their reasons. */
  failures: RevocationOutcome[];
}

/** Counts outcomes, for example of the pages loaded so far. */
export function summariseOutcomes(
  outcomes: readonly RevocationOutcome[]
): OutcomeSummary {
  const summary: OutcomeSummary = {
    revoked: 0,
    alreadyGone: 0,
    failed: 0,
    revokedByPath: { ApexRevokeToken: 0, HttpRevokeEndpoint: 0 },
    failures: []
  };
  for (const outcome of outcomes) {
    if (outcome.outcome === "Revoked") {
      summary.revoked += 1;
      if (outcome.path) {
        summary.revokedByPath[outcome.path] += 1;
      }
    } else if (outcome.outcome === "AlreadyGone") {
      summary.alreadyGone += 1;
    } else {
      summary.failed += 1;
      summary.failures.push(outcome);
    }
  }
  return summary;
}
