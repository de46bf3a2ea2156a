/**
 * The findings of `oauth-guard analyze`: reads the rules files, the
 * allowlist and the baseline, sets up the findings engine that runs beside
 * the aggregation, and formats its findings as text, as JSON and as an
 * evidence pack.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AllowlistEntry } from "oauth-guard/dto";
import { BaselineError, historyToJson, parseBaseline } from "c/activityHistory";
import {
  buildEvidencePack,
  evidencePackCsv,
  evidencePackJson,
  findingToJson,
  textInput,
  type EvidenceInput
} from "c/evidencePack";
import {
  FindingEngine,
  countBySeverity,
  type Finding,
  type FindingReport
} from "c/findingEngine";
import {
  RulesFileError,
  mergeRuleSets,
  parseRulesFile,
  readFindingRules,
  type FindingRule,
  type RuleProblem
} from "c/findingRules";
import { terminalSafe } from "c/safeText";
import { describeFsError } from "./input-files";

/** The rules file that ships with OAuth Guard, relative to the project. */
export const SHIPPED_RULES_FILE = "rules/indicator-rules.json";

export interface FindingOptions {
  /** The shipped rules file. */
  rulesFile: string;
  /** Admins' own rules, applied over the shipped ones by record name. */
  extraRulesFiles: readonly string[];
  allowlistFiles: readonly string[];
  baselineFile: string | null;
}

/** A rules, allowlist or baseline file that cannot be used. */
export class FindingSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FindingSetupError";
  }
}

export interface FindingSetup {
  engine: FindingEngine;
  rules: FindingRule[];
  ruleProblems: RuleProblem[];
  allowlist: AllowlistEntry[];
  /** The rules, allowlist and baseline files, hashed for the pack. */
  configInputs: EvidenceInput[];
}

function readText(path: string, fileKind: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new FindingSetupError(
      `Reading the ${fileKind} ${path} failed: ${describeFsError(error)}`
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads an allowlist file: a JSON list of entries shaped like the
 * OAuth Guard Allowlist Entry records (name, kind, value, and optionally
 * reason and active, which defaults to true).
 */
export function parseAllowlistFile(
  text: string,
  label: string
): AllowlistEntry[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FindingSetupError(
      `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  if (!Array.isArray(document)) {
    throw new FindingSetupError(
      `${label} must be a JSON list of allowlist entries, each with name, ` +
        `kind (ConnectedApp, IpRange or User) and value.`
    );
  }
  return document.map((entry: unknown, index) => {
    if (
      !isRecord(entry) ||
      typeof entry.name !== "string" ||
      typeof entry.kind !== "string" ||
      typeof entry.value !== "string" ||
      (entry.active !== undefined && typeof entry.active !== "boolean")
    ) {
      throw new FindingSetupError(
        `${label}, entry ${index + 1}: give name, kind and value as text, ` +
          `and active as true or false.`
      );
    }
    return {
      name: entry.name,
      kind: entry.kind,
      value: entry.value,
      reason: typeof entry.reason === "string" ? entry.reason : null,
      active: entry.active !== false
    };
  });
}

function parseRules(
  text: string,
  path: string
): ReturnType<typeof parseRulesFile> {
  try {
    return parseRulesFile(text, path);
  } catch (error) {
    if (error instanceof RulesFileError) {
      throw new FindingSetupError(error.message);
    }
    throw error;
  }
}

/** Reads the configuration files and builds the engine. */
export function loadFindingSetup(options: FindingOptions): FindingSetup {
  if (!existsSync(options.rulesFile)) {
    throw new FindingSetupError(
      `The shipped rules file ${options.rulesFile} was not found. Run ` +
        `oauth-guard from its project, or regenerate the file with ` +
        `node scripts/generate-rules-file.mjs.`
    );
  }
  const configInputs: EvidenceInput[] = [];
  const ruleSets = [options.rulesFile, ...options.extraRulesFiles].map(
    (path) => {
      const text = readText(path, "rules file");
      configInputs.push(textInput("rules", path, text));
      return parseRules(text, path);
    }
  );
  const reading = readFindingRules(mergeRuleSets(...ruleSets));

  const allowlist: AllowlistEntry[] = [];
  for (const path of options.allowlistFiles) {
    const text = readText(path, "allowlist");
    allowlist.push(...parseAllowlistFile(text, path));
    configInputs.push(textInput("allowlist", path, text));
  }

  let baseline = null;
  if (options.baselineFile !== null) {
    const text = readText(options.baselineFile, "baseline");
    try {
      baseline = parseBaseline(text, options.baselineFile);
    } catch (error) {
      if (error instanceof BaselineError) {
        throw new FindingSetupError(error.message);
      }
      throw error;
    }
    configInputs.push(textInput("baseline", options.baselineFile, text));
  }

  return {
    engine: new FindingEngine({ rules: reading.rules, allowlist, baseline }),
    rules: reading.rules,
    ruleProblems: reading.problems,
    allowlist,
    configInputs
  };
}

/** Returns the project's version from package.json beside the rules. */
export function toolVersion(rulesFile: string): string {
  const manifest = join(dirname(rulesFile), "..", "package.json");
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
    if (isRecord(parsed) && typeof parsed.version === "string") {
      return parsed.version;
    }
  } catch {
    // A bundle copied away from its project has no manifest beside it.
  }
  return "unknown";
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function findingLines(finding: Finding): string[] {
  const app = finding.appKey ?? finding.appKeys.join(", ");
  const user = finding.user ?? (finding.users.join(", ") || "none named");
  return [
    `  ${finding.severity.toUpperCase().padEnd(6)} ${terminalSafe(finding.ruleId)}: ${terminalSafe(finding.title)}`,
    `         app: ${terminalSafe(app)}; user: ${terminalSafe(user)}; ` +
      `${iso(finding.firstTime)} to ${iso(finding.lastTime)}; ` +
      `${finding.count} event(s)`,
    `         ${terminalSafe(finding.detail)}`
  ];
}

/** Formats the findings section of the text output. */
export function formatFindingsText(
  report: FindingReport,
  ruleProblems: readonly RuleProblem[]
): string {
  const counts = countBySeverity(report.findings);
  const lines = [
    report.findings.length === 0
      ? "Findings: none."
      : `Findings: ${report.findings.length} (${counts.High} high, ` +
        `${counts.Medium} medium, ${counts.Low} low), most severe first:`
  ];
  for (const finding of report.findings) {
    lines.push(...findingLines(finding));
  }
  for (const suppression of report.suppressions) {
    lines.push(
      `Allowlist entry ${terminalSafe(suppression.entryName)} ` +
        `(${suppression.entryKind} ${terminalSafe(suppression.entryValue)}) ` +
        `suppressed ${suppression.events} match(es) of ${terminalSafe(suppression.ruleId)}.`
    );
  }
  for (const notRun of report.rulesNotRun) {
    lines.push(
      `Rule ${terminalSafe(notRun.ruleId)} did not run: ${notRun.reason}`
    );
  }
  for (const problem of [...ruleProblems, ...report.allowlistProblems]) {
    lines.push(`Skipped: ${terminalSafe(problem.message)}`);
  }
  lines.push(...report.notes.map((note) => terminalSafe(note)));
  return `${lines.join("\n")}\n`;
}

/** Returns the findings keys of the --json output. */
export function findingsJson(
  report: FindingReport,
  ruleProblems: readonly RuleProblem[]
): Record<string, unknown> {
  return {
    findings: report.findings.map(findingToJson),
    findingsBySeverity: countBySeverity(report.findings),
    suppressions: report.suppressions,
    rulesNotRun: report.rulesNotRun,
    ruleProblems,
    allowlistProblems: report.allowlistProblems,
    findingNotes: report.notes,
    baselineUsed: report.baselineUsed,
    duplicateEvents: report.duplicateEvents,
    history: historyToJson(report.history)
  };
}

/** Returns the JSON and CSV paths of an evidence pack. */
export function evidencePackPaths(path: string): { json: string; csv: string } {
  const stem = path.toLowerCase().endsWith(".json") ? path.slice(0, -5) : path;
  return { json: `${stem}.json`, csv: `${stem}.csv` };
}

/** Quotes a command line argument when a shell would split it. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replaceAll("'", "'\\''")}'`;
}

export interface EvidencePackRun {
  report: FindingReport;
  setup: FindingSetup;
  activityInputs: readonly EvidenceInput[];
  argv: readonly string[];
  rulesFile: string;
  createdAt: number;
  path: string;
  /** Input problems as file:line: message, kept in the pack's notes. */
  readNotes?: readonly string[];
}

/** Writes the evidence pack as JSON and CSV; returns the two paths. */
export function writeEvidencePack(run: EvidencePackRun): {
  json: string;
  csv: string;
} {
  const pack = buildEvidencePack({
    report: run.report,
    rules: run.setup.rules,
    ruleProblems: run.setup.ruleProblems,
    allowlist: run.setup.allowlist,
    inputs: [...run.activityInputs, ...run.setup.configInputs],
    readNotes: run.readNotes ?? [],
    madeBy: {
      tool: "oauth-guard analyze",
      toolVersion: toolVersion(run.rulesFile),
      method: ["oauth-guard", ...run.argv].map(shellWord).join(" ")
    },
    createdAt: run.createdAt
  });
  const paths = evidencePackPaths(run.path);
  try {
    writeFileSync(paths.json, evidencePackJson(pack));
    writeFileSync(paths.csv, evidencePackCsv(pack));
  } catch (error) {
    throw new FindingSetupError(
      `Writing the evidence pack ${paths.json} failed: ${describeFsError(error)}`
    );
  }
  return paths;
}
