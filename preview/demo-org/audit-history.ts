/**
 * The audit history a demo org starts with, so that the Audit tab has
 * records to list and verify before anyone revokes a token. Two finished
 * requests are more than a year old, so the 365-day retention lets an
 * auditor archive them. One recent request was interrupted, so an admin
 * can resume it. The tamper option alters one of the old records.
 */
import type { AuditEntry } from "oauth-guard/dto";
import { identifyApp } from "c/appKey";
import { sha256Hex } from "c/sha256";
import { auditTimestamp } from "./audit-ledger";
import type { DemoOrg } from "./demo-org";
import type {
  DemoRevocationRequest,
  DemoRevocationState
} from "./revocation-state";
import { demoRecordId } from "./salesforce-id";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sequence of the seeded record that tamper mode alters. */
export const TAMPERED_SEQUENCE = 4;

/** App names of the seeded requests, from the demo app catalogue. */
const FINISHED_APP = "Parley Sales Assistant";
const SELECTION_APP = "Orbit Calendar Sync";
const INTERRUPTED_APP = "Fieldnote Mobile";

/** Builds a handle, fixed per seed, for a token that is gone from the org. */
function historicHandle(org: DemoOrg, label: string): string {
  const hex = sha256Hex(`oauth-guard-demo-history|${org.seed}|${label}`);
  let binary = "";
  for (let index = 0; index < hex.length; index += 2) {
    binary += String.fromCharCode(parseInt(hex.slice(index, index + 2), 16));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").slice(0, 43);
}

function appKeyOf(org: DemoOrg, name: string): string {
  const app = org.apps.find((candidate) => candidate.definition.name === name);
  if (!app) {
    throw new Error(`The demo app catalogue has no app named "${name}".`);
  }
  return identifyApp({ applicationId: app.applicationId, appName: name }).key;
}

interface SeededRequest {
  request: Pick<
    AuditEntry,
    "appKey" | "appName" | "scope" | "targetUserId" | "tokensRequested"
  > & { targetHandles?: string; reason: string };
  outcomes: Pick<
    AuditEntry,
    "handle" | "userId" | "tokenCreatedDate" | "outcome" | "path" | "error"
  >[];
  recordedAt: number;
}

function appendRequest(
  org: DemoOrg,
  state: DemoRevocationState,
  seeded: SeededRequest
): DemoRevocationRequest {
  const admin = org.runningUsers.admin;
  const entry = state.ledger.append(
    "Request",
    {
      actorId: admin.id,
      actorName: admin.name,
      ...seeded.request,
      status: "Completed",
      revoked: 0,
      alreadyGone: 0,
      failed: 0
    },
    seeded.recordedAt
  );
  state.jobCount += 1;
  entry.jobId = demoRecordId("707", state.jobCount);
  seeded.outcomes.forEach((outcome, index) => {
    state.ledger.append(
      "Outcome",
      {
        ...outcome,
        requestSequence: entry.sequence,
        appName: seeded.request.appName
      },
      seeded.recordedAt + (index + 1) * 1000
    );
    if (outcome.outcome === "Revoked") {
      entry.revoked = (entry.revoked ?? 0) + 1;
    } else if (outcome.outcome === "AlreadyGone") {
      entry.alreadyGone = (entry.alreadyGone ?? 0) + 1;
    } else {
      entry.failed = (entry.failed ?? 0) + 1;
    }
  });
  const request: DemoRevocationRequest = {
    entry,
    lastError: null,
    progressUpdatedAt: seeded.recordedAt + seeded.outcomes.length * 1000,
    queue: [],
    unresolvedHandles: [],
    nextLinkAt: null
  };
  state.requests.push(request);
  return request;
}

/**
 * Returns the first user, in token order, with at least two tokens of the
 * app created before a time, so that the interrupted request has tokens
 * left to revoke.
 */
function holderOfSeveral(
  org: DemoOrg,
  appName: string,
  before: number
): string {
  const counts = new Map<string, number>();
  for (const token of org.oauthTokens) {
    if (token.appName === appName && token.createdAt <= before) {
      const count = (counts.get(token.userId) ?? 0) + 1;
      if (count === 2) {
        return token.userId;
      }
      counts.set(token.userId, count);
    }
  }
  return org.runningUsers.admin.id;
}

function generatedUserId(org: DemoOrg, index: number): string {
  const users = org.users;
  return (users[Math.min(index, users.length - 1)] ?? org.runningUsers.admin)
    .id;
}

/** Appends the seeded requests and outcomes to a new state's ledger. */
export function seedAuditHistory(
  org: DemoOrg,
  state: DemoRevocationState,
  options: { tamper: boolean }
): void {
  const now = state.clock();
  const created = (daysAgo: number) => auditTimestamp(now - daysAgo * DAY_MS);
  const departedUser = generatedUserId(org, 2);
  appendRequest(org, state, {
    recordedAt: now - 430 * DAY_MS,
    request: {
      appKey: appKeyOf(org, FINISHED_APP),
      appName: FINISHED_APP,
      scope: "User",
      targetUserId: departedUser,
      tokensRequested: 2,
      reason: "INC-2291: laptop of a departing contractor not returned"
    },
    outcomes: ["first", "second"].map((label, index) => ({
      handle: historicHandle(org, `parley-${label}`),
      userId: departedUser,
      tokenCreatedDate: created(700 - index * 90),
      outcome: "Revoked",
      path: "ApexRevokeToken",
      error: null
    }))
  });

  const pilotHandles = ["pilot-a", "pilot-b"].map((label) =>
    historicHandle(org, label)
  );
  const pilotUser = generatedUserId(org, 3);
  appendRequest(org, state, {
    recordedAt: now - 401 * DAY_MS,
    request: {
      appKey: appKeyOf(org, SELECTION_APP),
      appName: SELECTION_APP,
      scope: "Selection",
      targetUserId: null,
      targetHandles: [...pilotHandles].sort().join(" "),
      tokensRequested: 2,
      reason: "CHG-0412: remove the calendar pilot's test tokens"
    },
    outcomes: [
      {
        handle: pilotHandles[0] ?? null,
        userId: pilotUser,
        tokenCreatedDate: created(460),
        outcome: "Revoked",
        path: "ApexRevokeToken",
        error: null
      },
      {
        handle: pilotHandles[1] ?? null,
        userId: null,
        tokenCreatedDate: null,
        outcome: "AlreadyGone",
        path: null,
        error:
          "Not found among the app's tokens when the job read them, so the " +
          "token had expired or been revoked before."
      }
    ]
  });

  const interruptedAt = now - 12 * DAY_MS;
  const holder = holderOfSeveral(org, INTERRUPTED_APP, interruptedAt);
  const heldTokens = org
    .tokensOfUser(holder)
    .filter(
      (token) =>
        token.appName === INTERRUPTED_APP && token.createdAt <= interruptedAt
    ).length;
  const interrupted = appendRequest(org, state, {
    recordedAt: interruptedAt,
    request: {
      appKey: appKeyOf(org, INTERRUPTED_APP),
      appName: INTERRUPTED_APP,
      scope: "User",
      targetUserId: holder,
      tokensRequested: heldTokens + 1,
      reason: "INC-2317: phone reported stolen"
    },
    outcomes: [
      {
        handle: historicHandle(org, "fieldnote-stolen-phone"),
        userId: holder,
        tokenCreatedDate: created(40),
        outcome: "Revoked",
        path: "ApexRevokeToken",
        error: null
      }
    ]
  });
  interrupted.entry.status = "Interrupted";
  interrupted.lastError =
    "The revoke job stopped: System.LimitException: Apex CPU time limit " +
    "exceeded Resume the request to revoke the rest.";

  if (options.tamper) {
    // As someone who bypasses the audit triggers would, for example with
    // Apex deployed to the org, the reason changes but the hash does not.
    state.ledger.alter(TAMPERED_SEQUENCE, {
      reason: "CHG-0412: routine clean-up"
    });
  }
}
