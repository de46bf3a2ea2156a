/**
 * Plain data objects that Apex controllers return. Each interface mirrors
 * the Apex DTO class of the same name field by field, so that components
 * never see an SObject and a package namespace changes nothing here.
 */
declare module "oauth-guard/dto" {
  /** Mirrors Apex `SystemPermissionStatus`. */
  export interface SystemPermissionStatus {
    /** Stable key, for example `CustomizeApplication`. */
    name: string;
    /** True when the running user holds the permission. */
    granted: boolean;
    /** False when the org lacks the licence or feature behind it. */
    available: boolean;
  }

  /** Mirrors Apex `TokenCount`: how many OauthToken rows the user can see. */
  export interface TokenCount {
    total: number;
    /** False when the user sees only their own tokens (no Customize Application). */
    seesAllUsers: boolean;
  }

  /**
   * Mirrors Apex `OAuthTokenRow`: one OauthToken row without its secret
   * values. OauthToken.Id is always null, so a token is named by its app,
   * user and creation time.
   */
  export interface OAuthTokenRow {
    /** AppMenuItem.ApplicationId (18 characters), or null when absent. */
    applicationId: string | null;
    appMenuItemId: string | null;
    appName: string | null;
    userId: string;
    /** ISO 8601 UTC. */
    createdDate: string;
    /** ISO 8601 UTC, or null when never used. */
    lastUsedDate: string | null;
    useCount: number | null;
  }

  /** Mirrors Apex `TokenHolder`: a user who holds at least one token. */
  export interface TokenHolder {
    userId: string;
    name: string;
    username: string;
    isActive: boolean;
    isFrozen: boolean;
    /** Labels of powerful permissions, e.g. "Modify All Data". */
    powerfulPermissions: string[];
  }

  /** Mirrors Apex `TokenSlice`: at most 2,000 rows read in one transaction. */
  export interface TokenSlice {
    tokens: OAuthTokenRow[];
    holders: TokenHolder[];
    /** Opaque; pass back to read the next slice. Null when done. */
    nextCursor: string | null;
    /** Rows that could not be read, each as a sentence. */
    problems: string[];
  }

  /**
   * Mirrors Apex `ConnectedAppPolicy`: the raw settings of one app that is
   * installed in the org (has a ConnectedApplication record). The core
   * decides what they mean; Apex only reads them.
   */
  export interface ConnectedAppPolicy {
    /** ConnectedApplication.Id (18 characters). */
    applicationId: string;
    name: string;
    /** AppMenuItem.Label, or null when the app has no menu item. */
    menuLabel: string | null;
    /** ConnectedApplication.OptionsAllowAdminApprovedUsersOnly. */
    adminApprovedUsersOnly: boolean | null;
    /** ConnectedApplication.RefreshTokenValidityPeriod; null when unset. */
    refreshTokenValidityPeriod: number | null;
    /** ConnectedApplication.OptionsRefreshTokenValidityMetric. */
    refreshTokenValidityMetric: boolean | null;
    /** ISO 8601 UTC. */
    createdDate: string | null;
  }

  /** Mirrors Apex `GuardSetting`: one OAuth_Guard_Setting__mdt record. */
  export interface GuardSetting {
    /** The record's DeveloperName, for example `StaleAfterDays`. */
    name: string;
    /** Value__c as text; the core validates it. */
    value: string;
  }

  /**
   * Mirrors Apex `AllowlistEntry`: one OAuth_Guard_Allowlist_Entry__mdt
   * record, unvalidated. The core decides what it allows.
   */
  export interface AllowlistEntry {
    /** The record's DeveloperName. */
    name: string;
    /** Kind__c: `ConnectedApp`, `IpRange` or `User`. */
    kind: string;
    /** Value__c: an app id or name, a CIDR range, or a user id or username. */
    value: string;
    reason: string | null;
    active: boolean;
  }

  /**
   * Mirrors Apex `IndicatorRule`: one OAuth_Guard_Indicator_Rule__mdt
   * record, unvalidated.
   */
  export interface IndicatorRule {
    /** The record's DeveloperName. */
    name: string;
    ruleId: string;
    title: string;
    /** Severity__c: `High`, `Medium` or `Low`. */
    severity: string;
    /**
     * Kind__c, for example `UserAgent`, `QueryPattern` or `ExportVolume`.
     * Null or absent on records made before Kind__c existed: c/findingRules
     * then infers the kind from the field and match kind.
     */
    kind?: string | null;
    /**
     * Match_Kind__c: `Exact`, `Substring` or `IpRange`; null for kinds that
     * compare no pattern.
     */
    matchKind: string | null;
    /** Field__c, for example `USER_AGENT` or `SOURCE_IP`. */
    field: string;
    /** Pattern__c; null for kinds that compare no pattern. */
    pattern: string | null;
    /** Threshold__c: rows per day, or distinct query patterns per day. */
    threshold?: number | null;
    /** Scope__c: `App` or `User`, for rules that add up activity. */
    scope?: string | null;
    source: string | null;
    /** Source_Date__c as `yyyy-mm-dd`, or null. */
    sourceDate: string | null;
    active: boolean;
    /** Use_In_Policies__c: false keeps the rule out of the policies. */
    usedInPolicies: boolean;
  }

  /**
   * Mirrors Apex `PolicyStatus`: one TransactionSecurityPolicy record whose
   * Apex condition is one of OAuth Guard's condition classes.
   */
  export interface PolicyStatus {
    developerName: string;
    masterLabel: string;
    /** EventName, for example `ApiEvent`. */
    eventName: string | null;
    /** Name of the condition class, without namespace. */
    conditionClass: string;
    /** Namespace of the condition class, or null for none. */
    conditionNamespace: string | null;
    /** State, for example `Enabled` or `Disabled`. */
    state: string | null;
    blockMessage: string | null;
    /** ActionConfig as the platform stores it, unparsed. */
    actionConfig: string | null;
  }

  /** Mirrors Apex `PolicyOverview`: what the Policies tab shows. */
  export interface PolicyOverview {
    /** OAuth Guard's policies found in the org; empty when unreadable. */
    policies: PolicyStatus[];
    /** False when TransactionSecurityPolicy could not be read. */
    stateReadable: boolean;
    /** The reason the state could not be read, as a sentence, or null. */
    stateProblem: string | null;
    settings: GuardSetting[];
    allowlist: AllowlistEntry[];
    indicatorRules: IndicatorRule[];
  }

  /**
   * Mirrors Apex `RevocableToken`: one OAuth token that the running user
   * may revoke. The handle names the token in every revoke call. Apex makes
   * it from the token's DeleteToken with a keyed hash and alone can resolve
   * it, so the DeleteToken never reaches the browser.
   */
  export interface RevocableToken {
    /** Opaque, 43 base64url characters. */
    handle: string;
    userId: string;
    appName: string | null;
    /** ISO 8601 UTC. */
    createdDate: string;
    /** ISO 8601 UTC, or null when never used. */
    lastUsedDate: string | null;
    useCount: number | null;
  }

  /** Mirrors Apex `RevocableTokenSlice`: one slice of one app's tokens. */
  export interface RevocableTokenSlice {
    appKey: string;
    /** May be empty while nextCursor is set: keep reading. */
    tokens: RevocableToken[];
    /** Opaque. Pass it back to read the next slice. Null when done. */
    nextCursor: string | null;
    /** Problems met while reading, each a sentence for the admin. */
    problems: string[];
  }

  /** Scope of a revocation request: one user, a selection or the whole app. */
  export type RevocationScope = "User" | "Selection" | "App";

  /** Status of a revocation request. */
  export type RevocationStatusCode =
    | "Queued"
    | "Running"
    | "Completed"
    | "CompletedWithFailures"
    | "Interrupted";

  /** Final outcome of one token in a revocation request. */
  export type RevocationOutcomeCode = "Revoked" | "AlreadyGone" | "Failed";

  /**
   * Path by which Apex revoked a token: the Apex method or the org's HTTP
   * revoke endpoint.
   */
  export type RevocationPath = "ApexRevokeToken" | "HttpRevokeEndpoint";

  /** Mirrors Apex `RevocationAccess`: what the running user may do. */
  export interface RevocationAccess {
    /** True with the Revoke OAuth Tokens custom permission. */
    canRevoke: boolean;
    /** True with the Archive OAuth Guard Audit custom permission. */
    canArchive: boolean;
    /**
     * The org's own revoke endpoint, used when Apex's revokeToken rejects a
     * token. Calls to it need a Remote Site Setting for the org's domain.
     */
    revokeEndpoint: string;
    /** The URL that Remote Site Setting must have: the org's My Domain. */
    orgDomainUrl: string;
  }

  /** Mirrors Apex `RevocationRequest`: one request and its progress. */
  export interface RevocationRequest {
    id: string;
    /** Record name, for example `REV-000012`. */
    name: string;
    /** Position in the audit chain. */
    sequence: number;
    appKey: string;
    appName: string | null;
    scope: RevocationScope;
    /** The user a `User` request covers, or null for other scopes. */
    targetUserId: string | null;
    /** Tokens the request covered when it was made. */
    tokensRequested: number;
    reason: string;
    /** ISO 8601 UTC. */
    requestedAt: string;
    requestedById: string;
    requestedByName: string;
    status: RevocationStatusCode;
    revoked: number;
    alreadyGone: number;
    failed: number;
    /** Id of the job link that runs or ran last, or null before the first. */
    jobId: string | null;
    /** Reason the job stopped, for an `Interrupted` request. */
    lastError: string | null;
    /** ISO 8601 UTC of the last progress update. */
    progressUpdatedAt: string | null;
    /** True when the request is interrupted and may be resumed. */
    resumable: boolean;
  }

  /** Mirrors Apex `RevocationOutcome`: what happened to one token. */
  export interface RevocationOutcome {
    id: string;
    sequence: number;
    handle: string;
    /** Null when the token was never found, so its holder is unknown. */
    userId: string | null;
    /** The holder's name when the user record is readable. */
    userName: string | null;
    appName: string | null;
    /** ISO 8601 UTC, or null when the token was never found. */
    tokenCreatedDate: string | null;
    outcome: RevocationOutcomeCode;
    /** Null when no revoke call was made. */
    path: RevocationPath | null;
    /** Reason the token failed, or a note on how it was found gone. */
    error: string | null;
    /** ISO 8601 UTC. */
    recordedAt: string;
  }

  /** Mirrors Apex `RevocationStatus`: a request and a page of its outcomes. */
  export interface RevocationStatus {
    request: RevocationRequest;
    outcomes: RevocationOutcome[];
    /** Opaque. Pass it back for the next page of outcomes. Null when done. */
    nextOutcomeCursor: string | null;
  }

  /** Kind of an audit record in the hash chain. */
  export type AuditEntryKind =
    "Request" | "Outcome" | "Archive" | "ScheduleChange";

  /**
   * Action of a schedule change on a scheduled job: `Schedule`
   * (System.schedule) or `Cancel` (System.abortJob).
   */
  export type ScheduleChangeAction = "Schedule" | "Cancel";

  /**
   * Mirrors Apex `AuditEntry`: one audit record of any kind, with every
   * field its hash covers. Fields that do not apply to the kind are null.
   * A request's progress fields (status, the three counts and jobId)
   * change while its job runs, so its hash does not cover them.
   */
  export interface AuditEntry {
    kind: AuditEntryKind;
    recordId: string;
    /** Record name, assigned by the platform on insert, so not hashed. */
    name: string | null;
    sequence: number;
    /** Hash of the record before this one, or null for the first record. */
    previousHash: string | null;
    /** SHA-256 of the canonical form, 64 lowercase hex digits. */
    hash: string;
    /** ISO 8601 UTC, whole seconds. */
    recordedAt: string;
    /** User who made the request, the archive or the schedule change. */
    actorId: string | null;
    actorName: string | null;
    reason: string | null;
    appKey: string | null;
    appName: string | null;
    scope: RevocationScope | null;
    targetUserId: string | null;
    /** A `Selection` request's handles, sorted and separated by spaces. */
    targetHandles: string | null;
    tokensRequested: number | null;
    /** The sequence of the request an outcome belongs to. */
    requestSequence: number | null;
    handle: string | null;
    userId: string | null;
    /** ISO 8601 UTC, whole seconds. */
    tokenCreatedDate: string | null;
    outcome: RevocationOutcomeCode | null;
    path: RevocationPath | null;
    error: string | null;
    /** The first and last sequence an archive removed. */
    firstSequence: number | null;
    lastSequence: number | null;
    /** Hash of the record at lastSequence, which the next record chains to. */
    hashAtCut: string | null;
    recordsRemoved: number | null;
    /** SHA-256 of the CSV export the admin saved before archiving. */
    exportSha256: string | null;
    status: RevocationStatusCode | null;
    revoked: number | null;
    alreadyGone: number | null;
    failed: number | null;
    /**
     * A request's latest Queueable job link (not hashed), or the
     * CronTrigger that a schedule change created or aborted (hashed).
     */
    jobId: string | null;
    action: ScheduleChangeAction | null;
    /** A schedule change's job name, CronJobDetail.Name. */
    jobName: string | null;
    cronExpression: string | null;
  }

  /** Mirrors Apex `AuditTrailPage`: audit records in sequence order. */
  export interface AuditTrailPage {
    entries: AuditEntry[];
    /** Opaque. Pass it back for the next page. Null when done. */
    nextCursor: string | null;
    /** The chain head: the last sequence written and its hash. */
    headSequence: number | null;
    headHash: string | null;
  }

  /**
   * Mirrors Apex `AuditArchivePlan`: the records an archive before a time
   * would remove.
   */
  export interface AuditArchivePlan {
    /** ISO 8601 UTC: records written before it may go. */
    before: string;
    /** ISO 8601 UTC: the latest `before` the retention period allows. */
    latestAllowedBefore: string;
    /** The first sequence to remove, or null when nothing can go. */
    firstSequence: number | null;
    /** The last sequence to remove, or null when nothing can go. */
    cutSequence: number | null;
    recordCount: number;
    /** Sentences explaining why the cut is earlier than requested. */
    notes: string[];
  }

  /**
   * Mirrors Apex `EventSourceStatus`: whether one source of activity data
   * can be read by the running user, and why not.
   */
  export interface EventSourceStatus {
    /** `EventLogFile`, `ApiEvent`, `ReportEvent`, `BulkApiResultEventStore` or `LoginHistory`. */
    source: string;
    available: boolean;
    reasonCode:
      | "available"
      | "limited"
      | "no-files"
      | "no-licence"
      | "missing-permission"
      | "query-failed";
    /** What the admin should know or do, as a sentence. */
    reason: string;
    /** For EventLogFile: event types with files in the last 7 days, sorted. */
    eventTypes: string[];
    /** API names of system permissions the user lacks, e.g. `ViewEventLogFiles`. */
    missingPermissions: string[];
  }

  /** Mirrors Apex `EventLogFileInfo`: an EventLogFile without its content. */
  export interface EventLogFileInfo {
    /** 18-character EventLogFile id. */
    id: string;
    eventType: string;
    /** ISO 8601 UTC: the start of the day or hour the file covers. */
    logDate: string;
    /** `Daily` or `Hourly`. */
    interval: string;
    sequence: number;
    /** Size of the CSV in bytes. */
    logFileLength: number;
    /** ISO 8601 UTC. */
    createdDate: string;
    /** `EventType|LogDate|Interval|Sequence`. */
    fileKey: string;
    /** False when the file must be downloaded and imported from disk. */
    readableInApex: boolean;
  }

  /** Mirrors Apex `EventLogFilePage`: files, newest first. */
  export interface EventLogFilePage {
    files: EventLogFileInfo[];
    /** Opaque. Pass it back for the next page. Null when done. */
    nextCursor: string | null;
  }

  /** Mirrors Apex `EventLogFileContent`: one file and its CSV. */
  export interface EventLogFileContent {
    file: EventLogFileInfo;
    csv: string;
  }

  /**
   * Mirrors Apex `EventRowPage`: rows of a real-time event object or of
   * LoginHistory, newest first, each a map of field name to text. Times
   * are ISO 8601 UTC; fields without a value are absent.
   */
  export interface EventRowPage {
    objectName: string;
    /** `EventDate`, or `LoginTime` for LoginHistory. */
    timeField: string;
    fields: string[];
    /** Fields OAuth Guard reads where they exist, which the org lacks or hides. */
    missingFields: string[];
    rows: Record<string, string>[];
    /** Opaque. Pass it back for the next page. Null when done. */
    nextCursor: string | null;
  }

  /** Mirrors Apex `DistinctValues`: the first values in code unit order. */
  export interface DistinctValues {
    values: string[];
    /** True when more distinct values were seen than `values` keeps. */
    truncated: boolean;
  }

  /**
   * Mirrors Apex `ActivitySummary`, and c/activityCapture's
   * CapturedSummary: one event type, app, user and UTC day.
   */
  export interface ActivitySummary {
    key: string;
    eventType: string;
    /** UTC day, YYYY-MM-DD. */
    day: string;
    /** `id:<18-character id>`, `name:<app name>` or `unattributed`. */
    appKey: string;
    connectedAppId: string | null;
    appName: string | null;
    /** User id, or the username when the rows had no id, or null. */
    user: string | null;
    username: string | null;
    requests: number;
    /** Null when no request reported a row count. */
    rows: number | null;
    requestsWithUnknownRows: number;
    /** Null when no request reported a response size. */
    bytes: number | null;
    requestsWithUnknownBytes: number;
    /** ISO 8601 UTC. */
    firstSeen: string;
    lastSeen: string;
    sourceIps: DistinctValues;
    countries: DistinctValues;
    userAgents: DistinctValues;
    clientNames: DistinctValues;
  }

  /** Mirrors Apex `ActivitySummaryPage`: summaries, newest day first. */
  export interface ActivitySummaryPage {
    summaries: ActivitySummary[];
    /** Opaque. Pass it back for the next page. Null when done. */
    nextCursor: string | null;
  }

  /**
   * Mirrors Apex `CaptureScheduleStatus`: whether the daily activity
   * capture is scheduled, when it runs, and whether the user may change
   * its schedule.
   */
  export interface CaptureScheduleStatus {
    /**
     * True when the running user can see a CronTrigger of the capture's
     * job name in any state but DELETED.
     */
    scheduled: boolean;
    /** The job name that Setup, Scheduled Jobs lists. */
    jobName: string;
    /** CronTrigger.State, such as `WAITING`, or null when not scheduled. */
    state: string | null;
    cronExpression: string | null;
    /** ISO 8601 UTC, or null when not scheduled or never to run again. */
    nextFireTime: string | null;
    /** ISO 8601 UTC, or null when the job has not run yet. */
    previousFireTime: string | null;
    /**
     * Time zone of the user who scheduled the job, in which its cron
     * expression is read (CronTrigger.TimeZoneSidKey).
     */
    timeZone: string | null;
    /** True with the Manage OAuth Guard Capture custom permission. */
    canManage: boolean;
    /**
     * ISO 8601 UTC: when the capture last wrote a file record. Null when
     * none exists or the user cannot read them.
     */
    lastCaptureAt: string | null;
  }

  /**
   * Mirrors Apex `CapturedLogFile`: one file the daily capture handled,
   * from its OAuth_Log_File_Capture__c record.
   */
  export interface CapturedLogFile {
    fileKey: string;
    eventLogFileId: string;
    eventType: string;
    /** ISO 8601 UTC. */
    logDate: string;
    interval: string;
    sequence: number;
    /** Size in bytes. */
    logFileLength: number;
    status: "Captured" | "TooLarge" | "Rejected" | "Failed";
    /** Null for a file that was not read (TooLarge, Failed). */
    rows: number | null;
    records: number | null;
    undatedRows: number | null;
    problemCount: number | null;
    /** The first problems, one per line, or the error of a failed file. */
    problems: string | null;
    /** ISO 8601 UTC. */
    capturedAt: string;
  }
}
