/**
 * Per-event matching for the findings engine: the pattern rules (user
 * agents, addresses, query text, secret hunting, other fields) and the
 * allowlist. Matching follows c/indicatorMatch, so a rule matches the same
 * values here as in the transaction security policies:
 * - `Exact`: the whole value equals the pattern, ignoring case and
 *   surrounding whitespace.
 * - `Substring`: the value contains the pattern, ignoring case.
 * - `IpRange`: the value is an address inside the pattern's range. Values
 *   that are not addresses (`Salesforce.com IP`, `w.x.y.z`) match nothing.
 *
 * Query text is compared with every run of whitespace read as one space,
 * so a pattern matches however the caller laid out its SOQL.
 */
import type { AllowlistEntry } from "oauth-guard/dto";
import { detachText, type ActivityRecord } from "c/activityRecord";
import { toEighteenCharacterId } from "c/appKey";
import type { FindingRule } from "c/findingRules";
import { foldCase } from "c/indicatorMatch";
import {
  parseIpAddress,
  parseIpRange,
  rangeContains,
  type IpAddress,
  type IpRange
} from "c/ipRange";
import { canonicalAddress } from "c/activityHistory";

/** One rule that matched one event. */
export interface PatternHit {
  rule: FindingRule;
  /** The event's value that matched, as written. */
  value: string;
  /** The pattern (or alternative) that matched, as the rule writes it. */
  pattern: string;
}

/** Distinct values whose hits are cached, per field. */
const MAX_CACHED_VALUES = 10_000;

const NO_HITS: readonly PatternHit[] = Object.freeze([]);

/** Activity record properties that rule fields name, by field name. */
const MAPPED_FIELDS: Readonly<
  Record<string, (record: ActivityRecord) => string | null>
> = {
  USER_AGENT: (record) => record.userAgent,
  SOURCE_IP: (record) => record.sourceIp,
  CLIENT_IP: (record) => record.sourceIp,
  QUERY: (record) => record.queryText,
  URI: (record) => record.uri,
  CLIENT_NAME: (record) => record.clientName,
  CONNECTED_APP_ID: (record) => record.connectedAppId,
  CONNECTED_APP_NAME: (record) => record.connectedAppName,
  USER_ID: (record) => record.userId,
  USER_NAME: (record) => record.username,
  ENTITY_NAME: (record) => record.entity,
  OPERATION: (record) => record.operation,
  EVENT_TYPE: (record) => record.eventType
};

/** True when rules on this field read the record's raw fields. */
export function readsRawField(field: string): boolean {
  return MAPPED_FIELDS[field] === undefined;
}

/** Folds a field name so that LOGIN_TYPE and LoginType compare equal. */
function foldFieldName(name: string): string {
  return name.replace(/_/g, "").toUpperCase();
}

/**
 * Returns a record's value for a rule field: a mapped property, or the
 * raw field whose name matches ignoring case and underscores. Raw fields
 * exist only when the reader kept them (keepFields).
 */
export function recordFieldValue(
  record: ActivityRecord,
  field: string
): string | null {
  const mapped = MAPPED_FIELDS[field];
  if (mapped !== undefined) {
    return mapped(record);
  }
  const fields = record.fields;
  if (fields === undefined) {
    return null;
  }
  const direct = fields[field];
  if (direct !== undefined) {
    return direct.trim() === "" ? null : direct;
  }
  const target = foldFieldName(field);
  for (const [name, value] of Object.entries(fields)) {
    if (foldFieldName(name) === target && value.trim() !== "") {
      return value;
    }
  }
  return null;
}

/** Returns query text with runs of whitespace as one space, folded. */
export function normaliseQueryText(text: string): string {
  return foldCase(text.replace(/\s+/g, " ").trim());
}

/**
 * Returns the values a query searches for: the text inside single quotes
 * (SOQL literals, with `\'` read as a quote) and inside braces (SOSL
 * `FIND {term}`). Secret hunting looks only there, so field and object
 * names such as OauthToken or PasswordExpirationDate never match. An
 * unterminated literal runs to the end of the text, as a truncated query
 * would.
 */
export function queryLiterals(text: string): string[] {
  const literals: string[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text.charAt(index);
    if (character === "'") {
      let literal = "";
      index += 1;
      while (index < text.length && text.charAt(index) !== "'") {
        if (text.charAt(index) === "\\" && index + 1 < text.length) {
          index += 1;
        }
        literal += text.charAt(index);
        index += 1;
      }
      literals.push(literal);
    } else if (character === "{") {
      const end = text.indexOf("}", index + 1);
      const stop = end < 0 ? text.length : end;
      literals.push(text.slice(index + 1, stop));
      index = stop;
    }
    index += 1;
  }
  return literals;
}

interface TextPattern {
  rule: FindingRule;
  pattern: string;
  folded: string;
  exact: boolean;
}

interface RangePattern {
  rule: FindingRule;
  pattern: string;
  range: IpRange;
}

/** Text and range patterns of one field, with a cache of results. */
class FieldPatterns {
  readonly exact = new Map<string, TextPattern[]>();
  readonly substrings: TextPattern[] = [];
  readonly singleAddresses = new Map<string, RangePattern[]>();
  readonly ranges: RangePattern[] = [];
  private readonly cache = new Map<string, readonly PatternHit[]>();

  constructor(
    readonly field: string,
    readonly cacheable: boolean
  ) {}

  /**
   * Adds a text pattern. `compared` is the form values are compared with
   * (folded, and for query text with whitespace runs made one space).
   */
  addText(
    rule: FindingRule,
    pattern: string,
    compared: string,
    exact: boolean
  ): void {
    const folded = compared;
    const entry = { rule, pattern, folded, exact };
    if (exact) {
      this.exact.set(folded, [...(this.exact.get(folded) ?? []), entry]);
    } else {
      this.substrings.push(entry);
    }
  }

  addRange(rule: FindingRule, pattern: string, range: IpRange): void {
    const entry = { rule, pattern, range };
    const single =
      range.prefixLength === (range.version === 4 ? 32 : 128)
        ? canonicalAddress(pattern.split("/")[0] ?? "")
        : null;
    if (single !== null) {
      this.singleAddresses.set(single, [
        ...(this.singleAddresses.get(single) ?? []),
        entry
      ]);
    } else {
      this.ranges.push(entry);
    }
  }

  /**
   * Returns the hits on a value. `compare` gives the form patterns are
   * compared with; it runs only when no cached result exists.
   */
  match(
    value: string,
    compare: (value: string) => string
  ): readonly PatternHit[] {
    if (!this.cacheable) {
      return this.compute(value, compare(value));
    }
    const cached = this.cache.get(value);
    if (cached !== undefined) {
      return cached;
    }
    if (this.cache.size >= MAX_CACHED_VALUES) {
      this.cache.clear();
    }
    // A value read from a file may be a slice of a whole chunk of it. A
    // cached slice would keep that chunk in memory, so it is copied.
    const key = detachText(value);
    const hits = this.compute(key, compare(key));
    this.cache.set(key, hits);
    return hits;
  }

  private compute(value: string, compared: string): PatternHit[] {
    const hits: PatternHit[] = [];
    const add = (entry: { rule: FindingRule; pattern: string }): void => {
      hits.push({ rule: entry.rule, value, pattern: entry.pattern });
    };
    const trimmed = compared.trim();
    this.exact.get(trimmed)?.forEach(add);
    for (const entry of this.substrings) {
      if (compared.includes(entry.folded)) {
        add(entry);
      }
    }
    if (this.singleAddresses.size > 0 || this.ranges.length > 0) {
      const address: IpAddress | null = parseIpAddress(value);
      if (address !== null) {
        const canonical = canonicalAddress(value);
        if (canonical !== null) {
          this.singleAddresses.get(canonical)?.forEach(add);
        }
        for (const entry of this.ranges) {
          if (rangeContains(entry.range, address)) {
            add(entry);
          }
        }
      }
    }
    return hits;
  }
}

/**
 * Matches the pattern rules (UserAgent, IpAddress, QueryPattern,
 * SecretHunting, FieldMatch) against one event at a time.
 */
export class PatternMatcher {
  private readonly byField = new Map<string, FieldPatterns>();
  private readonly queryPatterns: FieldPatterns;
  private readonly secretPatterns: FieldPatterns;
  /** Query and secret hits by query text; queries repeat as often. */
  private readonly queryCache = new Map<string, readonly PatternHit[]>();
  /** True when a rule reads a field that only the raw fields carry. */
  readonly readsRawFields: boolean;

  constructor(rules: readonly FindingRule[]) {
    this.queryPatterns = new FieldPatterns("QUERY", false);
    this.secretPatterns = new FieldPatterns("QUERY", false);
    let readsRawFields = false;
    for (const rule of rules) {
      const target = this.targetOf(rule);
      if (target === null) {
        continue;
      }
      if (rule.kind === "FieldMatch" && readsRawField(rule.field)) {
        readsRawFields = true;
      }
      for (const pattern of rule.patterns) {
        if (rule.matchKind === "IpRange") {
          const range = parseIpRange(pattern);
          if (range !== null) {
            target.addRange(rule, pattern, range);
          }
        } else {
          const compared =
            target === this.queryPatterns || target === this.secretPatterns
              ? normaliseQueryText(pattern)
              : foldCase(pattern.trim());
          target.addText(rule, pattern, compared, rule.matchKind === "Exact");
        }
      }
    }
    this.readsRawFields = readsRawFields;
  }

  private targetOf(rule: FindingRule): FieldPatterns | null {
    switch (rule.kind) {
      case "QueryPattern":
        return this.queryPatterns;
      case "SecretHunting":
        return this.secretPatterns;
      case "UserAgent":
      case "IpAddress":
      case "FieldMatch": {
        let patterns = this.byField.get(rule.field);
        if (patterns === undefined) {
          // Mapped fields repeat a few values (agents, addresses), so their
          // results are cached; raw fields may be anything.
          patterns = new FieldPatterns(rule.field, !readsRawField(rule.field));
          this.byField.set(rule.field, patterns);
        }
        return patterns;
      }
      default:
        return null;
    }
  }

  /** Returns every pattern rule that matches the record. */
  match(record: ActivityRecord): readonly PatternHit[] {
    let hits: PatternHit[] | null = null;
    for (const patterns of this.byField.values()) {
      const value = recordFieldValue(record, patterns.field);
      const found = value === null ? [] : patterns.match(value, foldCase);
      if (found.length > 0) {
        hits = [...(hits ?? []), ...found];
      }
    }
    const query = record.queryText;
    if (
      query !== null &&
      (this.hasQueryPatterns() || this.hasSecretPatterns())
    ) {
      const found = this.matchQuery(query);
      if (found.length > 0) {
        hits = [...(hits ?? []), ...found];
      }
    }
    return hits ?? NO_HITS;
  }

  private matchQuery(query: string): readonly PatternHit[] {
    const cached = this.queryCache.get(query);
    if (cached !== undefined) {
      return cached;
    }
    if (this.queryCache.size >= MAX_CACHED_VALUES) {
      this.queryCache.clear();
    }
    const key = detachText(query);
    const hits = [
      ...this.queryPatterns.match(key, normaliseQueryText),
      ...(this.hasSecretPatterns() ? this.matchSecrets(key) : [])
    ];
    this.queryCache.set(key, hits);
    return hits;
  }

  private hasQueryPatterns(): boolean {
    return (
      this.queryPatterns.exact.size > 0 ||
      this.queryPatterns.substrings.length > 0
    );
  }

  private hasSecretPatterns(): boolean {
    return this.secretPatterns.substrings.length > 0;
  }

  private matchSecrets(query: string): PatternHit[] {
    const literals = queryLiterals(query).map(normaliseQueryText);
    if (literals.length === 0) {
      return [];
    }
    const hits: PatternHit[] = [];
    for (const entry of this.secretPatterns.substrings) {
      if (literals.some((literal) => literal.includes(entry.folded))) {
        hits.push({ rule: entry.rule, value: query, pattern: entry.pattern });
      }
    }
    return hits;
  }
}

/** The allowlist entry that excused an event. */
export interface AllowlistMatch {
  name: string;
  kind: "ConnectedApp" | "User" | "IpRange";
  value: string;
}

/** An allowlist entry that cannot be used, for the admin to fix. */
export interface AllowlistProblem {
  name: string;
  message: string;
}

/**
 * The active allowlist entries, indexed for the findings. Unlike the
 * policies, which see only app ids, findings also match a ConnectedApp
 * entry by app name (ignoring case), because event log files and
 * inventories name apps.
 */
export class FindingAllowlist {
  readonly problems: AllowlistProblem[] = [];
  private readonly appIds = new Map<string, AllowlistMatch>();
  private readonly appNames = new Map<string, AllowlistMatch>();
  private readonly userIds = new Map<string, AllowlistMatch>();
  private readonly usernames = new Map<string, AllowlistMatch>();
  private readonly ranges: { range: IpRange; match: AllowlistMatch }[] = [];

  constructor(entries: readonly AllowlistEntry[]) {
    for (const entry of entries) {
      if (entry.active) {
        this.addEntry(entry);
      }
    }
  }

  get isEmpty(): boolean {
    return (
      this.appIds.size === 0 &&
      this.appNames.size === 0 &&
      this.userIds.size === 0 &&
      this.usernames.size === 0 &&
      this.ranges.length === 0
    );
  }

  private addEntry(entry: AllowlistEntry): void {
    const value = (entry.value ?? "").trim();
    const label = `Allowlist entry ${entry.name}`;
    if (value === "") {
      this.problems.push({
        name: entry.name,
        message: `${label} has no value.`
      });
      return;
    }
    const id = toEighteenCharacterId(value);
    switch (entry.kind) {
      case "ConnectedApp": {
        const match = { name: entry.name, kind: entry.kind, value };
        if (id !== null) {
          this.appIds.set(id, match);
        } else {
          this.appNames.set(foldCase(value), match);
        }
        return;
      }
      case "User": {
        const match = { name: entry.name, kind: entry.kind, value };
        if (id !== null) {
          this.userIds.set(id, match);
        } else {
          this.usernames.set(foldCase(value), match);
        }
        return;
      }
      case "IpRange": {
        const range = parseIpRange(value);
        if (range === null) {
          this.problems.push({
            name: entry.name,
            message:
              `${label} has the value "${value}", which is not an IP ` +
              `address or CIDR range such as 203.0.113.0/24.`
          });
          return;
        }
        this.ranges.push({
          range,
          match: { name: entry.name, kind: entry.kind, value }
        });
        return;
      }
      default:
        this.problems.push({
          name: entry.name,
          message:
            `${label} has the unknown kind "${entry.kind}". ` +
            `Use ConnectedApp, IpRange or User.`
        });
    }
  }

  /**
   * Returns the entry that excuses the event, trying app, then user, then
   * address, or null when none does.
   */
  exemption(record: ActivityRecord): AllowlistMatch | null {
    if (this.isEmpty) {
      return null;
    }
    const byApp =
      (record.connectedAppId === null
        ? undefined
        : this.appIds.get(record.connectedAppId)) ??
      (record.connectedAppName === null
        ? undefined
        : this.appNames.get(foldCase(record.connectedAppName.trim())));
    if (byApp !== undefined) {
      return byApp;
    }
    const byUser =
      (record.userId === null ? undefined : this.userIds.get(record.userId)) ??
      (record.username === null
        ? undefined
        : this.usernames.get(foldCase(record.username.trim())));
    if (byUser !== undefined) {
      return byUser;
    }
    if (this.ranges.length > 0) {
      const address = parseIpAddress(record.sourceIp);
      if (address !== null) {
        const entry = this.ranges.find((candidate) =>
          rangeContains(candidate.range, address)
        );
        if (entry !== undefined) {
          return entry.match;
        }
      }
    }
    return null;
  }
}
