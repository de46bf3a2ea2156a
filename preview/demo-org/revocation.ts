/**
 * The demo org's side of TokenRevocationController: the same checks,
 * messages and results as the Apex class, over the generated tokens, with
 * the job simulated by revocation-job.ts.
 */
import type {
  AuditEntry,
  RevocableTokenSlice,
  RevocationAccess,
  RevocationOutcome,
  RevocationRequest,
  RevocationScope,
  RevocationStatus
} from "oauth-guard/dto";
import { AuraHandledException } from "./apex-error";
import type { ApexCallContext } from "./apex-method";
import { auditTimestamp } from "./audit-ledger";
import { hasCustomPermission } from "./custom-permissions";
import { withoutNullFields } from "./inventory-controllers";
import {
  DEMO_ORG_DOMAIN_URL,
  DEMO_REVOKE_ENDPOINT,
  advanceJobs,
  fillQueue,
  startJob
} from "./revocation-job";
import {
  revocationStateOf,
  type DemoRevocationRequest,
  type DemoRevocationState
} from "./revocation-state";
import {
  appNamesOf,
  checkAppKey,
  checkHandles,
  checkReason,
  checkTypedName,
  checkUserId
} from "./revocation-input";
import { tokensOfApp } from "./token-handles";
import {
  decodeTokenCursor,
  encodeTokenCursor,
  InvalidCursorError
} from "./token-cursor";
import { readSlice } from "./token-slices";
import { nextTask } from "./generation-steps";

/** Outcomes per page of getRevocationStatus, as in RevocationReader. */
export const OUTCOME_PAGE_SIZE = 200;
/** Requests listRevocationRequests returns at most, newest first. */
export const REQUEST_LIST_SIZE = 50;
/** Handles listRevocableTokens computes between yields. */
const HANDLES_PER_TASK = 400;

export const REVOKE_PERMISSION_MESSAGE =
  "Revoking OAuth tokens needs the Revoke OAuth Tokens custom permission, " +
  "which your user does not have. Ask your Salesforce admin to assign the " +
  "OAuth Guard Admin permission set.";

const SCOPES: readonly RevocationScope[] = ["User", "Selection", "App"];

/** Loads the tokens, then runs the job links that are due. */
async function prepare(context: ApexCallContext): Promise<DemoRevocationState> {
  await context.org.loadOAuthTokens();
  const state = revocationStateOf(context.org);
  await advanceJobs(state, context.org, state.clock());
  return state;
}

function requireRevokePermission({ runningUser }: ApexCallContext): void {
  if (!hasCustomPermission(runningUser, "Revoke_OAuth_Tokens")) {
    throw new AuraHandledException(REVOKE_PERMISSION_MESSAGE);
  }
}

/** Builds the DTO Apex RevocationReader.toDto returns. */
export function toRequestDto(
  context: ApexCallContext,
  request: DemoRevocationRequest
): RevocationRequest {
  const entry = request.entry;
  return withoutNullFields({
    id: entry.recordId,
    name: entry.name ?? "",
    sequence: entry.sequence,
    appKey: entry.appKey ?? "",
    appName: entry.appName,
    scope: entry.scope ?? "App",
    targetUserId: entry.targetUserId,
    tokensRequested: entry.tokensRequested ?? 0,
    reason: entry.reason ?? "",
    requestedAt: entry.recordedAt,
    requestedById: entry.actorId ?? "",
    requestedByName: entry.actorName ?? "",
    status: entry.status ?? "Queued",
    revoked: entry.revoked ?? 0,
    alreadyGone: entry.alreadyGone ?? 0,
    failed: entry.failed ?? 0,
    jobId: entry.jobId,
    lastError: request.lastError,
    progressUpdatedAt:
      request.progressUpdatedAt === null
        ? null
        : auditTimestamp(request.progressUpdatedAt),
    resumable:
      entry.status === "Interrupted" &&
      hasCustomPermission(context.runningUser, "Revoke_OAuth_Tokens")
  });
}

/** TokenRevocationController.getRevocationAccess. */
export function getRevocationAccess({
  runningUser
}: ApexCallContext): RevocationAccess {
  return {
    canRevoke: hasCustomPermission(runningUser, "Revoke_OAuth_Tokens"),
    canArchive: hasCustomPermission(runningUser, "Archive_OAuth_Guard_Audit"),
    revokeEndpoint: DEMO_REVOKE_ENDPOINT,
    orgDomainUrl: DEMO_ORG_DOMAIN_URL
  };
}

/** TokenRevocationController.listRevocableTokens. */
export async function listRevocableTokens(
  context: ApexCallContext,
  appKey: string,
  cursor: string | null
): Promise<RevocableTokenSlice> {
  requireRevokePermission(context);
  checkAppKey(appKey);
  let after;
  try {
    after = decodeTokenCursor(cursor);
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new AuraHandledException(
        `The token cursor is invalid because ${error.message}. Start again ` +
          "from the first slice, without a cursor."
      );
    }
    throw error;
  }
  const state = await prepare(context);
  const slice = readSlice(tokensOfApp(context.org.oauthTokens, appKey), after);
  // Hashing 2,000 handles takes a while, so it yields now and then.
  for (let start = 0; start < slice.tokens.length; start += HANDLES_PER_TASK) {
    for (const token of slice.tokens.slice(start, start + HANDLES_PER_TASK)) {
      state.handles.handleOf(token);
    }
    await nextTask();
  }
  return withoutNullFields({
    appKey,
    tokens: slice.tokens.map((token) =>
      withoutNullFields({
        handle: state.handles.handleOf(token),
        userId: token.userId,
        appName: token.appName,
        createdDate: new Date(token.createdAt).toISOString(),
        lastUsedDate:
          token.lastUsedAt === null
            ? null
            : new Date(token.lastUsedAt).toISOString(),
        useCount: token.useCount
      })
    ),
    nextCursor: slice.nextCursor ? encodeTokenCursor(slice.nextCursor) : null,
    problems: slice.problems
  });
}

/** The parameters of TokenRevocationController.requestRevocation. */
export interface RevocationInput {
  appKey: string;
  scope: RevocationScope;
  handles: string[] | null;
  userId: string | null;
  reason: string;
  typedName: string | null;
}

function alreadyRunning(request: DemoRevocationRequest): AuraHandledException {
  const entry = request.entry;
  return new AuraHandledException(
    `A revocation of this app is already ${(entry.status ?? "").toLowerCase()}: ` +
      `${entry.name ?? ""}, requested by ${entry.actorName ?? ""} at ` +
      `${entry.recordedAt}. Wait for it to finish, then start a new one.`
  );
}

/** Returns the app's queued or running request, which holds its lock. */
function activeRequestFor(
  state: DemoRevocationState,
  appKey: string
): DemoRevocationRequest | undefined {
  return state.requests.find(
    (request) => request.nextLinkAt !== null && request.entry.appKey === appKey
  );
}

/**
 * TokenRevocationController.requestRevocation: checks the input in the
 * order Apex does, writes the request and queues its job.
 */
export async function requestRevocation(
  context: ApexCallContext,
  input: RevocationInput
): Promise<RevocationRequest> {
  requireRevokePermission(context);
  const appKey = checkAppKey(input.appKey);
  if (!SCOPES.includes(input.scope)) {
    throw new AuraHandledException(
      `The scope "${String(input.scope)}" is invalid. Expected User, ` +
        `Selection or App.`
    );
  }
  const reason = checkReason(input.reason);
  const targetUserId =
    input.scope === "User" ? checkUserId(input.userId) : null;
  const handles =
    input.scope === "Selection" ? checkHandles(input.handles) : null;

  const state = await prepare(context);
  const { org, runningUser } = context;
  const now = state.clock();
  const requestedAt = Date.parse(auditTimestamp(now));
  const appTokens = tokensOfApp(org.oauthTokens, appKey);
  const tokensRequested =
    handles?.length ??
    appTokens.filter(
      (token) =>
        token.createdAt <= requestedAt &&
        (targetUserId === null || token.userId === targetUserId)
    ).length;
  if (tokensRequested === 0) {
    throw new AuraHandledException(
      "No OAuth token of the app matches the request, so there is nothing " +
        "to revoke. Reload the app's tokens to see the current ones."
    );
  }
  const names = appNamesOf(appKey, appTokens);
  const appName =
    input.scope === "App"
      ? checkTypedName(input.typedName, names)
      : (names[0] ?? null);
  const active = activeRequestFor(state, appKey);
  if (active) {
    throw alreadyRunning(active);
  }

  const entry = state.ledger.append(
    "Request",
    {
      actorId: runningUser.id,
      actorName: runningUser.name,
      appKey,
      appName,
      scope: input.scope,
      targetUserId,
      targetHandles: handles?.join(" ") ?? null,
      tokensRequested,
      reason,
      status: "Queued",
      revoked: 0,
      alreadyGone: 0,
      failed: 0
    },
    now
  );
  const request: DemoRevocationRequest = {
    entry,
    lastError: null,
    progressUpdatedAt: null,
    queue: [],
    unresolvedHandles: [],
    nextLinkAt: null
  };
  state.requests.push(request);
  fillQueue(state, org, request);
  startJob(state, request, now);
  return toRequestDto(context, request);
}

function findRequest(
  state: DemoRevocationState,
  requestId: string
): DemoRevocationRequest {
  const request = state.requests.find(
    (candidate) => candidate.entry.recordId === requestId
  );
  if (!request) {
    throw new AuraHandledException(
      `Revocation request ${requestId} was not found, or your user may not ` +
        `read it.`
    );
  }
  return request;
}

/** TokenRevocationController.resumeRevocation. */
export async function resumeRevocation(
  context: ApexCallContext,
  requestId: string
): Promise<RevocationRequest> {
  requireRevokePermission(context);
  const state = await prepare(context);
  const request = findRequest(state, requestId);
  if (request.entry.status !== "Interrupted") {
    throw new AuraHandledException(
      `Only an interrupted request can be resumed, and ` +
        `${request.entry.name ?? requestId} is ${request.entry.status ?? ""}.`
    );
  }
  const active = activeRequestFor(state, request.entry.appKey ?? "");
  if (active && active !== request) {
    throw alreadyRunning(active);
  }
  fillQueue(state, context.org, request);
  startJob(state, request, state.clock());
  return toRequestDto(context, request);
}

function toOutcomeDto(
  context: ApexCallContext,
  entry: AuditEntry
): RevocationOutcome {
  const user =
    entry.userId === null ? undefined : context.org.userById(entry.userId);
  return withoutNullFields({
    id: entry.recordId,
    sequence: entry.sequence,
    handle: entry.handle ?? "",
    userId: entry.userId,
    userName: user?.name ?? null,
    appName: entry.appName,
    tokenCreatedDate: entry.tokenCreatedDate,
    outcome: entry.outcome ?? "Failed",
    path: entry.path,
    error: entry.error,
    recordedAt: entry.recordedAt
  });
}

/**
 * TokenRevocationController.getRevocationStatus: the request and the page
 * of its outcomes after the cursor, which is the last outcome's sequence.
 */
export async function getRevocationStatus(
  context: ApexCallContext,
  requestId: string,
  outcomeCursor: string | null
): Promise<RevocationStatus> {
  const state = await prepare(context);
  const request = findRequest(state, requestId);
  let after = 0;
  if (outcomeCursor !== null && outcomeCursor.trim() !== "") {
    if (!/^\d+$/.test(outcomeCursor)) {
      throw new AuraHandledException(
        `The outcome cursor "${outcomeCursor.slice(0, 40)}" is invalid. ` +
          `Load the outcomes again from the first page.`
      );
    }
    after = Number(outcomeCursor);
  }
  const outcomes = state.ledger.entries.filter(
    (entry) =>
      entry.kind === "Outcome" &&
      entry.requestSequence === request.entry.sequence &&
      entry.sequence > after
  );
  const page = outcomes.slice(0, OUTCOME_PAGE_SIZE);
  const last = page[page.length - 1];
  return withoutNullFields({
    request: toRequestDto(context, request),
    outcomes: page.map((entry) => toOutcomeDto(context, entry)),
    nextOutcomeCursor:
      outcomes.length > OUTCOME_PAGE_SIZE && last ? String(last.sequence) : null
  });
}

/** TokenRevocationController.listRevocationRequests. */
export async function listRevocationRequests(
  context: ApexCallContext,
  appKey: string | null
): Promise<RevocationRequest[]> {
  const state = await prepare(context);
  return state.requests
    .filter(
      (request) =>
        appKey === null || appKey === "" || request.entry.appKey === appKey
    )
    .sort((first, second) => second.entry.sequence - first.entry.sequence)
    .slice(0, REQUEST_LIST_SIZE)
    .map((request) => toRequestDto(context, request));
}
