/**
 * The evidence pack: one export, as JSON and as CSV, of the findings,
 * their events, the rules used with their sources, the inputs with their
 * SHA-256, and when and how the pack was made. Building a pack twice from
 * the same input gives the same pack except for `createdAt`: every list
 * is sorted and no value depends on the clock or on chance.
 *
 * Inputs are hashed in one of two ways:
 * - a file: SHA-256 of its bytes, updated chunk by chunk while it is read
 *   (hashWhileReading), so a file of any size is hashed in one pass;
 * - records read from the org: SHA-256 of their canonical JSON
 *   (canonicalJson), so the same records give the same hash however the
 *   query returned them.
 */
import type { AllowlistEntry } from "oauth-guard/dto";
import { historyToJson, type ActivityHistoryJson } from "c/activityHistory";
import { toCsv, type CsvValue } from "c/csvExport";
import {
  countBySeverity,
  type Finding,
  type FindingReport,
  type RuleNotRun,
  type Suppression
} from "c/findingEngine";
import type { FindingEvent } from "c/findingEvidence";
import type { FindingRule, RuleProblem, Severity } from "c/findingRules";
import { terminalSafe, terminalSafeJson } from "c/safeText";
import { sha256Hex, utf8Bytes } from "c/sha256";

export const EVIDENCE_PACK_FORMAT = "oauth-guard-evidence-pack";
export const EVIDENCE_PACK_VERSION = 1;

/**
 * Hash method of an input: the bytes of a file, or the canonical JSON of
 * records read from the org.
 */
export type InputHashMethod = "file-bytes" | "canonical-json";

/** One input of the findings: a file or a set of org records. */
export interface EvidenceInput {
  /** Role of the input, for example `activity`, `rules` or `baseline`. */
  role: string;
  /** A file path, or a description of the records such as a query. */
  name: string;
  hashMethod: InputHashMethod;
  /** SHA-256, 64 lowercase hexadecimal digits. */
  sha256: string;
  /** Bytes hashed, for a file. */
  bytes: number | null;
  /** Records hashed, for org records. */
  records: number | null;
}

/** Tool and method that made the pack, for the reader of the pack. */
export interface EvidenceProvenance {
  /** For example `oauth-guard analyze` or `OAuth Guard page`. */
  tool: string;
  toolVersion: string;
  /** The command line or the steps taken, as the user would repeat them. */
  method: string;
}

/** A finding with its times as ISO 8601 text. */
export interface FindingJson extends Omit<
  Finding,
  "firstTime" | "lastTime" | "events"
> {
  firstTime: string;
  lastTime: string;
  events: FindingEventJson[];
}

export interface FindingEventJson extends Omit<FindingEvent, "time"> {
  time: string;
}

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  version: number;
  /** ISO 8601 UTC: the one value that differs between equal packs. */
  createdAt: string;
  madeBy: EvidenceProvenance;
  inputs: EvidenceInput[];
  summary: {
    findings: number;
    bySeverity: Record<Severity, number>;
    recordsRead: number;
    duplicateEvents: number;
    baselineUsed: boolean;
  };
  rules: FindingRule[];
  ruleProblems: RuleProblem[];
  allowlist: AllowlistEntry[];
  /** Allowlist entries the engine could not use, with the reason. */
  allowlistProblems: { name: string; message: string }[];
  findings: FindingJson[];
  suppressions: Suppression[];
  rulesNotRun: RuleNotRun[];
  notes: string[];
  history: ActivityHistoryJson;
}

/**
 * Writes a JSON value with the keys of every object sorted by UTF-16 code
 * units and no whitespace. Strings and numbers are written as
 * JSON.stringify writes them, which is the layout RFC 8785 (JSON
 * Canonicalization Scheme) specifies for values without non-finite
 * numbers. Properties whose value is undefined are left out, and
 * objects with toJSON are written as its result, as JSON.stringify does.
 * Throws for a non-finite number, a
 * bigint, a function or a symbol, which JSON cannot carry.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new TypeError(
        `Canonical JSON cannot carry the number ${value}: only finite ` +
          `numbers are JSON.`
      );
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => {
      // JSON.stringify writes an undefined array item as null.
      return item === undefined ? "null" : canonicalJson(item);
    });
    return `[${items.join(",")}]`;
  }
  if (typeof value === "object") {
    const source = value as Record<string, unknown>;
    // A Date, among others, is written as its toJSON result, as
    // JSON.stringify writes it.
    if (typeof source.toJSON === "function") {
      return canonicalJson((source.toJSON as () => unknown)());
    }
    const members = Object.keys(source)
      .filter((key) => source[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(source[key])}`);
    return `{${members.join(",")}}`;
  }
  throw new TypeError(
    `Canonical JSON cannot carry a value of type ${typeof value}.`
  );
}

/**
 * Returns the input entry for records read from the org: the SHA-256 of
 * their canonical JSON, as a list in the order given. Sort the records
 * first (for example by id) when the order of a query's rows may vary.
 */
export function orgRecordsInput(
  role: string,
  name: string,
  records: readonly unknown[]
): EvidenceInput {
  return {
    role,
    name,
    hashMethod: "canonical-json",
    sha256: sha256Hex(canonicalJson(records)),
    bytes: null,
    records: records.length
  };
}

/**
 * An incremental SHA-256: Node's `crypto.createHash("sha256")` and the
 * `sha256.create()` of @noble/hashes both have this shape.
 */
export interface IncrementalHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** Bytes or text chunks, as files and streams deliver them. */
export type ChunkSource =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

function hexOf(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) {
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}

async function* chunksOf(
  source: ChunkSource
): AsyncGenerator<Uint8Array | string> {
  if (
    typeof ReadableStream !== "undefined" &&
    source instanceof ReadableStream
  ) {
    const reader = source.getReader();
    try {
      for (;;) {
        // eslint-disable-next-line no-await-in-loop -- a stream is read in order
        const { done, value } = await reader.read();
        if (done) {
          return;
        }
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array | string>;
}

/**
 * Hashes a file's bytes while another reader reads them: iterate
 * `chunks` instead of the source, then call `input()` once the reading
 * is done. Text chunks are hashed as UTF-8.
 */
export class HashingReader {
  private bytesRead = 0;
  private finished = false;
  private digestHex: string | null = null;

  constructor(
    private readonly source: ChunkSource,
    private readonly hash: IncrementalHash
  ) {}

  /** Yields the source's chunks unchanged, hashing each as it passes. */
  async *chunks(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of chunksOf(this.source)) {
      const bytes = typeof chunk === "string" ? utf8Bytes(chunk) : chunk;
      this.hash.update(bytes);
      this.bytesRead += bytes.length;
      yield chunk;
    }
    this.finished = true;
  }

  /**
   * Returns the file's input entry. Throws when the chunks were not read
   * to the end, because the hash of part of a file would misstate it.
   */
  input(role: string, name: string): EvidenceInput {
    if (!this.finished) {
      throw new Error(
        `The file ${name} was not read to the end, so its SHA-256 is unknown.`
      );
    }
    this.digestHex ??= hexOf(this.hash.digest());
    return {
      role,
      name,
      hashMethod: "file-bytes",
      sha256: this.digestHex,
      bytes: this.bytesRead,
      records: null
    };
  }
}

/** Returns the input entry of a file already held in memory. */
export function textInput(
  role: string,
  name: string,
  text: string
): EvidenceInput {
  const bytes = utf8Bytes(text);
  return {
    role,
    name,
    hashMethod: "file-bytes",
    sha256: sha256Hex(text),
    bytes: bytes.length,
    records: null
  };
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

/**
 * Returns a finding with ISO 8601 times, as --json output and evidence
 * packs write it.
 */
export function findingToJson(finding: Finding): FindingJson {
  return {
    ...finding,
    firstTime: iso(finding.firstTime),
    lastTime: iso(finding.lastTime),
    events: finding.events.map((event) => ({ ...event, time: iso(event.time) }))
  };
}

export interface EvidencePackParts {
  report: FindingReport;
  /** The rules the engine ran with, as readFindingRules returned them. */
  rules: readonly FindingRule[];
  ruleProblems?: readonly RuleProblem[];
  /** The allowlist entries given to the engine; inactive ones are dropped. */
  allowlist?: readonly AllowlistEntry[];
  inputs: readonly EvidenceInput[];
  madeBy: EvidenceProvenance;
  /** When the pack is made: a Date or UTC epoch milliseconds. */
  createdAt: Date | number;
  /**
   * Sentences of the reader on what it did not read (sources, files, rows),
   * which come before the engine's notes.
   */
  readNotes?: readonly string[];
  /** App names by app key, for findings whose events gave only an id. */
  appNames?: Readonly<Record<string, string>>;
}

/** Returns the finding with the names the index gives its app keys. */
function withAppNames(
  finding: Finding,
  appNames: Readonly<Record<string, string>>
): Finding {
  const names = new Set(finding.appNames);
  for (const key of finding.appKeys) {
    const name = appNames[key];
    if (name !== undefined) {
      names.add(name);
    }
  }
  return names.size === finding.appNames.length
    ? finding
    : { ...finding, appNames: [...names].sort(compareText) };
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

/** Builds the pack. Inputs keep the order given; all else is sorted. */
export function buildEvidencePack(parts: EvidencePackParts): EvidencePack {
  const { report } = parts;
  const createdAt =
    parts.createdAt instanceof Date
      ? parts.createdAt.getTime()
      : parts.createdAt;
  return {
    format: EVIDENCE_PACK_FORMAT,
    version: EVIDENCE_PACK_VERSION,
    createdAt: iso(createdAt),
    madeBy: parts.madeBy,
    inputs: [...parts.inputs],
    summary: {
      findings: report.findings.length,
      bySeverity: countBySeverity(report.findings),
      recordsRead: report.recordsRead,
      duplicateEvents: report.duplicateEvents,
      baselineUsed: report.baselineUsed
    },
    rules: [...parts.rules].sort(
      (first, second) =>
        compareText(first.ruleId, second.ruleId) ||
        compareText(first.name, second.name)
    ),
    ruleProblems: [...(parts.ruleProblems ?? [])].sort(
      (first, second) =>
        compareText(first.name, second.name) ||
        compareText(first.code, second.code)
    ),
    allowlist: (parts.allowlist ?? [])
      .filter((entry) => entry.active)
      .sort((first, second) => compareText(first.name, second.name)),
    allowlistProblems: report.allowlistProblems.map((problem) => ({
      name: problem.name,
      message: problem.message
    })),
    findings: report.findings.map((finding) =>
      findingToJson(withAppNames(finding, parts.appNames ?? {}))
    ),
    suppressions: report.suppressions,
    rulesNotRun: report.rulesNotRun,
    notes: [...(parts.readNotes ?? []), ...report.notes],
    history: historyToJson(report.history)
  };
}

/** Writes the pack as JSON, indented by two spaces, ending in a newline. */
export function evidencePackJson(pack: EvidencePack): string {
  // Values come from the API's callers, so control characters and
  // bidirectional marks are written as escapes, which parse the same.
  return `${terminalSafeJson(JSON.stringify(pack, null, 2))}\n`;
}

/**
 * Columns of the CSV form. Each row is one record of the pack, and
 * record_type names it: pack, input, rule, finding, event, suppression,
 * rule-problem, allowlist-problem, rule-not-run or note. Columns that do not apply to a row are empty.
 */
export const EVIDENCE_CSV_COLUMNS: readonly string[] = [
  "record_type",
  "finding_id",
  "rule_id",
  "severity",
  "kind",
  "title",
  "name",
  "detail",
  "app_key",
  "app_names",
  "user",
  "users",
  "day",
  "first_time",
  "last_time",
  "count",
  "rows",
  "matched",
  "event_time",
  "event_type",
  "event_source",
  "user_id",
  "username",
  "connected_app_id",
  "connected_app_name",
  "client_name",
  "source_ip",
  "user_agent",
  "operation",
  "entity",
  "uri",
  "query_text",
  "request_id",
  "event_id",
  "event_key",
  "sha256",
  "bytes",
  "records",
  "source",
  "source_date"
];

type CsvRecord = Partial<Record<string, CsvValue>>;

/**
 * Returns a record's cells. Text has its control characters and
 * bidirectional marks written as visible escapes, so that a value from an
 * API caller cannot drive a terminal that shows the file.
 */
function csvRow(record: CsvRecord): CsvValue[] {
  return EVIDENCE_CSV_COLUMNS.map((column) => {
    const value = record[column] ?? null;
    return typeof value === "string" ? terminalSafe(value) : value;
  });
}

function ruleDetail(rule: FindingRule): string {
  const parts = [`field ${rule.field}`];
  if (rule.matchKind !== null) {
    parts.push(`match ${rule.matchKind}`);
  }
  if (rule.threshold !== null) {
    parts.push(`threshold ${rule.threshold}`);
  }
  if (rule.scope !== null) {
    parts.push(`scope ${rule.scope}`);
  }
  return parts.join(", ");
}

function findingRecord(finding: FindingJson): CsvRecord {
  return {
    record_type: "finding",
    finding_id: finding.id,
    rule_id: finding.ruleId,
    severity: finding.severity,
    kind: finding.kind,
    title: finding.title,
    name: finding.ruleName,
    detail: finding.detail,
    app_key: finding.appKey ?? finding.appKeys.join(" "),
    app_names: finding.appNames.join(" / "),
    user: finding.user,
    users: finding.users.join(" "),
    day: finding.day,
    first_time: finding.firstTime,
    last_time: finding.lastTime,
    count: finding.count,
    rows: finding.rows,
    matched: finding.matchedValues.join(" | ")
  };
}

function eventRecord(finding: FindingJson, event: FindingEventJson): CsvRecord {
  return {
    record_type: "event",
    finding_id: finding.id,
    rule_id: finding.ruleId,
    matched: event.matched,
    event_time: event.time,
    event_type: event.eventType,
    event_source: event.source,
    user_id: event.userId,
    username: event.username,
    connected_app_id: event.connectedAppId,
    connected_app_name: event.connectedAppName,
    client_name: event.clientName,
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    operation: event.operation,
    entity: event.entity,
    uri: event.uri,
    rows: event.rows,
    query_text: event.queryText,
    request_id: event.requestId,
    event_id: event.eventId,
    event_key: event.key
  };
}

/**
 * Writes the pack as one CSV table (RFC 4180, CRLF line ends). Cells that
 * a spreadsheet would read as a formula are neutralised by c/csvExport.
 */
export function evidencePackCsv(pack: EvidencePack): string {
  const records: CsvRecord[] = [
    {
      record_type: "pack",
      name: pack.format,
      detail: `version ${pack.version}; made by ${pack.madeBy.tool} ${pack.madeBy.toolVersion}: ${pack.madeBy.method}`,
      first_time: pack.createdAt,
      count: pack.summary.findings,
      records: pack.summary.recordsRead
    }
  ];
  for (const input of pack.inputs) {
    records.push({
      record_type: "input",
      kind: input.role,
      name: input.name,
      detail: input.hashMethod,
      sha256: input.sha256,
      bytes: input.bytes,
      records: input.records
    });
  }
  for (const rule of pack.rules) {
    records.push({
      record_type: "rule",
      rule_id: rule.ruleId,
      severity: rule.severity,
      kind: rule.kind,
      title: rule.title,
      name: rule.name,
      detail: ruleDetail(rule),
      matched: rule.patterns.join(" | "),
      source: rule.source,
      source_date: rule.sourceDate
    });
  }
  for (const finding of pack.findings) {
    records.push(findingRecord(finding));
    for (const event of finding.events) {
      records.push(eventRecord(finding, event));
    }
  }
  for (const suppression of pack.suppressions) {
    records.push({
      record_type: "suppression",
      rule_id: suppression.ruleId,
      kind: suppression.entryKind,
      name: suppression.entryName,
      matched: suppression.entryValue,
      count: suppression.events
    });
  }
  for (const problem of pack.ruleProblems) {
    records.push({
      record_type: "rule-problem",
      rule_id: problem.ruleId,
      name: problem.name,
      kind: problem.code,
      detail: problem.message
    });
  }
  for (const problem of pack.allowlistProblems) {
    records.push({
      record_type: "allowlist-problem",
      name: problem.name,
      detail: problem.message
    });
  }
  for (const notRun of pack.rulesNotRun) {
    records.push({
      record_type: "rule-not-run",
      rule_id: notRun.ruleId,
      name: notRun.ruleName,
      detail: notRun.reason
    });
  }
  for (const note of pack.notes) {
    records.push({ record_type: "note", detail: note });
  }
  return toCsv(EVIDENCE_CSV_COLUMNS, records.map(csvRow));
}
