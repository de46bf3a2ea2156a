/**
 * The demo org's revoke job. Apex runs a Queueable chain that revokes up
 * to 100 tokens per link. The demo runs a link of LINK_SIZE tokens every
 * LINK_INTERVAL_MS of the state's clock, and catches up on the links that
 * are due whenever a revocation or audit method is called. So the page
 * shows a request queued, then running, then finished, as it would in an
 * org, within seconds: about 4 for the 3,910 tokens of the incident app.
 *
 * Each token's outcome follows from its user, its app and its place among
 * that user's tokens of the app, so the same request ends the same way.
 * Most tokens are revoked through Auth.OauthToken.revokeToken. For about
 * 1 in 500, revokeToken returns false and the HTTP fallback fails because
 * the demo org has no Remote Site Setting for its My Domain, so the token
 * fails. About 1 in 250 more are rejected the same way but gone when read
 * again, so they count as already gone.
 */
import type {
  AuditEntry,
  RevocationOutcomeCode,
  RevocationPath
} from "oauth-guard/dto";
import { sha256Hex } from "c/sha256";
import { cleanText } from "./audit-ledger";
import type { DemoOrg } from "./demo-org";
import { nextTask } from "./generation-steps";
import type { DemoOAuthToken } from "./oauth-tokens";
import type {
  DemoRevocationRequest,
  DemoRevocationState
} from "./revocation-state";
import { demoRecordId } from "./salesforce-id";
import { tokensOfApp } from "./token-handles";

/** The demo org's My Domain, which URL.getOrgDomainUrl() returns in Apex. */
export const DEMO_ORG_DOMAIN_URL = "https://acme-demo.my.salesforce.com";
/** The org's revoke endpoint, as HttpTokenRevoker.endpoint() builds it. */
export const DEMO_REVOKE_ENDPOINT = `${DEMO_ORG_DOMAIN_URL}/services/oauth2/revoke`;

/** Time from a request until its first link runs. */
export const QUEUE_DELAY_MS = 600;
/** Time between two links of a job. */
export const LINK_INTERVAL_MS = 250;
/** Tokens one link settles: short enough to run as one short task. */
export const LINK_SIZE = 250;

/** Shares of tokens that fail, and that are rejected but gone. */
const FAILED_SHARE = 0.002;
const REJECTED_BUT_GONE_SHARE = 0.004;

/** Maximum length of an outcome's error, the length of Error__c. */
const MAXIMUM_ERROR_LENGTH = 4000;

const APEX_REJECTION = "Auth.OauthToken.revokeToken returned false.";

/**
 * The error of a call to the revoke endpoint without a Remote Site
 * Setting: the platform's CalloutException message, then the advice that
 * HttpTokenRevoker appends, joined as FallbackTokenRevoker joins them.
 */
export const REMOTE_SITE_FAILURE =
  `${APEX_REJECTION} Then: Calling the revoke endpoint failed: ` +
  "Unauthorized endpoint, please check Setup->Security->Remote site " +
  `settings. endpoint = ${DEMO_REVOKE_ENDPOINT} If the message names ` +
  "remote site settings, add a Remote Site Setting for " +
  `${DEMO_ORG_DOMAIN_URL}.`;

/** The error of a selected token that no read of the app found. */
export const NOT_FOUND_ERROR =
  "Not found among the app's tokens when the job read them, so the token " +
  "had expired or been revoked before.";

const REJECTED_BUT_GONE_PREFIX =
  "The revoke call was rejected, and the token was gone when read again, " +
  "so it had expired or been revoked elsewhere. ";

interface SettledToken {
  outcome: RevocationOutcomeCode;
  path: RevocationPath | null;
  error: string | null;
}

/**
 * Decides how revoking a token ends in the demo, from its draw key
 * (DemoTokenHandles.drawKeyOf).
 */
export function revokeOutcomeOf(drawKey: string): SettledToken {
  const draw = parseInt(sha256Hex(`demo-revoke|${drawKey}`).slice(0, 8), 16);
  const share = draw / 0x100000000;
  if (share < FAILED_SHARE) {
    return {
      outcome: "Failed",
      path: "HttpRevokeEndpoint",
      error: cleanText(REMOTE_SITE_FAILURE, MAXIMUM_ERROR_LENGTH)
    };
  }
  if (share < FAILED_SHARE + REJECTED_BUT_GONE_SHARE) {
    return {
      outcome: "AlreadyGone",
      path: "HttpRevokeEndpoint",
      error: cleanText(
        REJECTED_BUT_GONE_PREFIX + REMOTE_SITE_FAILURE,
        MAXIMUM_ERROR_LENGTH
      )
    };
  }
  return { outcome: "Revoked", path: "ApexRevokeToken", error: null };
}

/** Returns the handles that already have an outcome in the request. */
function settledHandles(
  state: DemoRevocationState,
  request: AuditEntry
): Set<string> {
  const settled = new Set<string>();
  for (const entry of state.ledger.entries) {
    if (
      entry.kind === "Outcome" &&
      entry.requestSequence === request.sequence &&
      entry.handle !== null
    ) {
      settled.add(entry.handle);
    }
  }
  return settled;
}

/**
 * Fills the request's queue with the tokens it covers that have no
 * outcome yet: the selected handles, or the app's tokens (of one user)
 * created up to the request, as each Apex link reads them afresh.
 */
export function fillQueue(
  state: DemoRevocationState,
  org: DemoOrg,
  request: DemoRevocationRequest
): void {
  const entry = request.entry;
  const settled = settledHandles(state, entry);
  request.queue = [];
  request.unresolvedHandles = [];
  if (entry.scope === "Selection") {
    for (const handle of (entry.targetHandles ?? "").split(" ")) {
      if (handle === "" || settled.has(handle)) {
        continue;
      }
      const token = state.handles.tokenOf(handle);
      if (token && !state.goneTokens.has(token)) {
        request.queue.push(token);
      } else {
        request.unresolvedHandles.push(handle);
      }
    }
    return;
  }
  const requestedAt = Date.parse(entry.recordedAt);
  for (const token of tokensOfApp(org.oauthTokens, entry.appKey ?? "")) {
    if (
      token.createdAt <= requestedAt &&
      (entry.scope === "App" || token.userId === entry.targetUserId) &&
      !settled.has(state.handles.handleOf(token))
    ) {
      request.queue.push(token);
    }
  }
}

/** Queues the request's job: its first link runs after QUEUE_DELAY_MS. */
export function startJob(
  state: DemoRevocationState,
  request: DemoRevocationRequest,
  now: number
): void {
  state.jobCount += 1;
  request.entry.status = "Queued";
  request.entry.jobId = demoRecordId("707", state.jobCount);
  request.lastError = null;
  request.progressUpdatedAt = now;
  request.nextLinkAt = now + QUEUE_DELAY_MS;
}

function recordOutcome(
  state: DemoRevocationState,
  request: DemoRevocationRequest,
  fields: {
    handle: string;
    token: DemoOAuthToken | null;
    settled: SettledToken;
  },
  recordedAt: number
): void {
  const { handle, token, settled } = fields;
  state.ledger.append(
    "Outcome",
    {
      requestSequence: request.entry.sequence,
      handle,
      userId: token?.userId ?? null,
      appName: cleanText(token?.appName, 255),
      tokenCreatedDate:
        token === null ? null : new Date(token.createdAt).toISOString(),
      outcome: settled.outcome,
      path: settled.path,
      error: settled.error
    },
    recordedAt
  );
  const entry = request.entry;
  if (settled.outcome === "Revoked") {
    entry.revoked = (entry.revoked ?? 0) + 1;
  } else if (settled.outcome === "AlreadyGone") {
    entry.alreadyGone = (entry.alreadyGone ?? 0) + 1;
  } else {
    entry.failed = (entry.failed ?? 0) + 1;
  }
}

/** Runs one link at linkTime: settles up to LINK_SIZE tokens. */
function runLink(
  state: DemoRevocationState,
  org: DemoOrg,
  request: DemoRevocationRequest,
  linkTime: number
): void {
  for (const handle of request.unresolvedHandles.splice(0)) {
    const settled = {
      outcome: "AlreadyGone",
      path: null,
      error: NOT_FOUND_ERROR
    } as const;
    recordOutcome(state, request, { handle, token: null, settled }, linkTime);
  }
  const gone = new Set<DemoOAuthToken>();
  for (const token of request.queue.splice(0, LINK_SIZE)) {
    const handle = state.handles.handleOf(token);
    const settled: SettledToken = state.goneTokens.has(token)
      ? { outcome: "AlreadyGone", path: null, error: NOT_FOUND_ERROR }
      : revokeOutcomeOf(state.handles.drawKeyOf(token));
    if (settled.outcome !== "Failed" && !state.goneTokens.has(token)) {
      gone.add(token);
      state.goneTokens.add(token);
    }
    recordOutcome(state, request, { handle, token, settled }, linkTime);
  }
  if (gone.size > 0) {
    org.removeOAuthTokens(gone);
  }
  request.progressUpdatedAt = linkTime;
  if (request.queue.length > 0) {
    request.entry.status = "Running";
    request.nextLinkAt = linkTime + LINK_INTERVAL_MS;
    return;
  }
  request.entry.status =
    (request.entry.failed ?? 0) > 0 ? "CompletedWithFailures" : "Completed";
  request.nextLinkAt = null;
}

/**
 * Runs every link that is due by now, across requests in the order of
 * their times, so that audit sequences rise with the recorded times.
 * Awaits yieldControl after each link, so that catching up on many links
 * does not block the page. Each link settles its tokens without yielding,
 * so a concurrent call never reads a link half done.
 */
export async function advanceJobs(
  state: DemoRevocationState,
  org: DemoOrg,
  now: number,
  yieldControl: () => Promise<void> = nextTask
): Promise<void> {
  for (;;) {
    let next: DemoRevocationRequest | null = null;
    for (const request of state.requests) {
      if (
        request.nextLinkAt !== null &&
        request.nextLinkAt <= now &&
        (next === null || request.nextLinkAt < (next.nextLinkAt ?? 0))
      ) {
        next = request;
      }
    }
    if (next === null || next.nextLinkAt === null) {
      return;
    }
    runLink(state, org, next, next.nextLinkAt);
    await yieldControl();
  }
}
