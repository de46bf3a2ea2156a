/**
 * The findings engine: turns normalised activity records into findings,
 * given the finding rules, the allowlist and, for the first-seen rules, a
 * baseline history. Records are added one at a time, so a file of any
 * size streams through; only the events kept as evidence stay in memory.
 *
 * A finding names its rule, severity, app (or `unattributed`), user,
 * first and last time, the count of distinct matching events and up to
 * maxEventsPerFinding of those events. Findings come sorted by severity,
 * then first time, rule id, app and user.
 *
 * Allowlist entries excuse matches of every kind except the published
 * indicators (UserAgent, IpAddress rules), which no entry excuses, as in
 * the transaction security policies. Each excused match is counted in
 * `suppressions`, by rule and entry, so the output shows what was hidden.
 */
import type { AllowlistEntry } from "oauth-guard/dto";
import {
  UNATTRIBUTED_APP_KEY,
  activityAppKey,
  utcDay
} from "c/activityAggregate";

const MILLISECONDS_PER_DAY = 86_400_000;
import {
  HistoryCollector,
  refreshLoginOf,
  type ActivityHistory,
  type RefreshLogin
} from "c/activityHistory";
import { detachText, type ActivityRecord } from "c/activityRecord";
import {
  FindingAllowlist,
  PatternMatcher,
  type AllowlistMatch,
  type AllowlistProblem,
  type PatternHit
} from "c/findingMatchers";
import {
  BASELINE_RULE_KINDS,
  INDICATOR_RULE_KINDS,
  severityRank,
  type FindingRule,
  type FindingRuleKind,
  type Severity
} from "c/findingRules";
import { sha256Hex } from "c/sha256";
import {
  EventSample,
  isExportRead,
  jobFactsOf,
  hashRecordKey,
  type FindingEvent,
  type JobFacts
} from "c/findingEvidence";

export type { FindingEvent } from "c/findingEvidence";

/** Events kept per finding unless the caller chooses another number. */
export const DEFAULT_MAX_EVENTS_PER_FINDING = 50;

/** Distinct matched values listed per finding. */
const MAX_MATCHED_VALUES = 20;

export interface Finding {
  /** Stable across runs over the same input: rule id and a hash. */
  id: string;
  ruleId: string;
  /** DeveloperName of the rule's record. */
  ruleName: string;
  title: string;
  severity: Severity;
  kind: FindingRuleKind;
  /** The one app of every event, `unattributed`, or null for several. */
  appKey: string | null;
  /** Every app key of the events, sorted. */
  appKeys: string[];
  /** Connected app names the events gave, sorted. */
  appNames: string[];
  /** The one user of every event, or null for none or several. */
  user: string | null;
  /** User ids (or usernames when an event had no id), sorted. */
  users: string[];
  /** UTC day, YYYY-MM-DD, for the kinds that add up one day. */
  day: string | null;
  /** UTC epoch milliseconds. */
  firstTime: number;
  lastTime: number;
  /** Distinct matching events. */
  count: number;
  /** Rows the events processed, where they reported a count. */
  rows: number;
  /** Sentence that describes the matches. */
  detail: string;
  /** Distinct values that matched (agents, addresses, patterns, job ids). */
  matchedValues: string[];
  events: FindingEvent[];
  /** Matching events not kept in `events`. */
  eventsOmitted: number;
}

/** Matches that an allowlist entry excused, by rule and entry. */
export interface Suppression {
  ruleId: string;
  entryName: string;
  entryKind: AllowlistMatch["kind"];
  entryValue: string;
  events: number;
}

/** A rule that did not run, and why. */
export interface RuleNotRun {
  ruleId: string;
  ruleName: string;
  reason: string;
}

export interface FindingReport {
  findings: Finding[];
  suppressions: Suppression[];
  rulesNotRun: RuleNotRun[];
  allowlistProblems: AllowlistProblem[];
  /** History of this input, to keep as the next run's baseline. */
  history: ActivityHistory;
  baselineUsed: boolean;
  recordsRead: number;
  /** Events seen again (same key) and not counted twice. */
  duplicateEvents: number;
  /** Remarks on the run, each a sentence. */
  notes: string[];
}

export interface FindingEngineOptions {
  rules: readonly FindingRule[];
  allowlist?: readonly AllowlistEntry[];
  /** Earlier history; null or absent means the first-seen rules do not run. */
  baseline?: ActivityHistory | null;
  maxEventsPerFinding?: number;
}

/** Facts about one record that several rules read. */
interface RecordFacts {
  record: ActivityRecord;
  appKey: string;
  user: string | null;
  refreshLogin: RefreshLogin | null;
}

/** Accumulates one finding's events before its rule decides. */
class FindingBuilder {
  readonly appKeys = new Set<string>();
  readonly appNames = new Set<string>();
  readonly users = new Set<string>();
  readonly matchedValues = new Set<string>();
  readonly sample: EventSample;
  firstTime = Number.POSITIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;
  count = 0;
  rows = 0;

  constructor(
    readonly rule: FindingRule,
    readonly groupKey: string,
    readonly day: string | null,
    maxEvents: number,
    byRows: boolean
  ) {
    this.sample = new EventSample(maxEvents, byRows);
  }

  /**
   * Adds one event. `matched` is what the event's sample entry shows;
   * `values` are added to matchedValues and default to it.
   */
  add(
    facts: RecordFacts,
    matched: string,
    values: readonly string[] = [matched]
  ): void {
    const record = facts.record;
    this.count += 1;
    this.rows += record.rows ?? 0;
    this.firstTime = Math.min(this.firstTime, record.time);
    this.lastTime = Math.max(this.lastTime, record.time);
    addDetached(this.appKeys, facts.appKey);
    addDetached(this.appNames, record.connectedAppName);
    addDetached(this.users, facts.user);
    for (const value of values) {
      if (this.matchedValues.size < MAX_MATCHED_VALUES) {
        addDetached(this.matchedValues, value);
      }
    }
    this.sample.add(record, matched);
  }

  /** Adds another builder's figures, for findings merged from groups. */
  merge(other: FindingBuilder): void {
    this.count += other.count;
    this.rows += other.rows;
    this.firstTime = Math.min(this.firstTime, other.firstTime);
    this.lastTime = Math.max(this.lastTime, other.lastTime);
    other.appKeys.forEach((key) => this.appKeys.add(key));
    other.appNames.forEach((name) => this.appNames.add(name));
    other.users.forEach((user) => this.users.add(user));
    for (const value of other.matchedValues) {
      if (this.matchedValues.size < MAX_MATCHED_VALUES) {
        this.matchedValues.add(value);
      }
    }
    this.sample.merge(other.sample);
  }

  build(detail: string): Finding {
    const appKeys = sortedText(this.appKeys);
    const users = sortedText(this.users);
    const { events, omitted } = this.sample.result();
    return {
      id: `${this.rule.ruleId}:${sha256Hex(`${this.rule.ruleId}\u0000${this.groupKey}`).slice(0, 16)}`,
      ruleId: this.rule.ruleId,
      ruleName: this.rule.name,
      title: this.rule.title,
      severity: this.rule.severity,
      kind: this.rule.kind,
      appKey: appKeys.length === 1 ? (appKeys[0] ?? null) : null,
      appKeys,
      appNames: sortedText(this.appNames),
      user: users.length === 1 ? (users[0] ?? null) : null,
      users,
      day: this.day,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      count: this.count,
      rows: this.rows,
      detail,
      matchedValues: sortedText(this.matchedValues),
      events,
      eventsOmitted: omitted
    };
  }
}

/**
 * Adds text to a set as a copy, so that a kept value never keeps the
 * chunk of file text it was sliced from in memory (see detachText).
 */
function addDetached(set: Set<string>, value: string | null): void {
  if (value !== null && !set.has(value)) {
    set.add(detachText(value));
  }
}

function compareText(first: string, second: string): number {
  if (first === second) {
    return 0;
  }
  return first < second ? -1 : 1;
}

function sortedText(values: Iterable<string>): string[] {
  return [...values].sort(compareText);
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** Per-job state of a BulkJobDeleted rule. */
interface BulkJob {
  builder: FindingBuilder;
  isQuery: boolean;
  deleted: boolean;
  exportSeen: boolean;
}

/** Per-scope, per-day state of a QueryPattern rule with a threshold. */
interface PatternDay {
  builder: FindingBuilder;
  patterns: Set<string>;
}

export class FindingEngine {
  private readonly rules: readonly FindingRule[];
  private readonly matcher: PatternMatcher;
  private readonly allowlist: FindingAllowlist;
  private readonly baseline: ActivityHistory | null;
  private readonly knownApps: ReadonlySet<string>;
  private readonly knownOrigins: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly maxEvents: number;
  private readonly volumeRules: FindingRule[] = [];
  private readonly bulkRules: FindingRule[] = [];
  private readonly firstSeenRules: FindingRule[] = [];
  private readonly originRules: FindingRule[] = [];
  private readonly rulesNotRun: RuleNotRun[] = [];
  private readonly history = new HistoryCollector();
  private readonly seenEvents = new Set<number>();
  private readonly groups = new Map<string, FindingBuilder>();
  private readonly patternDays = new Map<string, PatternDay>();
  /** Volume builders by rule, scope key and UTC day. */
  private readonly volumeDays = new Map<
    FindingRule,
    Map<string, Map<string, FindingBuilder>>
  >();
  private readonly bulkJobs = new Map<string, BulkJob>();
  private readonly suppressed = new Map<string, Suppression>();
  private recordsRead = 0;
  private duplicateEvents = 0;
  private refreshLoginsRead = 0;
  private lastAppId: string | null = null;
  private lastAppName: string | null = null;
  private lastAppKey = UNATTRIBUTED_APP_KEY;
  private lastDayNumber = Number.NaN;
  private lastDay = "";
  /** The current record's allowlist match: undefined until looked up. */
  private exemption: AllowlistMatch | null | undefined;

  constructor(options: FindingEngineOptions) {
    this.rules = options.rules;
    this.allowlist = new FindingAllowlist(options.allowlist ?? []);
    this.baseline = options.baseline ?? null;
    this.maxEvents =
      options.maxEventsPerFinding ?? DEFAULT_MAX_EVENTS_PER_FINDING;
    this.knownApps = new Set(this.baseline?.apps ?? []);
    const origins = new Map<string, ReadonlySet<string>>();
    for (const entry of this.baseline?.refreshLoginOrigins ?? []) {
      origins.set(
        originMapKey(entry.scope, entry.field, entry.key),
        new Set(entry.values)
      );
    }
    this.knownOrigins = origins;
    this.matcher = new PatternMatcher(this.rules);
    for (const rule of this.rules) {
      this.sortRule(rule);
    }
  }

  private sortRule(rule: FindingRule): void {
    const notRun = (reason: string): void => {
      this.rulesNotRun.push({
        ruleId: rule.ruleId,
        ruleName: rule.name,
        reason
      });
    };
    if (BASELINE_RULE_KINDS.includes(rule.kind) && this.baseline === null) {
      notRun(
        "No baseline was given, so nothing can be called new. Pass an " +
          "earlier --json output or evidence pack with --baseline."
      );
      return;
    }
    switch (rule.kind) {
      case "ExportVolume":
        this.volumeRules.push(rule);
        return;
      case "BulkJobDeleted":
        this.bulkRules.push(rule);
        return;
      case "FirstSeenApp":
        this.firstSeenRules.push(rule);
        return;
      case "NewRefreshLoginOrigin":
        if (this.baseline?.coversRefreshLogins === false) {
          notRun(
            "The baseline holds no OAuth refresh logins (it is a daily " +
              "capture or an --json output made before findings existed), " +
              "so no origin can be called new."
          );
          return;
        }
        this.originRules.push(rule);
        break;
      default:
        // Pattern kinds run through the PatternMatcher.
        break;
    }
  }

  /**
   * True when some rule reads fields that only the reader's raw fields
   * carry (login sub type, country, Bulk API job id and status, or a
   * FieldMatch field outside the activity record). Read files with
   * keepFields set when it is.
   */
  get needsRawFields(): boolean {
    return (
      this.matcher.readsRawFields ||
      this.bulkRules.length > 0 ||
      this.originRules.length > 0
    );
  }

  /** Adds one record. */
  add(record: ActivityRecord): void {
    this.recordsRead += 1;
    const appKey = this.appKeyOf(record);
    const facts: RecordFacts = {
      record,
      appKey,
      user: record.userId ?? record.username,
      refreshLogin:
        record.fields === undefined ? null : refreshLoginOf(record, appKey)
    };
    this.history.addRecord(record, facts.refreshLogin);
    if (facts.refreshLogin !== null) {
      this.refreshLoginsRead += 1;
    }

    const hits = this.matcher.match(record);
    const exportRead =
      this.volumeRules.length > 0 && record.rows !== null && record.rows > 0
        ? isExportRead(record)
        : false;
    const unknownApp =
      this.firstSeenRules.length > 0 && this.isUnknownApp(record);
    const job =
      this.bulkRules.length > 0 && record.fields !== undefined
        ? jobFactsOf(record)
        : null;
    const refresh = this.originRules.length > 0 ? facts.refreshLogin : null;
    if (
      hits.length === 0 &&
      !exportRead &&
      !unknownApp &&
      job === null &&
      refresh === null
    ) {
      return;
    }

    const hashed = hashRecordKey(record);
    if (hashed !== null) {
      if (this.seenEvents.has(hashed)) {
        this.duplicateEvents += 1;
        return;
      }
      this.seenEvents.add(hashed);
    }
    this.exemption = undefined;
    const excused = (rule: FindingRule): boolean =>
      this.isExcused(rule, record);

    if (hits.length > 0) {
      for (const [rule, ruleHits] of hitsByRule(hits)) {
        if (!excused(rule)) {
          this.addPatternHits(facts, rule, ruleHits);
        }
      }
    }
    if (exportRead) {
      for (const rule of this.volumeRules) {
        if (!excused(rule)) {
          this.addVolume(facts, rule);
        }
      }
    }
    if (unknownApp) {
      for (const rule of this.firstSeenRules) {
        if (!excused(rule)) {
          this.groupFor(rule, appKey, null, false).add(facts, appKey);
        }
      }
    }
    if (job !== null) {
      for (const rule of this.bulkRules) {
        if (!excused(rule)) {
          this.addBulkEvent(facts, rule, job);
        }
      }
    }
    if (refresh !== null) {
      for (const rule of this.originRules) {
        if (!excused(rule)) {
          this.addRefreshLogin(facts, rule, refresh);
        }
      }
    }
  }

  /**
   * True when an allowlist entry excuses the rule's match on the record,
   * which is then counted. The record's exemption is looked up once.
   */
  private isExcused(rule: FindingRule, record: ActivityRecord): boolean {
    if (INDICATOR_RULE_KINDS.includes(rule.kind)) {
      return false;
    }
    this.exemption ??= this.allowlist.exemption(record);
    if (this.exemption === null) {
      return false;
    }
    this.countSuppression(rule, this.exemption);
    return true;
  }

  /**
   * Returns the record's app key (c/activityAggregate), reusing the last
   * one, because a log file repeats the same few apps row after row.
   */
  private appKeyOf(record: ActivityRecord): string {
    if (
      record.connectedAppId !== this.lastAppId ||
      record.connectedAppName !== this.lastAppName
    ) {
      this.lastAppId = record.connectedAppId;
      this.lastAppName = record.connectedAppName;
      this.lastAppKey = activityAppKey(record);
    }
    return this.lastAppKey;
  }

  /** Returns the UTC day of a time, reusing the last label. */
  private dayOf(time: number): string {
    const dayNumber = Math.floor(time / MILLISECONDS_PER_DAY);
    if (dayNumber !== this.lastDayNumber) {
      this.lastDayNumber = dayNumber;
      this.lastDay = utcDay(time);
    }
    return this.lastDay;
  }

  private isUnknownApp(record: ActivityRecord): boolean {
    if (record.connectedAppId === null && record.connectedAppName === null) {
      return false;
    }
    return !(
      (record.connectedAppId !== null &&
        this.knownApps.has(`id:${record.connectedAppId}`)) ||
      (record.connectedAppName !== null &&
        this.knownApps.has(`name:${record.connectedAppName}`))
    );
  }

  private countSuppression(rule: FindingRule, entry: AllowlistMatch): void {
    const key = `${rule.ruleId}\u0000${entry.name}`;
    const existing = this.suppressed.get(key);
    if (existing !== undefined) {
      existing.events += 1;
      return;
    }
    this.suppressed.set(key, {
      ruleId: rule.ruleId,
      entryName: entry.name,
      entryKind: entry.kind,
      entryValue: entry.value,
      events: 1
    });
  }

  private groupFor(
    rule: FindingRule,
    groupKey: string,
    day: string | null,
    byRows: boolean
  ): FindingBuilder {
    const key = `${rule.name}\u0000${groupKey}`;
    let builder = this.groups.get(key);
    if (builder === undefined) {
      builder = new FindingBuilder(rule, groupKey, day, this.maxEvents, byRows);
      this.groups.set(key, builder);
    }
    return builder;
  }

  /** Adds the hits of one rule on one event, counting the event once. */
  private addPatternHits(
    facts: RecordFacts,
    rule: FindingRule,
    hits: readonly PatternHit[]
  ): void {
    const byPattern =
      rule.kind === "QueryPattern" || rule.kind === "SecretHunting";
    const values = [
      ...new Set(hits.map((hit) => (byPattern ? hit.pattern : hit.value)))
    ];
    const matched = values.join("; ");
    if (rule.kind !== "QueryPattern" || rule.threshold === null) {
      const groupKey = `${facts.appKey}\u0000${facts.user ?? ""}`;
      this.groupFor(rule, groupKey, null, false).add(facts, matched, values);
      return;
    }
    const scopeKey =
      rule.scope === "App" ? facts.appKey : (facts.user ?? "(no user)");
    const day = this.dayOf(facts.record.time);
    const key = `${rule.name}\u0000${scopeKey}\u0000${day}`;
    let patternDay = this.patternDays.get(key);
    if (patternDay === undefined) {
      patternDay = {
        builder: new FindingBuilder(
          rule,
          `${scopeKey}\u0000${day}`,
          day,
          this.maxEvents,
          false
        ),
        patterns: new Set()
      };
      this.patternDays.set(key, patternDay);
    }
    for (const pattern of values) {
      patternDay.patterns.add(pattern);
    }
    patternDay.builder.add(facts, matched, values);
  }

  private addVolume(facts: RecordFacts, rule: FindingRule): void {
    const scopeKey = rule.scope === "App" ? facts.appKey : facts.user;
    if (scopeKey === null) {
      return;
    }
    const day = this.dayOf(facts.record.time);
    // Nested maps, because this runs for every row read and a joined key
    // would be built each time.
    let scopes = this.volumeDays.get(rule);
    if (scopes === undefined) {
      scopes = new Map();
      this.volumeDays.set(rule, scopes);
    }
    let days = scopes.get(scopeKey);
    if (days === undefined) {
      days = new Map();
      scopes.set(detachText(scopeKey), days);
    }
    let builder = days.get(day);
    if (builder === undefined) {
      builder = new FindingBuilder(
        rule,
        `${scopeKey}\u0000${day}`,
        day,
        this.maxEvents,
        true
      );
      days.set(day, builder);
    }
    builder.add(facts, scopeKey);
  }

  private addBulkEvent(
    facts: RecordFacts,
    rule: FindingRule,
    job: JobFacts
  ): void {
    const key = `${rule.name}\u0000${job.jobId}`;
    let state = this.bulkJobs.get(key);
    if (state === undefined) {
      state = {
        builder: new FindingBuilder(
          rule,
          job.jobId,
          null,
          this.maxEvents,
          false
        ),
        isQuery: false,
        deleted: false,
        exportSeen: false
      };
      this.bulkJobs.set(key, state);
    }
    state.isQuery ||= job.isQuery;
    state.exportSeen ||= job.completed || (facts.record.rows ?? 0) > 0;
    state.deleted ||= statusMatches(rule, job.status);
    // The event shows its job's status, so that the deletion is visible.
    const matched =
      job.status === null ? job.jobId : `${job.jobId} ${job.status}`;
    state.builder.add(facts, matched, [job.jobId]);
  }

  private addRefreshLogin(
    facts: RecordFacts,
    rule: FindingRule,
    login: RefreshLogin
  ): void {
    const scopeKey =
      rule.scope === "App" ? login.appScopeKey : login.userScopeKey;
    const value = rule.field === "COUNTRY" ? login.country : login.address;
    if (scopeKey === null || value === null || rule.scope === null) {
      return;
    }
    const field = rule.field === "COUNTRY" ? "COUNTRY" : "SOURCE_IP";
    const known = this.knownOrigins.get(
      originMapKey(rule.scope, field, scopeKey)
    );
    // A scope without history is new as a whole, which FirstSeenApp
    // reports; calling each of its origins new would only repeat that.
    if (known === undefined || known.has(value)) {
      return;
    }
    this.groupFor(rule, `${scopeKey}\u0000${value}`, null, false).add(
      facts,
      value
    );
  }

  /** Decides every rule and returns the findings, sorted. */
  finish(): FindingReport {
    const findings: Finding[] = [];
    for (const builder of this.groups.values()) {
      findings.push(builder.build(describeFinding(builder)));
    }
    for (const { builder, patterns } of this.patternDays.values()) {
      if (patterns.size >= (builder.rule.threshold ?? 1)) {
        findings.push(
          builder.build(
            `${patterns.size} of the rule's patterns matched on ` +
              `${builder.day ?? "one day"} (threshold ` +
              `${builder.rule.threshold ?? 1}).`
          )
        );
      }
    }
    const volumeBuilders = [...this.volumeDays.values()].flatMap((scopes) =>
      [...scopes.values()].flatMap((days) => [...days.values()])
    );
    for (const builder of volumeBuilders) {
      const threshold = builder.rule.threshold ?? Number.POSITIVE_INFINITY;
      if (builder.rows > threshold) {
        findings.push(
          builder.build(
            `${formatCount(builder.rows)} rows read on ${builder.day ?? ""} ` +
              `(UTC) by ${builder.rule.scope === "App" ? "this app" : "this user"}, ` +
              `over the threshold of ${formatCount(threshold)}.`
          )
        );
      }
    }
    findings.push(...this.bulkFindings());
    findings.sort(compareFindings);
    return {
      findings,
      suppressions: [...this.suppressed.values()].sort(
        (first, second) =>
          compareText(first.ruleId, second.ruleId) ||
          compareText(first.entryName, second.entryName)
      ),
      rulesNotRun: [...this.rulesNotRun].sort((first, second) =>
        compareText(first.ruleId, second.ruleId)
      ),
      allowlistProblems: this.allowlist.problems,
      history: this.history.toHistory(),
      baselineUsed: this.baseline !== null,
      recordsRead: this.recordsRead,
      duplicateEvents: this.duplicateEvents,
      notes: this.notes()
    };
  }

  /** Merges the deleted query jobs of each rule, app and user. */
  private bulkFindings(): Finding[] {
    const merged = new Map<
      string,
      { builder: FindingBuilder; unexported: number }
    >();
    for (const job of this.bulkJobs.values()) {
      if (!job.isQuery || !job.deleted) {
        continue;
      }
      const source = job.builder;
      const groupKey = `${sortedText(source.appKeys).join(",")}\u0000${sortedText(source.users).join(",")}`;
      const key = `${source.rule.name}\u0000${groupKey}`;
      let entry = merged.get(key);
      if (entry === undefined) {
        entry = {
          builder: new FindingBuilder(
            source.rule,
            groupKey,
            null,
            this.maxEvents,
            false
          ),
          unexported: 0
        };
        merged.set(key, entry);
      }
      entry.builder.merge(source);
      if (!job.exportSeen) {
        entry.unexported += 1;
      }
    }
    return [...merged.values()].map(({ builder, unexported }) => {
      const jobs = builder.matchedValues.size;
      const note =
        unexported > 0
          ? ` For ${unexported} of them the input shows no completed export.`
          : "";
      return builder.build(`${jobs} Bulk API 2.0 query job(s) deleted.${note}`);
    });
  }

  private notes(): string[] {
    const notes: string[] = [];
    if (this.baseline === null) {
      const kinds = BASELINE_RULE_KINDS.join(" and ");
      notes.push(
        `No baseline was given, so the first-seen rules (${kinds}) did not run.`
      );
    }
    if (
      this.originRules.length > 0 &&
      this.refreshLoginsRead === 0 &&
      this.recordsRead > 0
    ) {
      notes.push(
        "No OAuth refresh token logins were read, so the refresh login " +
          "rules had nothing to compare. They need Login event log files " +
          "read with every field."
      );
    }
    if (this.duplicateEvents > 0) {
      notes.push(
        `${this.duplicateEvents} event(s) appeared more than once in the ` +
          `input and were counted once.`
      );
    }
    return notes;
  }
}

/** Groups hits by rule, keeping the order rules first matched. */
function hitsByRule(
  hits: readonly PatternHit[]
): Map<FindingRule, PatternHit[]> {
  const grouped = new Map<FindingRule, PatternHit[]>();
  for (const hit of hits) {
    const list = grouped.get(hit.rule);
    if (list === undefined) {
      grouped.set(hit.rule, [hit]);
    } else {
      list.push(hit);
    }
  }
  return grouped;
}

function originMapKey(scope: string, field: string, key: string): string {
  return `${scope}\u0000${field}\u0000${key}`;
}

function statusMatches(rule: FindingRule, status: string | null): boolean {
  if (status === null) {
    return false;
  }
  const folded = status.trim().toLowerCase();
  return rule.patterns.some((pattern) => {
    const foldedPattern = pattern.toLowerCase();
    return rule.matchKind === "Exact"
      ? folded === foldedPattern
      : folded.includes(foldedPattern);
  });
}

function describeFinding(builder: FindingBuilder): string {
  const rule = builder.rule;
  const values = sortedText(builder.matchedValues).join(", ");
  switch (rule.kind) {
    case "UserAgent":
      return `${builder.count} event(s) with the user agent ${values}.`;
    case "IpAddress":
      return `${builder.count} event(s) from ${values}.`;
    case "QueryPattern":
      return `${builder.count} query event(s) matching ${values}.`;
    case "SecretHunting":
      return `${builder.count} query event(s) searching for ${values}.`;
    case "FirstSeenApp":
      return `${builder.count} event(s) of an app the baseline does not show.`;
    case "NewRefreshLoginOrigin":
      return (
        `${builder.count} OAuth refresh login(s) from ` +
        `${rule.field === "COUNTRY" ? "the country" : "the address"} ` +
        `${values}, which the baseline does not show for this ` +
        `${rule.scope === "App" ? "app" : "user"}.`
      );
    default:
      return `${builder.count} event(s) with ${rule.field} matching ${values}.`;
  }
}

/** Orders findings: severity, first time, rule id, app, user. */
export function compareFindings(first: Finding, second: Finding): number {
  return (
    severityRank(first.severity) - severityRank(second.severity) ||
    first.firstTime - second.firstTime ||
    compareText(first.ruleId, second.ruleId) ||
    compareText(first.appKeys.join(","), second.appKeys.join(",")) ||
    compareText(first.users.join(","), second.users.join(",")) ||
    compareText(first.id, second.id)
  );
}

/** Counts findings per severity, for badges. */
export function countBySeverity(
  findings: readonly Pick<Finding, "severity">[]
): Record<Severity, number> {
  const counts: Record<Severity, number> = { High: 0, Medium: 0, Low: 0 };
  for (const finding of findings) {
    counts[finding.severity] += 1;
  }
  return counts;
}

/** Returns the findings whose events include the app, in order. */
export function findingsForApp(
  findings: readonly Finding[],
  appKey: string
): Finding[] {
  return findings.filter((finding) => finding.appKeys.includes(appKey));
}

/** Runs the engine over records held in memory. */
export function findFindings(
  records: Iterable<ActivityRecord>,
  options: FindingEngineOptions
): FindingReport {
  const engine = new FindingEngine(options);
  for (const record of records) {
    engine.add(record);
  }
  return engine.finish();
}

export { UNATTRIBUTED_APP_KEY };
