/**
 * The demo org's side of AuditTrailController: pages of the audit trail
 * with the chain head, and archiving with the rules and messages of Apex
 * AuditArchiveService (365-day retention, at most 5,000 records, whole
 * requests only, never an unfinished request).
 */
import type {
  AuditArchivePlan,
  AuditEntry,
  AuditTrailPage
} from "oauth-guard/dto";
import { AuraHandledException } from "./apex-error";
import type { ApexCallContext } from "./apex-method";
import { auditTimestamp, cleanText } from "./audit-ledger";
import { hasCustomPermission } from "./custom-permissions";
import { withoutNullFields } from "./inventory-controllers";
import { advanceJobs } from "./revocation-job";
import {
  revocationStateOf,
  type DemoRevocationState
} from "./revocation-state";

/** Records per page of listAuditTrail. */
export const AUDIT_PAGE_SIZE = 1000;
/** Days every audit record stays before it may be archived. */
export const RETENTION_DAYS = 365;
/** Most records one archive removes. */
export const MAXIMUM_ARCHIVE_RECORDS = 5000;

const DAY_MS = 24 * 60 * 60 * 1000;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** An ISO 8601 timestamp with a zone, which IsoTimestamps.parse accepts. */
const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

async function prepare(context: ApexCallContext): Promise<DemoRevocationState> {
  await context.org.loadOAuthTokens();
  const state = revocationStateOf(context.org);
  await advanceJobs(state, context.org, state.clock());
  return state;
}

/** AuditTrailController.listAuditTrail. */
export async function listAuditTrail(
  context: ApexCallContext,
  cursor: string | null
): Promise<AuditTrailPage> {
  let after = 0;
  if (cursor !== null && cursor.trim() !== "") {
    if (!/^\d+$/.test(cursor)) {
      throw new AuraHandledException(
        `The audit trail cursor "${cursor.slice(0, 40)}" is invalid. Load ` +
          `the audit trail again from the first page.`
      );
    }
    after = Number(cursor);
  }
  const state = await prepare(context);
  const following = state.ledger.entries.filter(
    (entry) => entry.sequence > after
  );
  const page = following.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return withoutNullFields({
    entries: page.map((entry) => withoutNullFields({ ...entry })),
    nextCursor:
      following.length > AUDIT_PAGE_SIZE && last ? String(last.sequence) : null,
    headSequence: state.ledger.headSequence,
    headHash: state.ledger.headHash
  });
}

function requireArchivePermission({ runningUser }: ApexCallContext): void {
  if (!hasCustomPermission(runningUser, "Archive_OAuth_Guard_Audit")) {
    throw new AuraHandledException(
      "Archiving audit records needs the Archive OAuth Guard Audit custom " +
        "permission, which your user does not have."
    );
  }
}

/** Moves the cut before the first request that may still change. */
function keepUnfinishedRequests(
  entries: readonly AuditEntry[],
  cut: number,
  notes: string[]
): number {
  const unfinished = entries.find(
    (entry) =>
      entry.kind === "Request" &&
      entry.sequence <= cut &&
      entry.status !== "Completed" &&
      entry.status !== "CompletedWithFailures"
  );
  if (!unfinished) {
    return cut;
  }
  notes.push(
    `Request ${unfinished.name ?? ""} is not finished, so the archive stops ` +
      `before it.`
  );
  return unfinished.sequence - 1;
}

/** Moves the cut back until no request up to it has outcomes after it. */
function keepRequestsWhole(
  entries: readonly AuditEntry[],
  cut: number,
  notes: string[]
): number {
  const lastOutcome = new Map<number, number>();
  for (const entry of entries) {
    if (entry.kind === "Outcome" && entry.requestSequence !== null) {
      lastOutcome.set(
        entry.requestSequence,
        Math.max(lastOutcome.get(entry.requestSequence) ?? 0, entry.sequence)
      );
    }
  }
  let current = cut;
  let moved = true;
  while (moved) {
    moved = false;
    for (const [requestSequence, last] of lastOutcome) {
      if (requestSequence <= current && last > current) {
        notes.push(
          `The request with sequence ${requestSequence} has outcomes up to ` +
            `sequence ${last}, so the archive stops before the request.`
        );
        current = requestSequence - 1;
        moved = true;
      }
    }
  }
  return current;
}

/** Works out the plan as AuditArchiveService.plan does. */
function planArchive(
  state: DemoRevocationState,
  requestedBefore: number | null
): AuditArchivePlan {
  const entries = state.ledger.entries;
  const latestAllowed = Date.parse(
    auditTimestamp(state.clock() - RETENTION_DAYS * DAY_MS)
  );
  const notes: string[] = [];
  let before = requestedBefore;
  if (before === null || before > latestAllowed) {
    before = latestAllowed;
    notes.push(
      `Audit records stay at least ${RETENTION_DAYS} days, so only records ` +
        `written before ${new Date(latestAllowed).toISOString()} may be ` +
        `archived.`
    );
  }
  const plan: AuditArchivePlan = {
    before: new Date(before).toISOString(),
    latestAllowedBefore: new Date(latestAllowed).toISOString(),
    firstSequence: entries[0]?.sequence ?? null,
    cutSequence: null,
    recordCount: 0,
    notes
  };

  const limit = before;
  const written = entries.filter(
    (entry) => Date.parse(entry.recordedAt) < limit
  );
  const lastWritten = written[written.length - 1]?.sequence ?? null;
  if (
    plan.firstSequence === null ||
    lastWritten === null ||
    lastWritten < plan.firstSequence
  ) {
    plan.firstSequence = null;
    return plan;
  }

  let cut = keepUnfinishedRequests(entries, lastWritten, notes);
  cut = keepRequestsWhole(entries, cut, notes);
  const upToCut = entries.filter((entry) => entry.sequence <= cut);
  if (upToCut.length > MAXIMUM_ARCHIVE_RECORDS) {
    notes.push(
      `One archive removes at most ${MAXIMUM_ARCHIVE_RECORDS} records, so ` +
        `archive again for the rest.`
    );
    const limited = upToCut[MAXIMUM_ARCHIVE_RECORDS - 1]?.sequence ?? cut;
    cut = keepRequestsWhole(entries, limited, notes);
  }

  if (cut < plan.firstSequence) {
    plan.firstSequence = null;
    return plan;
  }
  plan.cutSequence = cut;
  plan.recordCount = entries.filter((entry) => entry.sequence <= cut).length;
  return plan;
}

/** AuditTrailController.planAuditArchive. */
export async function planAuditArchive(
  context: ApexCallContext,
  before: string | null
): Promise<AuditArchivePlan> {
  let requestedBefore: number | null = null;
  if (before !== null && before.trim() !== "") {
    const parsed = ISO_TIMESTAMP.test(before) ? Date.parse(before) : NaN;
    if (Number.isNaN(parsed)) {
      throw new AuraHandledException(
        `The time "${before.slice(0, 40)}" is not an ISO 8601 timestamp ` +
          `with a zone, such as 2025-01-01T00:00:00Z.`
      );
    }
    requestedBefore = parsed;
  }
  requireArchivePermission(context);
  const state = await prepare(context);
  return withoutNullFields(planArchive(state, requestedBefore));
}

/**
 * AuditTrailController.archiveAuditTrail: removes the records up to the
 * cut and appends the archive record, whose hash at the cut lets the
 * first remaining record still verify.
 */
export async function archiveAuditTrail(
  context: ApexCallContext,
  params: { cutSequence: number; exportSha256: string; reason: string }
): Promise<AuditEntry> {
  requireArchivePermission(context);
  const reason = cleanText(params.reason, 255);
  if (reason === null) {
    throw new AuraHandledException(
      "Enter a reason for the archive, for example where the export is kept."
    );
  }
  if (!SHA256_HEX.test(params.exportSha256 ?? "")) {
    throw new AuraHandledException(
      "The export checksum must be the SHA-256 of the exported CSV file as " +
        "64 lowercase hex digits. Export the records again."
    );
  }

  const state = await prepare(context);
  const allowed = planArchive(state, null);
  const cut = params.cutSequence;
  if (
    typeof cut !== "number" ||
    allowed.cutSequence === null ||
    allowed.firstSequence === null ||
    cut < allowed.firstSequence ||
    cut > allowed.cutSequence
  ) {
    throw new AuraHandledException(
      `Records up to ${String(cut)} cannot be archived now: ` +
        (allowed.cutSequence === null
          ? "no record is old enough."
          : `archive at most up to ${allowed.cutSequence}.`) +
        ` ${allowed.notes.join(" ")}`
    );
  }

  const notes: string[] = [];
  if (keepRequestsWhole(state.ledger.entries, cut, notes) !== cut) {
    throw new AuraHandledException(notes.join(" "));
  }
  const hashAtCut = state.ledger.findBySequence(cut)?.hash;
  if (hashAtCut === undefined) {
    throw new AuraHandledException(
      `No audit record has sequence ${cut}, so the cut cannot be stated. ` +
        `Plan the archive again.`
    );
  }

  const recordsRemoved = state.ledger.removeThrough(cut);
  const { runningUser } = context;
  const archive = state.ledger.append(
    "Archive",
    {
      actorId: runningUser.id,
      actorName: runningUser.name,
      firstSequence: allowed.firstSequence,
      lastSequence: cut,
      hashAtCut,
      recordsRemoved,
      exportSha256: params.exportSha256,
      reason
    },
    state.clock()
  );
  // The archived requests leave the request list with their records.
  const remaining = state.requests.filter(
    (request) => request.entry.sequence > cut
  );
  state.requests.splice(0, state.requests.length, ...remaining);
  return withoutNullFields({ ...archive });
}
