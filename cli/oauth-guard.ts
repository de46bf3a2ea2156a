/**
 * The `oauth-guard` command line. `main` parses the arguments, runs the
 * command and returns the exit status: 0 when every file was read, 1 when
 * some input had problems (printed after everything else) or the evidence
 * pack could not be written, 2 for a usage error.
 */
import { parseArgs } from "node:util";
import { parseEventTime } from "c/activityRecord";
import { analyze } from "./analyze";
import {
  FindingSetupError,
  SHIPPED_RULES_FILE,
  findingsJson,
  formatFindingsText,
  loadFindingSetup,
  writeEvidencePack,
  type FindingSetup
} from "./findings";
import { formatCsv, formatErrors, formatJson, formatText } from "./report";

export const EXIT_OK = 0;
export const EXIT_INPUT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const MILLISECONDS_PER_DAY = 86_400_000;

export const USAGE = `Usage: oauth-guard analyze [options] <files or folders...>

Reads event log files (EventLogFile CSV) and real-time event JSON (one
event, an array, newline-delimited events, streaming-client messages or a
SOQL query result), prints a summary per connected app, and the findings
of the indicator rules. Folders are searched recursively for .csv,
.json, .ndjson and .jsonl files.

Options:
  --json          Print the summary, the daily figures per app and user,
                  and an errors list (file, line, message) as JSON.
  --csv           Print the per-app summary as CSV.
  --since <time>  Count only events at or after this time: a UTC date
                  (2025-10-01) or an ISO 8601 time with a zone.
  --until <time>  Count only events before this time. A date alone means
                  the end of that UTC day.
  --baseline <file>
                  An earlier --json output or evidence pack: what counts as
                  known. Without it the first-seen rules (FirstSeenApp,
                  NewRefreshLoginOrigin) do not run.
  --rules <file>  Your own indicator rules (JSON), applied over the shipped
                  rules by name. Repeat for several files.
  --allowlist <file>
                  Allowlist entries (JSON list of name, kind, value) whose
                  matches are suppressed and counted. Repeat for several.
  --evidence-pack <path>
                  Also write the findings, their events, the rules and the
                  SHA-256 of every input to <path>.json and <path>.csv.
  -h, --help      Print this help.

Exit status: 0 when every file was read, 1 when some input had problems
or the evidence pack could not be written, 2 for a usage error.
`;

/** Output streams of main: process.stdout and process.stderr in real runs. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  now?: () => number;
  /**
   * The shipped rules file; rules/indicator-rules.json under the working
   * folder when absent. The bin passes the one beside it.
   */
  rulesFile?: string;
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
  baseline: string | null;
  rules: string[];
  allowlists: string[];
  evidencePack: string | null;
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
        baseline: { type: "string" },
        rules: { type: "string", multiple: true },
        allowlist: { type: "string", multiple: true },
        "evidence-pack": { type: "string" },
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
  return {
    inputs: positionals,
    format,
    since,
    until,
    baseline: values.baseline ?? null,
    rules: values.rules ?? [],
    allowlists: values.allowlist ?? [],
    evidencePack: values["evidence-pack"] ?? null
  };
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
  return runAnalyze(args, argv, io);
}

/** Runs `analyze` with its parsed arguments and returns the exit status. */
async function runAnalyze(
  args: AnalyzeArguments,
  argv: string[],
  io: CommandIo
): Promise<number> {
  const rulesFile = io.rulesFile ?? SHIPPED_RULES_FILE;
  let setup: FindingSetup;
  try {
    setup = loadFindingSetup({
      rulesFile,
      extraRulesFiles: args.rules,
      allowlistFiles: args.allowlists,
      baselineFile: args.baseline
    });
  } catch (error) {
    if (error instanceof FindingSetupError) {
      io.stderr.write(`oauth-guard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const result = await analyze(args.inputs, {
    since: args.since,
    until: args.until,
    progressStream: io.stderr,
    now: io.now,
    findings: setup.engine,
    hashInputs: args.evidencePack !== null
  });
  const findingReport = setup.engine.finish();
  if (args.format === "json") {
    io.stdout.write(
      formatJson(result, findingsJson(findingReport, setup.ruleProblems))
    );
  } else if (args.format === "csv") {
    io.stdout.write(formatCsv(result));
    io.stderr.write(formatErrors(result));
  } else {
    io.stdout.write(formatText(result));
    io.stdout.write(
      `\n${formatFindingsText(findingReport, setup.ruleProblems)}`
    );
    io.stderr.write(formatErrors(result));
  }

  if (args.evidencePack !== null) {
    try {
      const paths = writeEvidencePack({
        report: findingReport,
        setup,
        activityInputs: result.activityInputs,
        argv,
        rulesFile,
        createdAt: (io.now ?? Date.now)(),
        path: args.evidencePack,
        readNotes: result.errors.map(
          (problem) => `${problem.file}:${problem.line}: ${problem.message}`
        )
      });
      io.stderr.write(
        `oauth-guard: evidence pack written to ${paths.json} and ${paths.csv}\n`
      );
    } catch (error) {
      if (error instanceof FindingSetupError) {
        io.stderr.write(`oauth-guard: ${error.message}\n`);
        return EXIT_INPUT_PROBLEMS;
      }
      throw error;
    }
  }

  const hasProblems =
    result.errors.length > 0 ||
    setup.ruleProblems.length > 0 ||
    findingReport.allowlistProblems.length > 0;
  return hasProblems ? EXIT_INPUT_PROBLEMS : EXIT_OK;
}
