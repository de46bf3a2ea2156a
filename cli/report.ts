/**
 * Output of `oauth-guard analyze`: a text table, JSON or CSV. Every value
 * read from input passes through terminalSafe, terminalSafeJson or
 * csvField, so control characters in event data never reach the
 * terminal raw.
 */
import {
  UNATTRIBUTED_APP_KEY,
  type ActivityTotals,
  type AppActivitySummary,
  type DailyActivity
} from "c/activityAggregate";
import type { ActivityFileReport } from "c/activityImport";
import type { ReadProblem } from "c/activityRecord";
import { csvField, terminalSafe, terminalSafeJson } from "c/safeText";

/** Everything one run produced. */
export interface AnalysisResult {
  apps: AppActivitySummary[];
  daily: DailyActivity[];
  files: ActivityFileReport[];
  /** Problems of every file, plus arguments that could not be read. */
  errors: ReadProblem[];
  /** Problems found but not kept (beyond the per-file limit). */
  errorsNotShown: number;
  /** Records outside --since and --until. */
  recordsOutsideRange: number;
  totals: ActivityTotals;
}

/** Maximum names listed per cell in the text table. */
const MAX_LISTED = 5;
const MAX_CELL_WIDTH = 48;

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

/** Returns the app's label: its name and id, its id, or its name. */
export function appLabel(app: AppActivitySummary): string {
  if (app.appKey === UNATTRIBUTED_APP_KEY) {
    return "(no app named)";
  }
  const name = app.connectedAppNames.join(" / ");
  if (app.connectedAppId !== null) {
    return name.length > 0
      ? `${name} (${app.connectedAppId})`
      : app.connectedAppId;
  }
  return name;
}

function cell(text: string): string {
  const safe = terminalSafe(text);
  return safe.length > MAX_CELL_WIDTH
    ? `${safe.slice(0, MAX_CELL_WIDTH - 1)}…`
    : safe;
}

function listed(values: readonly string[]): string {
  const listedValues = values.slice(0, MAX_LISTED).map((value) => cell(value));
  const more = values.length - listedValues.length;
  return more > 0
    ? `${listedValues.join(", ")} and ${more} more`
    : listedValues.join(", ");
}

const COLUMNS = [
  "App",
  "Requests",
  "Rows",
  "Rows unknown",
  "Bytes",
  "Users",
  "IPs",
  "User agents",
  "First seen",
  "Last seen"
];

function tableRow(app: AppActivitySummary): string[] {
  return [
    cell(appLabel(app)),
    String(app.requests),
    String(app.rows),
    String(app.requestsWithUnknownRows),
    String(app.bytes),
    String(app.users.length),
    String(app.sourceIpCount),
    String(app.userAgentCount),
    isoOrNull(app.firstSeen) ?? "",
    isoOrNull(app.lastSeen) ?? ""
  ];
}

function formatTable(rows: string[][]): string {
  const widths = COLUMNS.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length))
  );
  return rows
    .map((row) =>
      row
        .map((value, column) =>
          column === 0
            ? value.padEnd(widths[column] ?? 0)
            : value.padStart(widths[column] ?? 0)
        )
        .join("  ")
        .trimEnd()
    )
    .join("\n");
}

/** Formats the per-app summary as a text table for the terminal. */
export function formatText(result: AnalysisResult): string {
  const lines: string[] = [];
  const fileCount = result.files.length;
  if (result.apps.length === 0) {
    lines.push(`No activity found in ${fileCount} file(s).`);
  } else {
    lines.push(
      `Activity of ${result.apps.length} app row(s) from ${fileCount} file(s), ` +
        `${result.totals.requests} request(s):`,
      "",
      formatTable([COLUMNS, ...result.apps.map(tableRow)])
    );
  }
  for (const app of result.apps) {
    if (app.clientNames.length > 0 || app.appKey === UNATTRIBUTED_APP_KEY) {
      lines.push(
        "",
        `${cell(appLabel(app))}:`,
        `  users: ${listed(app.users) || "none named"}`,
        `  client names: ${listed(app.clientNames) || "none declared"}`
      );
    }
  }
  if (result.recordsOutsideRange > 0) {
    lines.push(
      "",
      `${result.recordsOutsideRange} record(s) outside --since/--until were left out.`
    );
  }
  for (const file of result.files) {
    if (file.note !== null) {
      lines.push("", `${terminalSafe(file.file)}: ${file.note}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Formats the problems for stderr, one per line. */
export function formatErrors(result: AnalysisResult): string {
  if (result.errors.length === 0) {
    return "";
  }
  const lines = result.errors.map(
    (error) =>
      `${terminalSafe(error.file)}:${error.line}: ${terminalSafe(error.message)}`
  );
  if (result.errorsNotShown > 0) {
    lines.push(`${result.errorsNotShown} more problem(s) not shown.`);
  }
  return `${lines.join("\n")}\n`;
}

function totalsJson(totals: ActivityTotals): Record<string, unknown> {
  return {
    ...totals,
    firstSeen: isoOrNull(totals.firstSeen),
    lastSeen: isoOrNull(totals.lastSeen)
  };
}

/**
 * Formats the whole result as JSON, with times as ISO 8601 strings.
 * `extra` adds keys, such as the findings, before the errors.
 */
export function formatJson(
  result: AnalysisResult,
  extra: Record<string, unknown> = {}
): string {
  const document = {
    apps: result.apps.map((app) => ({ ...app, ...totalsJson(app) })),
    daily: result.daily.map((day) => ({ ...day, ...totalsJson(day) })),
    totals: totalsJson(result.totals),
    recordsOutsideRange: result.recordsOutsideRange,
    files: result.files.map((file) => ({
      file: file.file,
      format: file.format,
      events: file.events,
      records: file.records,
      undated: file.undated,
      logFileRecords: file.logFileRecords,
      bytesRead: file.bytesRead,
      problemCount: file.problemCount,
      note: file.note
    })),
    ...extra,
    errors: result.errors,
    errorsNotShown: result.errorsNotShown
  };
  return `${terminalSafeJson(JSON.stringify(document, null, 2))}\n`;
}

/** Formats the per-app summary as CSV that spreadsheets show as text. */
export function formatCsv(result: AnalysisResult): string {
  const header = [
    "app_key",
    "connected_app_id",
    "connected_app_names",
    "client_names",
    "requests",
    "rows",
    "requests_with_unknown_rows",
    "bytes",
    "users",
    "source_ips",
    "user_agents",
    "first_seen",
    "last_seen"
  ];
  const rows = result.apps.map((app) =>
    [
      app.appKey,
      app.connectedAppId,
      app.connectedAppNames.join(" / "),
      app.clientNames.join(" / "),
      app.requests,
      app.rows,
      app.requestsWithUnknownRows,
      app.bytes,
      app.users.length,
      app.sourceIpCount,
      app.userAgentCount,
      isoOrNull(app.firstSeen),
      isoOrNull(app.lastSeen)
    ]
      .map(csvField)
      .join(",")
  );
  return `${[header.join(","), ...rows].join("\r\n")}\r\n`;
}
