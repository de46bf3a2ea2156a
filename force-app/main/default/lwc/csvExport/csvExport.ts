/**
 * CSV export (RFC 4180) that spreadsheet programs open without running any
 * formula an attacker placed in the data. The audit trail contains text
 * that others control, such as app names and error messages. So a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * neutralised with a leading single quote, which spreadsheets read as
 * "this is text".
 *
 * A value that already starts with a single quote gains one too, so the
 * neutralising can be undone exactly (restoreNeutralisedValue): the archive
 * export must keep every hashed value, so that the chain can be verified
 * from the file later.
 */
import type { AuditEntry } from "oauth-guard/dto";
import { sha256Hex } from "c/sha256";

/** A cell value; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = [
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r"
];

const NEUTRALISING_PREFIX = "'";
const LINE_END = "\r\n";

/**
 * Prefixes a single quote to text that a spreadsheet could read as a
 * formula, and to text that already starts with a single quote.
 */
export function neutraliseFormula(value: string): string {
  const first = value.charAt(0);
  if (FORMULA_TRIGGERS.includes(first) || first === NEUTRALISING_PREFIX) {
    return NEUTRALISING_PREFIX + value;
  }
  return value;
}

/** Undoes neutraliseFormula: removes one leading single quote. */
export function restoreNeutralisedValue(value: string): string {
  return value.startsWith(NEUTRALISING_PREFIX) ? value.slice(1) : value;
}

/**
 * Formats one cell. Text is neutralised, then quoted when it contains a
 * comma, a double quote, CR or LF, with inner double quotes doubled.
 * Numbers and booleans are written as they are: they cannot hold a formula.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  const neutralised = neutraliseFormula(value);
  if (/[",\r\n]/.test(neutralised)) {
    return `"${neutralised.replace(/"/g, '""')}"`;
  }
  return neutralised;
}

/**
 * Builds a CSV document: the header row, then one row per record, every
 * line ended with CRLF. Throws when a row's length differs from the
 * header's, because a shifted column would misfile every value after it.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[]
): string {
  const lines = [header.map(csvField).join(",")];
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new Error(
        `CSV row ${index + 1} has ${row.length} values, but the header has ` +
          `${header.length} columns.`
      );
    }
    lines.push(row.map(csvField).join(","));
  });
  return lines.join(LINE_END) + LINE_END;
}

/**
 * Columns of the audit trail export: every field of AuditEntry, so that
 * the export keeps every hashed value and the counts beside them.
 */
export const AUDIT_TRAIL_COLUMNS: readonly (keyof AuditEntry)[] = [
  "sequence",
  "kind",
  "name",
  "recordId",
  "recordedAt",
  "actorId",
  "actorName",
  "appKey",
  "appName",
  "scope",
  "targetUserId",
  "targetHandles",
  "tokensRequested",
  "reason",
  "status",
  "revoked",
  "alreadyGone",
  "failed",
  "jobId",
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
  "action",
  "jobName",
  "cronExpression",
  "previousHash",
  "hash"
];

/** Builds the CSV export of audit records, in sequence order. */
export function auditTrailCsv(entries: readonly AuditEntry[]): string {
  const sorted = [...entries].sort(
    (first, second) => first.sequence - second.sequence
  );
  return toCsv(
    AUDIT_TRAIL_COLUMNS,
    sorted.map((entry) => AUDIT_TRAIL_COLUMNS.map((column) => entry[column]))
  );
}

/** The CSV an admin saves before archiving, and the checksum Apex records. */
export interface ArchiveExport {
  csv: string;
  /** SHA-256 of the CSV's UTF-8 bytes, for archiveAuditTrail. */
  exportSha256: string;
  recordCount: number;
}

/**
 * Builds the export of the records up to the cut an archive plan names,
 * with the checksum that archiveAuditTrail stores. Save the CSV as UTF-8
 * without a byte order mark, so that its bytes match the checksum.
 */
export function archiveExport(
  entries: readonly AuditEntry[],
  cutSequence: number
): ArchiveExport {
  const archived = entries.filter((entry) => entry.sequence <= cutSequence);
  const csv = auditTrailCsv(archived);
  return { csv, exportSha256: sha256Hex(csv), recordCount: archived.length };
}
