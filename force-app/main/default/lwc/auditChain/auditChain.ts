/**
 * The audit trail's hash chain: the canonical form of an audit record, its
 * hash, and the check that the records the page loaded still form the
 * chain that Apex wrote.
 *
 * Apex class AuditChain computes the same canonical form when it writes a
 * record; vectors/audit-chain.json contains the cases both languages check.
 *
 * Canonical form: lines joined by LF, with no trailing LF. The first line
 * is the format name, the second `kind=<kind>`, then one line per hashed
 * field in the order of CANONICAL_FIELDS. A field with a value is written
 * `name=value`, and a null or empty field as the bare name, so that the
 * platform storing an empty text field as null changes nothing. In values,
 * a backslash becomes `\\`, LF `\n` and CR `\r`. Numbers are integers in
 * decimal, timestamps ISO 8601 UTC with milliseconds. The hash is SHA-256
 * of the UTF-8 bytes, as 64 lowercase hex digits.
 */
import type {
  AuditEntry,
  AuditEntryKind,
  AuditTrailPage,
  RevocationStatusCode
} from "oauth-guard/dto";
import { sha256Hex } from "c/sha256";

export const CANONICAL_FORMAT = "oauth-guard-audit/1";

type HashedField = keyof AuditEntry;

/** The fields each kind's hash covers, in canonical order. */
export const CANONICAL_FIELDS: Readonly<
  Record<AuditEntryKind, readonly HashedField[]>
> = {
  Request: [
    "sequence",
    "previousHash",
    "recordedAt",
    "actorId",
    "actorName",
    "appKey",
    "appName",
    "scope",
    "targetUserId",
    "targetHandles",
    "tokensRequested",
    "reason"
  ],
  Outcome: [
    "sequence",
    "previousHash",
    "recordedAt",
    "requestSequence",
    "handle",
    "userId",
    "appName",
    "tokenCreatedDate",
    "outcome",
    "path",
    "error"
  ],
  Archive: [
    "sequence",
    "previousHash",
    "recordedAt",
    "actorId",
    "actorName",
    "firstSequence",
    "lastSequence",
    "hashAtCut",
    "recordsRemoved",
    "exportSha256",
    "reason"
  ],
  ScheduleChange: [
    "sequence",
    "previousHash",
    "recordedAt",
    "actorId",
    "actorName",
    "action",
    "jobName",
    "cronExpression",
    "jobId"
  ]
};

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r"
};

/** Raised for a record that has no canonical form. */
export class InvalidAuditEntryError extends Error {}

function canonicalLine(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") {
    return field;
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidAuditEntryError(
        `${field} is ${value}, but hashed numbers must be whole numbers.`
      );
    }
    return `${field}=${value}`;
  }
  if (typeof value !== "string") {
    throw new InvalidAuditEntryError(
      `${field} is a ${typeof value}, but hashed fields contain text or numbers.`
    );
  }
  const escaped = value.replace(
    /[\\\n\r]/g,
    (character) => ESCAPES[character] ?? character
  );
  return `${field}=${escaped}`;
}

/** Builds the canonical form of an audit record, the text its hash covers. */
export function canonicalForm(entry: AuditEntry): string {
  const fields = (
    CANONICAL_FIELDS as Partial<Record<string, readonly HashedField[]>>
  )[entry.kind];
  if (!fields) {
    throw new InvalidAuditEntryError(
      `The audit record kind "${String(entry.kind)}" is unknown. Expected ` +
        `Request, Outcome, Archive or ScheduleChange.`
    );
  }
  const lines = [CANONICAL_FORMAT, `kind=${entry.kind}`];
  for (const field of fields) {
    lines.push(canonicalLine(field, entry[field]));
  }
  return lines.join("\n");
}

/** Computes the hash an audit record should carry. */
export function computeHash(entry: AuditEntry): string {
  return sha256Hex(canonicalForm(entry));
}

/** The chain head Apex keeps: the last sequence written and its hash. */
export interface ChainHead {
  sequence: number | null;
  hash: string | null;
}

/** Every audit record, and the chain head as the last page reported it. */
export interface AuditTrail {
  entries: AuditEntry[];
  head: ChainHead;
}

/** Every field of AuditEntry that may be null. */
const NULLABLE_ENTRY_FIELDS: readonly (keyof AuditEntry)[] = [
  "name",
  "previousHash",
  "actorId",
  "actorName",
  "reason",
  "appKey",
  "appName",
  "scope",
  "targetUserId",
  "targetHandles",
  "tokensRequested",
  "requestSequence",
  "handle",
  "userId",
  "tokenCreatedDate",
  "outcome",
  "path",
  "error",
  "firstSequence",
  "lastSequence",
  "hashAtCut",
  "recordsRemoved",
  "exportSha256",
  "status",
  "revoked",
  "alreadyGone",
  "failed",
  "jobId",
  "action",
  "jobName",
  "cronExpression"
];

/** Returns an entry of the kind with every nullable field null. */
export function emptyAuditEntry(kind: AuditEntry["kind"]): AuditEntry {
  const entry: Record<string, unknown> = {
    kind,
    recordId: "",
    sequence: 0,
    hash: "",
    recordedAt: ""
  };
  for (const field of NULLABLE_ENTRY_FIELDS) {
    entry[field] = null;
  }
  return entry as unknown as AuditEntry;
}

/**
 * Restores the null fields that Apex leaves out of the JSON it returns,
 * so that a page reads as the AuditTrailPage type states. verifyChain
 * compares with null: a first record without previousHash would read as
 * unlinked, and a page without headSequence as a head mismatch. Pass each
 * page through this before readAuditTrail reads it.
 */
export function withNullFields(page: AuditTrailPage): AuditTrailPage {
  const entries = (page.entries ?? []).map((entry) => {
    const restored: Record<string, unknown> = { ...entry };
    for (const field of NULLABLE_ENTRY_FIELDS) {
      restored[field] ??= null;
    }
    return restored as unknown as AuditEntry;
  });
  return {
    entries,
    nextCursor: page.nextCursor ?? null,
    headSequence: page.headSequence ?? null,
    headHash: page.headHash ?? null
  };
}

/** Most pages readAuditTrail reads: 1,000 pages of 1,000 records. */
export const MAXIMUM_TRAIL_PAGES = 1000;

/**
 * Reads every page of the audit trail through listPage, which calls
 * AuditTrailController.listAuditTrail, and reports the records read so
 * far after each page. Throws when the pages do not end within
 * MAXIMUM_TRAIL_PAGES, because a cursor that never ends is a server bug.
 */
export async function readAuditTrail(
  listPage: (cursor: string | null) => Promise<AuditTrailPage>,
  onProgress?: (recordsRead: number) => void
): Promise<AuditTrail> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < MAXIMUM_TRAIL_PAGES; pages += 1) {
    // eslint-disable-next-line no-await-in-loop -- each page's cursor comes from the one before
    const page = await listPage(cursor);
    entries.push(...page.entries);
    onProgress?.(entries.length);
    if (page.nextCursor === null) {
      return {
        entries,
        head: { sequence: page.headSequence, hash: page.headHash }
      };
    }
    cursor = page.nextCursor;
  }
  throw new Error(
    `The audit trail did not end within ${MAXIMUM_TRAIL_PAGES} pages. ` +
      `Reload the page and report the problem if it persists.`
  );
}

/** One way in which the loaded records differ from the chain Apex wrote. */
export type ChainProblem =
  /** The record's content no longer matches its own hash. */
  | {
      kind: "altered";
      sequence: number;
      entryKind: AuditEntryKind;
      name: string | null;
    }
  /** The record's previous hash is not the hash of the record before it. */
  | {
      kind: "link-broken";
      sequence: number;
      entryKind: AuditEntryKind;
      name: string | null;
    }
  /** Records in this range are missing and no archive record covers them. */
  | { kind: "removed"; firstSequence: number; lastSequence: number }
  /** Two records share a sequence. */
  | { kind: "duplicate"; sequence: number }
  /** An archive record covers the missing range, but its cut hash differs. */
  | { kind: "archive-mismatch"; sequence: number; archiveSequence: number }
  /** The newest record is not the one the chain head names. */
  | {
      kind: "head-mismatch";
      headSequence: number | null;
      lastSequence: number | null;
    }
  /** A finished request's counts differ from its outcome records. */
  | { kind: "counts-mismatch"; sequence: number; name: string | null };

export interface ChainVerdict {
  intact: boolean;
  recordCount: number;
  firstSequence: number | null;
  lastSequence: number | null;
  /** Highest sequence an archive record accounts for, or null when none. */
  archivedThrough: number | null;
  problems: ChainProblem[];
}

const FINISHED_STATUSES: ReadonlySet<RevocationStatusCode | null> = new Set([
  "Completed",
  "CompletedWithFailures"
]);

function sortBySequence(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((first, second) => first.sequence - second.sequence);
}

/** Keeps the first record of each sequence and reports the others. */
function removeDuplicates(
  sorted: readonly AuditEntry[],
  problems: ChainProblem[]
): AuditEntry[] {
  const unique: AuditEntry[] = [];
  for (const entry of sorted) {
    const last = unique[unique.length - 1];
    if (last && last.sequence === entry.sequence) {
      problems.push({ kind: "duplicate", sequence: entry.sequence });
    } else {
      unique.push(entry);
    }
  }
  return unique;
}

function hashMatches(entry: AuditEntry): boolean {
  try {
    return computeHash(entry) === entry.hash;
  } catch (error) {
    if (error instanceof InvalidAuditEntryError) {
      return false;
    }
    throw error;
  }
}

/**
 * Checks the start of the chain. The first record is sequence 1 with no
 * previous hash, or it follows an archive cut: an archive record whose
 * lastSequence is just before it and whose hashAtCut is its previous hash.
 * Returns the sequence the archive accounts for, or null.
 */
function checkStart(
  first: AuditEntry,
  unique: readonly AuditEntry[],
  problems: ChainProblem[]
): number | null {
  if (first.sequence <= 1) {
    if (first.previousHash !== null && first.previousHash !== "") {
      problems.push(linkBroken(first));
    }
    return null;
  }
  const archives = unique.filter(
    (entry) => entry.kind === "Archive" && entry.lastSequence !== null
  );
  const covering = archives.filter(
    (archive) => archive.lastSequence === first.sequence - 1
  );
  if (covering.some((archive) => archive.hashAtCut === first.previousHash)) {
    return first.sequence - 1;
  }
  const mismatch = covering[0];
  if (mismatch) {
    problems.push({
      kind: "archive-mismatch",
      sequence: first.sequence,
      archiveSequence: mismatch.sequence
    });
    return null;
  }
  const archivedBefore = archives
    .map((archive) => archive.lastSequence ?? 0)
    .filter((lastSequence) => lastSequence < first.sequence - 1);
  const removedFrom =
    archivedBefore.length > 0 ? Math.max(...archivedBefore) + 1 : 1;
  problems.push({
    kind: "removed",
    firstSequence: removedFrom,
    lastSequence: first.sequence - 1
  });
  return null;
}

function linkBroken(entry: AuditEntry): ChainProblem {
  return {
    kind: "link-broken",
    sequence: entry.sequence,
    entryKind: entry.kind,
    name: entry.name
  };
}

/** Compares the newest record with the chain head. */
function checkHead(
  last: AuditEntry | undefined,
  head: ChainHead,
  problems: ChainProblem[]
): void {
  const lastSequence = last?.sequence ?? null;
  if (head.sequence === null) {
    if (last) {
      problems.push({
        kind: "head-mismatch",
        headSequence: null,
        lastSequence
      });
    }
    return;
  }
  if (lastSequence === null || lastSequence < head.sequence) {
    problems.push({
      kind: "removed",
      firstSequence: (lastSequence ?? 0) + 1,
      lastSequence: head.sequence
    });
    return;
  }
  if (lastSequence > head.sequence || last?.hash !== head.hash) {
    problems.push({
      kind: "head-mismatch",
      headSequence: head.sequence,
      lastSequence
    });
  }
}

/**
 * Compares each finished request's counts with its outcome records. The
 * counts change while the job runs, so the hash cannot cover them, but the
 * job writes them in the same transaction as the outcomes.
 */
function checkCounts(
  unique: readonly AuditEntry[],
  problems: ChainProblem[]
): void {
  const tallies = new Map<number, Record<string, number>>();
  for (const entry of unique) {
    if (entry.kind === "Outcome" && entry.requestSequence !== null) {
      const tally = tallies.get(entry.requestSequence) ?? {};
      const outcome = entry.outcome ?? "";
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      tallies.set(entry.requestSequence, tally);
    }
  }
  for (const entry of unique) {
    if (entry.kind !== "Request" || !FINISHED_STATUSES.has(entry.status)) {
      continue;
    }
    const tally = tallies.get(entry.sequence) ?? {};
    if (
      (tally.Revoked ?? 0) !== (entry.revoked ?? 0) ||
      (tally.AlreadyGone ?? 0) !== (entry.alreadyGone ?? 0) ||
      (tally.Failed ?? 0) !== (entry.failed ?? 0)
    ) {
      problems.push({
        kind: "counts-mismatch",
        sequence: entry.sequence,
        name: entry.name
      });
    }
  }
}

/**
 * Verifies loaded audit records against their hashes, each other and the
 * chain head. Pass every record: a record left out reads as removed.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  head: ChainHead
): ChainVerdict {
  return verifyWithHashCheck(entries, head, hashMatches);
}

/** Records per chunk that verifyChainInTasks hashes between yields. */
export const VERIFY_CHUNK_SIZE = 250;

/**
 * Verifies like verifyChain and returns the same verdict, but hashes the
 * records in chunks of chunkSize and awaits yieldControl after each
 * chunk, so that the page stays responsive while it hashes a long trail.
 */
export async function verifyChainInTasks(
  entries: readonly AuditEntry[],
  head: ChainHead,
  yieldControl: () => Promise<void>,
  chunkSize = VERIFY_CHUNK_SIZE
): Promise<ChainVerdict> {
  const matching = new Set<AuditEntry>();
  for (let start = 0; start < entries.length; start += chunkSize) {
    for (const entry of entries.slice(start, start + chunkSize)) {
      if (hashMatches(entry)) {
        matching.add(entry);
      }
    }
    // eslint-disable-next-line no-await-in-loop -- yielding between chunks is the point
    await yieldControl();
  }
  return verifyWithHashCheck(entries, head, (entry) => matching.has(entry));
}

function verifyWithHashCheck(
  entries: readonly AuditEntry[],
  head: ChainHead,
  hashIsValid: (entry: AuditEntry) => boolean
): ChainVerdict {
  const problems: ChainProblem[] = [];
  const unique = removeDuplicates(sortBySequence(entries), problems);

  for (const entry of unique) {
    if (!hashIsValid(entry)) {
      problems.push({
        kind: "altered",
        sequence: entry.sequence,
        entryKind: entry.kind,
        name: entry.name
      });
    }
  }

  const first = unique[0];
  const archivedThrough = first ? checkStart(first, unique, problems) : null;
  for (let index = 1; index < unique.length; index += 1) {
    const previous = unique[index - 1];
    const current = unique[index];
    if (!previous || !current) {
      continue;
    }
    if (current.sequence > previous.sequence + 1) {
      problems.push({
        kind: "removed",
        firstSequence: previous.sequence + 1,
        lastSequence: current.sequence - 1
      });
    } else if (current.previousHash !== previous.hash) {
      problems.push(linkBroken(current));
    }
  }
  checkHead(unique[unique.length - 1], head, problems);
  checkCounts(unique, problems);

  return {
    intact: problems.length === 0,
    recordCount: entries.length,
    firstSequence: first?.sequence ?? null,
    lastSequence: unique[unique.length - 1]?.sequence ?? null,
    archivedThrough,
    problems
  };
}

const KIND_LABELS: Readonly<Record<AuditEntryKind, string>> = {
  Request: "revocation request",
  Outcome: "token outcome",
  Archive: "archive record",
  ScheduleChange: "schedule change"
};

function recordLabel(
  sequence: number,
  entryKind: AuditEntryKind,
  name: string | null
): string {
  const kind = KIND_LABELS[entryKind];
  return name
    ? `Record ${sequence} (${kind} ${name})`
    : `Record ${sequence} (${kind})`;
}

function rangeLabel(firstSequence: number, lastSequence: number): string {
  return firstSequence === lastSequence
    ? `Record ${firstSequence} was`
    : `Records ${firstSequence} to ${lastSequence} were`;
}

function describeHeadMismatch(
  headSequence: number | null,
  lastSequence: number | null
): string {
  if (headSequence === null) {
    return "The chain head is missing, so removal of the newest records cannot be ruled out.";
  }
  if (lastSequence === headSequence) {
    return `Record ${headSequence} differs from the hash the chain head stores for it.`;
  }
  return (
    `The newest record is ${lastSequence ?? "missing"}, but the chain head ` +
    `names record ${headSequence}, so the head was altered or records were ` +
    `added outside OAuth Guard.`
  );
}

/** Describes one problem as a sentence for the admin. */
export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case "altered":
      return (
        `${recordLabel(problem.sequence, problem.entryKind, problem.name)} ` +
        `was altered: its content no longer matches its hash.`
      );
    case "link-broken":
      return (
        `${recordLabel(problem.sequence, problem.entryKind, problem.name)} ` +
        `does not chain to the record before it: its previous hash differs, ` +
        `so one of the two was altered or replaced.`
      );
    case "removed":
      return `${rangeLabel(problem.firstSequence, problem.lastSequence)} removed without an archive record.`;
    case "duplicate":
      return `Two or more records have sequence ${problem.sequence}, but OAuth Guard writes one record per sequence.`;
    case "archive-mismatch":
      return (
        `Record ${problem.sequence} does not chain to the cut that archive ` +
        `record ${problem.archiveSequence} states: the hash at the cut differs.`
      );
    case "head-mismatch":
      return describeHeadMismatch(problem.headSequence, problem.lastSequence);
    case "counts-mismatch":
      return (
        `${recordLabel(problem.sequence, "Request", problem.name)} states ` +
        `counts that differ from its token outcomes, so its counts were altered.`
      );
    default: {
      const unknownProblem: never = problem;
      return `Unknown problem: ${JSON.stringify(unknownProblem)}`;
    }
  }
}

/** Summarises a verdict in one sentence for the page. */
export function describeVerdict(verdict: ChainVerdict): string {
  if (!verdict.intact) {
    const count = verdict.problems.length;
    return `Audit trail not intact: ${count} ${count === 1 ? "problem" : "problems"} found.`;
  }
  if (verdict.recordCount === 0) {
    return "Audit trail intact: no records yet.";
  }
  const range = `records ${verdict.firstSequence} to ${verdict.lastSequence}`;
  const archived =
    verdict.archivedThrough === null
      ? ""
      : ` Records up to ${verdict.archivedThrough} were archived, and the ` +
        `archive record's hash at the cut matches.`;
  return `Audit trail intact: ${verdict.recordCount} records, ${range}.${archived}`;
}
