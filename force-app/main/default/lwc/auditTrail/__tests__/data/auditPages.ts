import type { AuditEntry, AuditTrailPage } from "oauth-guard/dto";
import { computeHash, withNullFields } from "c/auditChain";
import records from "./auditRecords.json";

/**
 * Returns the fixture records chained as Apex writes them: each with the
 * previous record's hash and its own, and without null fields, as Apex
 * leaves them out of its JSON.
 */
export function chainedRecords(): AuditEntry[] {
  const { entries } = withNullFields({
    entries: records as unknown as AuditEntry[],
    nextCursor: null,
    headSequence: null,
    headHash: null
  });
  let previousHash: string | null = null;
  return entries.map((entry) => {
    const chained: AuditEntry = { ...entry, previousHash, hash: "" };
    chained.hash = computeHash(chained);
    previousHash = chained.hash;
    return chained;
  });
}

/** Drops null fields, as Apex does when it returns a DTO. */
export function withoutNulls<Value extends object>(value: Value): Value {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== null)
  ) as Value;
}

/** Returns one page with the records and a head on the last of them. */
export function pageOf(entries: AuditEntry[]): AuditTrailPage {
  const last = entries[entries.length - 1];
  return withoutNulls({
    entries: entries.map((entry) => withoutNulls(entry)),
    nextCursor: null,
    headSequence: last?.sequence ?? null,
    headHash: last?.hash ?? null
  });
}
