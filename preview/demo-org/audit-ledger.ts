/**
 * The demo org's audit records: revocation requests, token outcomes,
 * archive records and schedule changes in one hash chain, as Apex
 * AuditLedger writes them.
 * Each record takes the next sequence, the previous record's hash and the
 * SHA-256 of its canonical form from c/auditChain, the module the page
 * verifies with, so an untouched demo trail verifies as intact.
 */
import type { AuditEntry, AuditEntryKind } from "oauth-guard/dto";
import { computeHash, emptyAuditEntry } from "c/auditChain";
import { demoRecordId } from "./salesforce-id";

/** The fields a caller sets; the ledger assigns the chain fields. */
export type AuditRecordFields = Partial<
  Omit<
    AuditEntry,
    "kind" | "recordId" | "name" | "sequence" | "previousHash" | "hash"
  >
>;

/** Key prefixes of the four audit objects in the demo org. */
const KEY_PREFIXES: Readonly<Record<AuditEntryKind, string>> = {
  Request: "a01",
  Outcome: "a02",
  Archive: "a03",
  ScheduleChange: "a04"
};

/** Auto-number formats of the objects' Name fields, as in their metadata. */
function recordName(kind: AuditEntryKind, number: number): string {
  switch (kind) {
    case "Request":
      return `REV-${String(number).padStart(6, "0")}`;
    case "Outcome":
      return `OUT-${String(number).padStart(7, "0")}`;
    case "Archive":
      return `ARC-${String(number).padStart(5, "0")}`;
    case "ScheduleChange":
      return `SCH-${String(number).padStart(5, "0")}`;
  }
}

/** Formats a time as the audit stores it: ISO 8601 UTC, whole seconds. */
export function auditTimestamp(epochMilliseconds: number): string {
  return new Date(Math.floor(epochMilliseconds / 1000) * 1000).toISOString();
}

/**
 * Cleans text as Apex AuditLedger.cleanText does: control characters
 * become spaces, the text is trimmed, cut to maxLength without splitting
 * a surrogate pair, and trimmed again. Returns null for blank text.
 */
export function cleanText(
  value: string | null | undefined,
  maxLength: number
): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const cleaned = value.replace(/[\x00-\x1F\x7F]/g, " ").trim();
  if (cleaned.length <= maxLength) {
    return cleaned === "" ? null : cleaned;
  }
  let cut = cleaned.slice(0, maxLength);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    cut = cut.slice(0, -1);
  }
  return cut.trim() === "" ? null : cut.trim();
}

export class DemoAuditLedger {
  /** Stored records in sequence order. */
  private records: AuditEntry[] = [];
  private readonly numbers: Record<AuditEntryKind, number> = {
    Request: 0,
    Outcome: 0,
    Archive: 0,
    ScheduleChange: 0
  };
  /** OAuth_Audit_Head__c: the last sequence written and its hash. */
  headSequence: number | null = null;
  headHash: string | null = null;

  /** Every stored record, in sequence order. */
  get entries(): readonly AuditEntry[] {
    return this.records;
  }

  /**
   * Appends a record: assigns its id, name, sequence and previous hash,
   * hashes it and moves the head to it. Returns the stored record, whose
   * unhashed request fields (status to jobId) the caller may update.
   */
  append(
    kind: AuditEntryKind,
    fields: AuditRecordFields,
    recordedAt: number
  ): AuditEntry {
    this.numbers[kind] += 1;
    const entry: AuditEntry = {
      ...emptyAuditEntry(kind),
      ...fields,
      recordId: demoRecordId(KEY_PREFIXES[kind], this.numbers[kind]),
      name: recordName(kind, this.numbers[kind]),
      sequence: (this.headSequence ?? 0) + 1,
      previousHash: this.headHash,
      recordedAt: auditTimestamp(recordedAt)
    };
    entry.hash = computeHash(entry);
    this.records.push(entry);
    this.headSequence = entry.sequence;
    this.headHash = entry.hash;
    return entry;
  }

  /** Returns the record with this Id, or undefined. */
  findById(recordId: string): AuditEntry | undefined {
    return this.records.find((entry) => entry.recordId === recordId);
  }

  /** Returns the record with this sequence, or undefined. */
  findBySequence(sequence: number): AuditEntry | undefined {
    return this.records.find((entry) => entry.sequence === sequence);
  }

  /** Removes every record up to the sequence and returns how many went. */
  removeThrough(sequence: number): number {
    const before = this.records.length;
    this.records = this.records.filter((entry) => entry.sequence > sequence);
    return before - this.records.length;
  }

  /**
   * Changes a stored record without hashing it again, as someone editing
   * the record outside OAuth Guard would. The demo's tamper mode uses it
   * to show how the page reports an altered record.
   */
  alter(sequence: number, change: AuditRecordFields): void {
    const entry = this.findBySequence(sequence);
    if (!entry) {
      throw new RangeError(`No audit record has sequence ${sequence}.`);
    }
    Object.assign(entry, change);
  }
}
