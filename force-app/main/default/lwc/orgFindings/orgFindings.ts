/**
 * Runs the indicator rules over the org's activity as the page reads it
 * (c/orgActivity), with the org's rules, allowlist and daily capture,
 * and joins the findings to the inventory's apps.
 *
 * "New" in the page means new since the start of the newest day that an
 * event log file covers (or of the newest day read, without files). Daily
 * files appear hours after their day, so real-time events and login
 * history reach later than any file: a cutoff taken from them would move
 * the newest file's day into the baseline. The baseline contains the
 * capture's summaries and the events before the cutoff.
 * NOTE: an app first seen before the cutoff counts as known. So days
 * older than the newest file's day are judged only when the page is
 * opened on them, and the command line with --baseline covers any period.
 */
import type {
  ActivitySummary,
  AllowlistEntry,
  ConnectedAppPolicy,
  IndicatorRule
} from "oauth-guard/dto";
import type { ActivityRecord } from "c/activityRecord";
import { activityAppKey, utcDay } from "c/activityAggregate";
import {
  HistoryCollector,
  historyFromCapturedSummaries,
  mergeHistories,
  refreshLoginOf,
  type ActivityHistory
} from "c/activityHistory";
import {
  countBySeverity,
  FindingEngine,
  type Finding,
  type FindingReport
} from "c/findingEngine";
import {
  readFindingRules,
  SEVERITIES,
  type FindingRuleReading,
  type Severity
} from "c/findingRules";
import { orgRecordsInput, type EvidenceInput } from "c/evidencePack";
import { orgActivityRecords, type OrgActivity } from "c/orgActivity";

export interface PageBaseline {
  history: ActivityHistory;
  /** UTC day from which the first-seen rules report novelties, or null. */
  newestDay: string | null;
}

/**
 * Builds the baseline for records read in the page: the capture's
 * summaries and the records of days before the newest day.
 */
export function pageBaseline(
  records: readonly ActivityRecord[],
  summaries: readonly ActivitySummary[]
): PageBaseline {
  let newestTime = Number.NEGATIVE_INFINITY;
  let newestFileTime = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    newestTime = Math.max(newestTime, record.time);
    if (record.source === "event-log-file") {
      newestFileTime = Math.max(newestFileTime, record.time);
    }
  }
  if (newestTime === Number.NEGATIVE_INFINITY) {
    return {
      history: historyFromCapturedSummaries(summaries),
      newestDay: null
    };
  }

  const newestDay = utcDay(
    newestFileTime === Number.NEGATIVE_INFINITY ? newestTime : newestFileTime
  );
  const dayStart = Date.parse(`${newestDay}T00:00:00.000Z`);
  const earlier = new HistoryCollector();
  let earlierRefreshLogins = 0;
  for (const record of records) {
    if (record.time < dayStart) {
      const login = refreshLoginOf(record, activityAppKey(record));
      earlier.addRecord(record, login);
      earlierRefreshLogins += login === null ? 0 : 1;
    }
  }

  const captured = historyFromCapturedSummaries(
    summaries.filter((summary) => summary.day < newestDay)
  );
  const history = mergeHistories(captured, earlier.toHistory());
  // Refresh logins of earlier days are a baseline of origins even when
  // the capture stored no Login summaries.
  if (earlierRefreshLogins > 0) {
    history.coversRefreshLogins = true;
  }
  return { history, newestDay };
}

export interface OrgFindingsInput {
  activity: OrgActivity;
  summaries: readonly ActivitySummary[];
  summariesComplete: boolean;
  indicatorRules: readonly IndicatorRule[];
  allowlist: readonly AllowlistEntry[];
  /** The org's connected apps, which name the ids that events give. */
  connectedApps?: readonly ConnectedAppPolicy[];
}

export interface OrgFindings {
  report: FindingReport;
  ruleReading: FindingRuleReading;
  /** Sentences on what was read and how "new" was judged. */
  notes: string[];
  /** App names by app key, for findings whose events gave only an id. */
  appNames: Record<string, string>;
}

/**
 * Names app keys: from the org's connected apps, then from events that
 * gave an app's id and name together.
 */
export function appNameIndex(
  records: readonly ActivityRecord[],
  connectedApps: readonly ConnectedAppPolicy[]
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const app of connectedApps) {
    names[`id:${app.applicationId}`] = app.menuLabel ?? app.name;
  }
  for (const record of records) {
    if (record.connectedAppId !== null && record.connectedAppName !== null) {
      names[`id:${record.connectedAppId}`] ??= record.connectedAppName;
    }
  }
  return names;
}

/** Records of events the engine takes between two pauses. */
export const RECORDS_PER_CHUNK = 5000;

interface OrgRun {
  records: ActivityRecord[];
  ruleReading: FindingRuleReading;
  notes: string[];
  engine: FindingEngine;
}

/** Reads the rules, builds the baseline and notes, and starts the engine. */
function startRun(input: OrgFindingsInput): OrgRun {
  const records = orgActivityRecords(input.activity);
  const ruleReading = readFindingRules(input.indicatorRules);
  const baseline = pageBaseline(records, input.summaries);
  const notes = [...input.activity.notes];
  if (!input.summariesComplete) {
    notes.push(
      "Only the newest activity summaries were read for the baseline, so some apps and origins may be called new wrongly."
    );
  }
  if (baseline.newestDay !== null) {
    notes.push(
      `Apps and refresh login origins are called new when they appear on or after ${baseline.newestDay} (UTC, the newest day of the event log files read) and not in the daily capture or the events of earlier days.`
    );
  }
  const engine = new FindingEngine({
    rules: ruleReading.rules,
    allowlist: input.allowlist,
    baseline: baseline.history
  });
  return { records, ruleReading, notes, engine };
}

function finishRun(run: OrgRun, input: OrgFindingsInput): OrgFindings {
  return {
    report: run.engine.finish(),
    ruleReading: run.ruleReading,
    notes: run.notes,
    appNames: appNameIndex(run.records, input.connectedApps ?? [])
  };
}

/** Runs the rules over the activity and describes the run. */
export function findOrgFindings(input: OrgFindingsInput): OrgFindings {
  const run = startRun(input);
  run.records.forEach((record) => run.engine.add(record));
  return finishRun(run, input);
}

/**
 * Runs the rules as findOrgFindings does, but awaits `pause` after every
 * RECORDS_PER_CHUNK records, so that a page can let the browser handle
 * input during a long run.
 */
export async function findOrgFindingsInChunks(
  input: OrgFindingsInput,
  pause: () => Promise<void>
): Promise<OrgFindings> {
  const run = startRun(input);
  const { records, engine } = run;
  for (let start = 0; start < records.length; start += RECORDS_PER_CHUNK) {
    const end = Math.min(records.length, start + RECORDS_PER_CHUNK);
    for (let index = start; index < end; index += 1) {
      engine.add(records[index] as ActivityRecord);
    }
    if (end < records.length) {
      // eslint-disable-next-line no-await-in-loop -- the pause is the point
      await pause();
    }
  }
  return finishRun(run, input);
}

/**
 * Returns the inputs of an evidence pack, each hashed as canonical JSON.
 * Hashing every record takes a while, so it waits for an export.
 */
export function orgEvidenceInputs(input: OrgFindingsInput): EvidenceInput[] {
  const inputs: EvidenceInput[] = input.activity.files.map((file) =>
    orgRecordsInput(
      "activity",
      `EventLogFile ${file.info.id} (${file.info.fileKey})`,
      file.records
    )
  );
  for (const read of input.activity.rowSources) {
    inputs.push(
      orgRecordsInput(
        "activity",
        `${read.source} rows since ${input.activity.since}`,
        read.records
      )
    );
  }
  inputs.push(
    orgRecordsInput(
      "rules",
      "OAuth Guard Indicator Rule records",
      input.indicatorRules
    ),
    orgRecordsInput(
      "allowlist",
      "OAuth Guard Allowlist Entry records",
      input.allowlist
    ),
    orgRecordsInput(
      "baseline",
      "activity summaries of the daily capture",
      input.summaries
    )
  );
  return inputs;
}

/** An inventory app as findings join it: its key and its names. */
export interface AppRef {
  key: string;
  /** Connected app and token app names, which events may give alone. */
  names: readonly string[];
}

/**
 * Returns the findings whose events include the app: by its key, or by
 * one of its names where events named the app without its id. Names
 * that events give beside an id are not compared, because names repeat
 * across apps.
 */
export function findingsOfApp(
  findings: readonly Finding[],
  app: AppRef
): Finding[] {
  const nameKeys = app.names.map((name) => `name:${name}`);
  return findings.filter(
    (finding) =>
      finding.appKeys.includes(app.key) ||
      nameKeys.some((key) => finding.appKeys.includes(key))
  );
}

/** A badge for an app's findings: the top severity and the counts. */
export interface FindingBadge {
  /** Highest severity, or null for no finding. */
  severity: Severity | null;
  /** For example "2 High, 1 Low", or "None". */
  text: string;
}

/** Builds the badge of a list of findings. */
export function findingBadge(findings: readonly Finding[]): FindingBadge {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map(
    (severity) => `${counts[severity]} ${severity}`
  );
  return {
    severity: SEVERITIES.find((severity) => counts[severity] > 0) ?? null,
    text: parts.length > 0 ? parts.join(", ") : "None"
  };
}
