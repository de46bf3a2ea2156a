/**
 * The `oauth-guard` command line. `main` parses the arguments, runs the
 * command and returns the exit status: 0 when every file was read, 1 when
 * some input had problems (printed after everything else), 2 for a usage
 * error.
 */
import { parseArgs } from "node:util";
import { parseEventTime } from "c/activityRecord";
import { analyze } from "./analyze";
import { formatCsv, formatErrors, formatJson, formatText } from "./report";

export const EXIT_OK = 0;
export const EXIT_INPUT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const MILLISECONDS_PER_DAY = 86_400_000;

export const USAGE = `Usage: oauth-guard analyze [options] <files or folders...>

Reads event log files (EventLogFile CSV) and real-time event JSON (one
event, an array, newline-delimited events, streaming-client messages or a
SOQL query result) and prints a summary per connected app. Folders are
searched recursively for .csv, .json, .ndjson and .jsonl files.

Options:
  --json          Print the summary, the daily figures per app and user,
                  and an errors list (file, line, message) as JSON.
  --csv           Print the per-app summary as CSV.
  --since <time>  Count only events at or after this time: a UTC date
                  (2025-10-01) or an ISO 8601 time with a zone.
  --until <time>  Count only events before this time. A date alone means
                  the end of that UTC day.
  -h, --help      Print this help.

Exit status: 0 when every file was read, 1 when some input had problems,
2 for a usage error.
`;

/** Output streams of main: process.stdout and process.stderr in real runs. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  now?: () => number;
}

class UsageError extends Error {}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a --since or --until value to UTC epoch milliseconds. A date
 * alone means the start of that UTC day, or with `endOfDay` the start of
 * the next one.
 */
export function parseTimeOption(
  name: string,
  value: string,
  endOfDay: boolean
): number {
  const isDate = DATE_ONLY.test(value);
  const time = parseEventTime(isDate ? `${value}T00:00:00.000Z` : value);
  if (time === null) {
    throw new UsageError(
      `Invalid --${name} "${value}": expected a date such as 2025-10-01 or an ISO 8601 time with a zone such as 2025-10-01T12:00:00Z.`
    );
  }
  return isDate && endOfDay ? time + MILLISECONDS_PER_DAY : time;
}

interface AnalyzeArguments {
  inputs: string[];
  format: "text" | "json" | "csv";
  since: number | null;
  until: number | null;
}

function parseAnalyzeArguments(args: string[]): AnalyzeArguments | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        csv: { type: "boolean" },
        since: { type: "string" },
        until: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message : String(error)
    );
  }

  const { values, positionals } = parsed;

  if (values.help) {
    return "help";
  }
  if (values.json && values.csv) {
    throw new UsageError("Choose one of --json and --csv.");
  }
  if (positionals.length === 0) {
    throw new UsageError("Name at least one file or folder to analyze.");
  }

  const since =
    values.since === undefined
      ? null
      : parseTimeOption("since", values.since, false);
  const until =
    values.until === undefined
      ? null
      : parseTimeOption("until", values.until, true);
  if (since !== null && until !== null && until <= since) {
    throw new UsageError("--until must be later than --since.");
  }

  let format: AnalyzeArguments["format"] = "text";
  if (values.json) {
    format = "json";
  } else if (values.csv) {
    format = "csv";
  }
  return { inputs: positionals, format, since, until };
}

/** Runs the command line and returns its exit status. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (command !== "analyze") {
    io.stderr.write(
      command === undefined
        ? `oauth-guard: missing command.\n\n${USAGE}`
        : `oauth-guard: unknown command "${command}".\n\n${USAGE}`
    );
    return EXIT_USAGE;
  }
  let args: AnalyzeArguments | "help";
  try {
    args = parseAnalyzeArguments(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`oauth-guard: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (args === "help") {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const result = await analyze(args.inputs, {
    since: args.since,
    until: args.until,
    progressStream: io.stderr,
    now: io.now
  });
  if (args.format === "json") {
    io.stdout.write(formatJson(result));
  } else if (args.format === "csv") {
    io.stdout.write(formatCsv(result));
    io.stderr.write(formatErrors(result));
  } else {
    io.stdout.write(formatText(result));
    io.stderr.write(formatErrors(result));
  }
  return result.errors.length > 0 ? EXIT_INPUT_PROBLEMS : EXIT_OK;
}
