/**
 * Incremental inventory of OAuth tokens per app.
 *
 * The page reads tokens from Apex in slices and folds each one in with
 * addSlice (or addSliceInChunks for a large slice). Folding costs time in
 * proportion to the rows of that slice only: nothing earlier is scanned
 * again. summarise walks every stored token once, because stale and old
 * counts depend on the reference time it is given. tokensForApp hands the
 * detail view one page of one app's tokens at a time.
 *
 * The functions change the state in place and keep no other state.
 */
import type {
  ConnectedAppPolicy,
  OAuthTokenRow,
  TokenHolder,
  TokenSlice
} from "oauth-guard/dto";
import type { GuardSettings } from "c/guardSettings";
import {
  UNKNOWN_APP_KEY,
  appKindOf,
  findPolicy,
  identifyApp,
  indexPolicies,
  toEighteenCharacterId,
  type AppIdentity,
  type AppKind,
  type PolicyMatch
} from "c/appKey";
import {
  readRefreshTokenPolicy,
  type RefreshTokenPolicyReading
} from "c/refreshTokenPolicy";
import {
  ageFromTimes,
  latestOldInstant,
  latestStaleInstant,
  parseTimestamp,
  type TokenAge
} from "c/tokenAge";
import {
  assessAppRisk,
  type PermittedUsers,
  type RiskAssessment,
  type RiskLevel
} from "c/tokenRisk";

/** One token as the inventory stores it, with timestamps parsed once. */
export interface StoredToken {
  appKey: string;
  userId: string;
  appName: string | null;
  /** UTC epoch milliseconds. */
  createdAt: number;
  lastUsedAt: number | null;
  useCount: number | null;
}

interface SortedTokens {
  sortKey: string;
  version: number;
  tokens: StoredToken[];
}

/** Running figures of one app, kept up to date as rows arrive. */
export interface AppEntry {
  identity: AppIdentity;
  /** Distinct AppName values on the app's tokens. */
  tokenAppNames: Set<string>;
  tokens: StoredToken[];
  /** The app's tokens grouped by holder, in arrival order. */
  tokensByUser: Map<string, StoredToken[]>;
  oldestCreatedAt: number;
  lastUsedAt: number | null;
  /** Sum of UseCount over the app's tokens, where null adds nothing. */
  totalUseCount: number;
  sorted: SortedTokens | null;
}

export interface InventoryState {
  readonly settings: GuardSettings;
  readonly apps: Map<string, AppEntry>;
  readonly holders: Map<string, TokenHolder>;
  readonly tokensByIdentity: Map<string, StoredToken>;
  /** Increases on every change, so that cached sort orders expire. */
  version: number;
  duplicateRows: number;
  skippedRows: number;
  /** The first MAX_STORED_PROBLEMS problems, each a sentence. */
  readonly problems: string[];
  problemCount: number;
}

/** Problems kept for display. Later ones are only counted. */
export const MAX_STORED_PROBLEMS = 100;

/** Creates an empty inventory that judges tokens by these settings. */
export function createInventory(settings: GuardSettings): InventoryState {
  return {
    settings,
    apps: new Map(),
    holders: new Map(),
    tokensByIdentity: new Map(),
    version: 0,
    duplicateRows: 0,
    skippedRows: 0,
    problems: [],
    problemCount: 0
  };
}

function recordProblem(state: InventoryState, problem: string): void {
  state.problemCount += 1;
  if (state.problems.length < MAX_STORED_PROBLEMS) {
    state.problems.push(problem);
  }
}

function normaliseUserId(userId: string): string {
  return toEighteenCharacterId(userId) ?? userId.trim();
}

/**
 * Merges holder details by user id. A later record replaces the earlier
 * fields, and the powerful permissions of both are kept.
 */
export function mergeHolders(
  state: InventoryState,
  holders: readonly TokenHolder[]
): void {
  for (const holder of holders) {
    const userId = normaliseUserId(holder.userId);
    const earlier = state.holders.get(userId);
    const permissions = new Set(earlier?.powerfulPermissions ?? []);
    for (const permission of holder.powerfulPermissions) {
      permissions.add(permission);
    }
    state.holders.set(userId, {
      ...holder,
      userId,
      powerfulPermissions: [...permissions]
    });
  }
  if (holders.length > 0) {
    state.version += 1;
  }
}

function readUseCount(useCount: number | null): number | null {
  return typeof useCount === "number" &&
    Number.isInteger(useCount) &&
    useCount >= 0
    ? useCount
    : null;
}

function describeRow(row: OAuthTokenRow): string {
  const identity = identifyApp(row);
  const app = identity.appName ?? identity.applicationId ?? "an unknown app";
  return `the OAuth token of user ${row.userId} for ${app}`;
}

function entryFor(state: InventoryState, identity: AppIdentity): AppEntry {
  let entry = state.apps.get(identity.key);
  if (!entry) {
    entry = {
      identity,
      tokenAppNames: new Set(),
      tokens: [],
      tokensByUser: new Map(),
      oldestCreatedAt: Number.POSITIVE_INFINITY,
      lastUsedAt: null,
      totalUseCount: 0,
      sorted: null
    };
    state.apps.set(identity.key, entry);
  }
  return entry;
}

function laterOf(first: number | null, second: number | null): number | null {
  if (first === null) {
    return second;
  }
  return second === null ? first : Math.max(first, second);
}

/**
 * Updates a token read twice with the newer of its two usage readings.
 * LastUsedDate and UseCount only grow, so the larger value is the newer.
 */
function mergeDuplicate(
  entry: AppEntry,
  stored: StoredToken,
  lastUsedAt: number | null,
  useCount: number | null
): void {
  stored.lastUsedAt = laterOf(stored.lastUsedAt, lastUsedAt);
  entry.lastUsedAt = laterOf(entry.lastUsedAt, lastUsedAt);
  if (useCount !== null && useCount > (stored.useCount ?? -1)) {
    entry.totalUseCount += useCount - (stored.useCount ?? 0);
    stored.useCount = useCount;
  }
}

function addRow(state: InventoryState, row: OAuthTokenRow): void {
  const createdAt = parseTimestamp(row.createdDate);
  if (createdAt === null) {
    state.skippedRows += 1;
    recordProblem(
      state,
      `Skipped ${describeRow(row)} because its created date ` +
        `"${row.createdDate}" is not an ISO 8601 timestamp.`
    );
    return;
  }
  const lastUsedAt =
    row.lastUsedDate === null ? null : parseTimestamp(row.lastUsedDate);
  if (row.lastUsedDate !== null && lastUsedAt === null) {
    state.skippedRows += 1;
    recordProblem(
      state,
      `Skipped ${describeRow(row)} because its last used date ` +
        `"${row.lastUsedDate}" is not an ISO 8601 timestamp.`
    );
    return;
  }
  const identity = identifyApp(row);
  const userId = normaliseUserId(row.userId);
  const useCount = readUseCount(row.useCount);

  // OauthToken.Id is always null, so app, user and creation time identify
  // a token. Slices resume after the last CreatedDate read, and a cursor
  // resumed at an equal timestamp re-reads the rows of that instant, so
  // the same token can arrive twice: it is counted once.
  // NOTE: two tokens of one user for one app created in the same
  // millisecond are also counted as one.
  const tokenKey = `${identity.key}\n${userId}\n${createdAt}`;
  const entry = entryFor(state, identity);
  const stored = state.tokensByIdentity.get(tokenKey);
  if (stored) {
    state.duplicateRows += 1;
    mergeDuplicate(entry, stored, lastUsedAt, useCount);
    return;
  }

  const token: StoredToken = {
    appKey: identity.key,
    userId,
    appName: identity.appName,
    createdAt,
    lastUsedAt,
    useCount
  };
  state.tokensByIdentity.set(tokenKey, token);
  entry.tokens.push(token);
  if (identity.appName !== null) {
    entry.tokenAppNames.add(identity.appName);
  }
  const userTokens = entry.tokensByUser.get(userId);
  if (userTokens) {
    userTokens.push(token);
  } else {
    entry.tokensByUser.set(userId, [token]);
  }
  entry.oldestCreatedAt = Math.min(entry.oldestCreatedAt, createdAt);
  entry.lastUsedAt = laterOf(entry.lastUsedAt, lastUsedAt);
  entry.totalUseCount += useCount ?? 0;
}

/**
 * Folds rows[start] up to, not including, rows[end] into the inventory.
 * Calling it on successive ranges lets a caller yield between chunks.
 */
export function addRows(
  state: InventoryState,
  rows: readonly OAuthTokenRow[],
  start = 0,
  end = rows.length
): void {
  const from = Math.max(0, start);
  const to = Math.min(rows.length, end);
  for (let index = from; index < to; index += 1) {
    const row = rows[index];
    if (row) {
      addRow(state, row);
    }
  }
  if (to > from) {
    state.version += 1;
  }
}

function addSliceHeader(state: InventoryState, slice: TokenSlice): void {
  mergeHolders(state, slice.holders);
  for (const problem of slice.problems) {
    recordProblem(state, problem);
  }
}

/** Folds one slice in: its holders, its problems and its token rows. */
export function addSlice(state: InventoryState, slice: TokenSlice): void {
  addSliceHeader(state, slice);
  addRows(state, slice.tokens);
}

export interface ChunkOptions {
  /** Rows folded between two yields; 500 unless given. */
  chunkSize?: number;
  /**
   * Resolves when the main thread has had a turn, for example after a
   * setTimeout of 0 in the component. Supplied by the caller so that this
   * module starts no timers.
   */
  yieldBetweenChunks: () => Promise<void>;
}

const DEFAULT_CHUNK_SIZE = 500;

/** Folds one slice in chunks, awaiting the caller's yield between them. */
export async function addSliceInChunks(
  state: InventoryState,
  slice: TokenSlice,
  options: ChunkOptions
): Promise<void> {
  const chunkSize = Math.max(
    1,
    Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE)
  );
  addSliceHeader(state, slice);
  for (let start = 0; start < slice.tokens.length; start += chunkSize) {
    if (start > 0) {
      // Chunks run one after another, each after the main thread's turn.
      // eslint-disable-next-line no-await-in-loop -- sequential on purpose
      await options.yieldBetweenChunks();
    }
    addRows(state, slice.tokens, start, start + chunkSize);
  }
}

/** Counts of what the inventory has read so far. */
export interface InventoryStatus {
  apps: number;
  tokens: number;
  holders: number;
  duplicateRows: number;
  skippedRows: number;
  problems: string[];
  problemCount: number;
}

export function inventoryStatus(state: InventoryState): InventoryStatus {
  return {
    apps: state.apps.size,
    tokens: state.tokensByIdentity.size,
    holders: state.holders.size,
    duplicateRows: state.duplicateRows,
    skippedRows: state.skippedRows,
    problems: [...state.problems],
    problemCount: state.problemCount
  };
}

/** One row of the inventory table: the figures of one app. */
export interface AppSummary {
  key: string;
  /** Menu label, else ConnectedApplication name, else a token's AppName. */
  name: string;
  menuLabel: string | null;
  connectedAppName: string | null;
  /** AppName values on the tokens, which differ from name after a rename. */
  tokenAppNames: string[];
  kind: AppKind;
  applicationId: string | null;
  /**
   * True with a ConnectedApplication record. False for a connected app or
   * an app known only by name that has none. Null where installation
   * cannot be read this way: external client apps, other id prefixes and
   * the unknown-app group.
   */
  installed: boolean | null;
  policyMatch: PolicyMatch;
  users: number;
  tokens: number;
  /** ISO 8601 UTC. */
  oldestCreated: string;
  lastUsed: string | null;
  totalUseCount: number;
  staleCount: number;
  oldCount: number;
  refreshTokenPolicy: RefreshTokenPolicyReading;
  permittedUsers: PermittedUsers;
  risk: RiskAssessment;
}

function permittedUsersOf(policy: ConnectedAppPolicy | null): PermittedUsers {
  if (policy?.adminApprovedUsersOnly === true) {
    return "admin-approved";
  }
  return policy?.adminApprovedUsersOnly === false ? "all-users" : "unknown";
}

function installedState(
  entry: AppEntry,
  policy: ConnectedAppPolicy | null,
  kind: AppKind
): boolean | null {
  if (policy !== null) {
    return true;
  }
  if (kind === "connected-app") {
    return false;
  }
  const knownOnlyByName =
    entry.identity.applicationId === null &&
    entry.identity.key !== UNKNOWN_APP_KEY;
  return knownOnlyByName ? false : null;
}

function displayName(
  policy: ConnectedAppPolicy | null,
  tokenAppNames: readonly string[]
): string {
  const menuLabel = policy?.menuLabel?.trim() ?? "";
  if (menuLabel !== "") {
    return menuLabel;
  }
  const connectedAppName = policy?.name.trim() ?? "";
  if (connectedAppName !== "") {
    return connectedAppName;
  }
  return tokenAppNames[0] ?? "Unknown app";
}

interface TokenFigures {
  staleCount: number;
  oldCount: number;
  powerfulHolderTokens: number;
  powerfulPermissions: Set<string>;
  inactiveOrFrozenHolderTokens: number;
}

/**
 * Counts the figures that depend on `now` or on holder details. Stale and
 * old tokens take one comparison each against cut-off instants, and holder
 * figures are read once per distinct user, so that summarising 60,000
 * tokens stays a short task.
 */
function countTokenFigures(
  state: InventoryState,
  entry: AppEntry,
  now: number
): TokenFigures {
  const figures: TokenFigures = {
    staleCount: 0,
    oldCount: 0,
    powerfulHolderTokens: 0,
    powerfulPermissions: new Set(),
    inactiveOrFrozenHolderTokens: 0
  };
  const staleBefore = latestStaleInstant(now, state.settings.staleAfterDays);
  const oldBefore = latestOldInstant(now, state.settings.oldAfterDays);
  for (const token of entry.tokens) {
    if ((token.lastUsedAt ?? token.createdAt) <= staleBefore) {
      figures.staleCount += 1;
    }
    if (token.createdAt <= oldBefore) {
      figures.oldCount += 1;
    }
  }
  for (const [userId, userTokens] of entry.tokensByUser) {
    const tokenCount = userTokens.length;
    const holder = state.holders.get(userId);
    if (!holder) {
      continue;
    }
    if (holder.powerfulPermissions.length > 0) {
      figures.powerfulHolderTokens += tokenCount;
      holder.powerfulPermissions.forEach((permission) =>
        figures.powerfulPermissions.add(permission)
      );
    }
    if (!holder.isActive || holder.isFrozen) {
      figures.inactiveOrFrozenHolderTokens += tokenCount;
    }
  }
  return figures;
}

function summariseApp(
  state: InventoryState,
  entry: AppEntry,
  policyIndex: ReturnType<typeof indexPolicies>,
  now: number
): AppSummary {
  const { policy, match } = findPolicy(entry.identity, policyIndex);
  const applicationId =
    entry.identity.applicationId ??
    (policy ? toEighteenCharacterId(policy.applicationId) : null);
  const kind = appKindOf(applicationId);
  const installed = installedState(entry, policy, kind);
  const tokenAppNames = [...entry.tokenAppNames].sort();
  const refreshTokenPolicy = readRefreshTokenPolicy(policy);
  const permittedUsers = permittedUsersOf(policy);
  const figures = countTokenFigures(state, entry, now);

  return {
    key: entry.identity.key,
    name: displayName(policy, tokenAppNames),
    menuLabel: policy?.menuLabel ?? null,
    connectedAppName: policy?.name ?? null,
    tokenAppNames,
    kind,
    applicationId,
    installed,
    policyMatch: match,
    users: entry.tokensByUser.size,
    tokens: entry.tokens.length,
    oldestCreated: new Date(entry.oldestCreatedAt).toISOString(),
    lastUsed:
      entry.lastUsedAt === null
        ? null
        : new Date(entry.lastUsedAt).toISOString(),
    totalUseCount: entry.totalUseCount,
    staleCount: figures.staleCount,
    oldCount: figures.oldCount,
    refreshTokenPolicy,
    permittedUsers,
    risk: assessAppRisk(
      {
        refreshTokenPolicy: refreshTokenPolicy.policy,
        permittedUsers,
        installed,
        powerfulHolderTokens: figures.powerfulHolderTokens,
        powerfulPermissions: [...figures.powerfulPermissions],
        inactiveOrFrozenHolderTokens: figures.inactiveOrFrozenHolderTokens,
        staleTokens: figures.staleCount,
        oldTokens: figures.oldCount
      },
      state.settings
    )
  };
}

const LEVEL_RANK: Record<RiskLevel, number> = {
  high: 3,
  medium: 2,
  low: 1,
  none: 0
};

function compareSummaries(first: AppSummary, second: AppSummary): number {
  return (
    LEVEL_RANK[second.risk.level] - LEVEL_RANK[first.risk.level] ||
    second.risk.score - first.risk.score ||
    second.tokens - first.tokens ||
    first.name.localeCompare(second.name) ||
    compareText(first.key, second.key)
  );
}

/**
 * Returns one row per app that has tokens, riskiest first. `policies` are
 * the ConnectedApplication records of the org, and `now` is the reference
 * time in UTC epoch milliseconds. Installed apps with no tokens are not
 * listed.
 */
export function summarise(
  state: InventoryState,
  policies: readonly ConnectedAppPolicy[],
  now: number
): AppSummary[] {
  const policyIndex = indexPolicies(policies);
  const summaries: AppSummary[] = [];
  for (const entry of state.apps.values()) {
    summaries.push(summariseApp(state, entry, policyIndex, now));
  }
  return summaries.sort(compareSummaries);
}

export type TokenSortField =
  "holder" | "createdDate" | "lastUsedDate" | "useCount";

type NumericSortField = Exclude<TokenSortField, "holder">;

export interface TokenSort {
  field: TokenSortField;
  direction: "ascending" | "descending";
}

export interface TokenPageRequest {
  offset: number;
  /** Rows wanted; more than MAX_PAGE_SIZE returns MAX_PAGE_SIZE. */
  limit: number;
  /** By holder name, ascending, unless given. */
  sort?: TokenSort;
  /** Reference time for the ages, in UTC epoch milliseconds. */
  now: number;
}

/** One token of the detail view. appKey, userId and createdDate name it. */
export interface TokenListRow {
  appKey: string;
  userId: string;
  /** Null when no slice carried details of this user. */
  holder: TokenHolder | null;
  appName: string | null;
  /** ISO 8601 UTC. */
  createdDate: string;
  lastUsedDate: string | null;
  useCount: number | null;
  age: TokenAge;
}

export interface TokenPage {
  /** Tokens of the app in all pages. */
  total: number;
  offset: number;
  rows: TokenListRow[];
}

export const MAX_PAGE_SIZE = 200;

const DEFAULT_SORT: TokenSort = { field: "holder", direction: "ascending" };

/** Sorts user ids by a text key, ties broken by the id itself. */
function sortUsers(
  userIds: Iterable<string>,
  textKey: (userId: string) => string
): string[] {
  const keyed = [...userIds].map((userId) => ({
    userId,
    text: textKey(userId)
  }));
  keyed.sort(
    (first, second) =>
      compareText(first.text, second.text) ||
      compareText(first.userId, second.userId)
  );
  return keyed.map((item) => item.userId);
}

function compareText(first: string, second: string): number {
  if (first < second) {
    return -1;
  }
  return first > second ? 1 : 0;
}

function byCreation(first: StoredToken, second: StoredToken): number {
  return first.createdAt - second.createdAt;
}

/**
 * Sorts by holder name without comparing names per token: the distinct
 * holders are sorted once, then each holder's tokens follow by creation.
 * A holder without details sorts by user id in place of a name.
 */
function sortByHolder(
  state: InventoryState,
  entry: AppEntry,
  direction: TokenSort["direction"]
): StoredToken[] {
  const users = sortUsers(entry.tokensByUser.keys(), (userId) =>
    (state.holders.get(userId)?.name ?? userId).toLowerCase()
  );
  if (direction === "descending") {
    users.reverse();
  }
  const sorted: StoredToken[] = [];
  for (const userId of users) {
    const userTokens = [...(entry.tokensByUser.get(userId) ?? [])];
    sorted.push(...userTokens.sort(byCreation));
  }
  return sorted;
}

/**
 * Sorts by a number per token. Ties go to the user id, then the creation
 * time, both ascending. User ids are ranked once so that the comparator
 * only subtracts numbers.
 */
function sortByNumber(
  entry: AppEntry,
  field: NumericSortField,
  direction: TokenSort["direction"]
): StoredToken[] {
  const userRank = new Map(
    sortUsers(entry.tokensByUser.keys(), (userId) => userId).map(
      (userId, rank) => [userId, rank]
    )
  );
  const tokens = entry.tokens;
  const primary = new Float64Array(tokens.length);
  const tieBreak = new Float64Array(tokens.length);
  tokens.forEach((token, index) => {
    primary[index] = sortValue(token, field);
    tieBreak[index] = userRank.get(token.userId) ?? 0;
  });
  const sign = direction === "ascending" ? 1 : -1;
  const order = tokens.map((_token, index) => index);
  order.sort(
    (first, second) =>
      sign * ((primary[first] ?? 0) - (primary[second] ?? 0)) ||
      (tieBreak[first] ?? 0) - (tieBreak[second] ?? 0) ||
      (tokens[first]?.createdAt ?? 0) - (tokens[second]?.createdAt ?? 0)
  );
  const sorted: StoredToken[] = [];
  for (const index of order) {
    const token = tokens[index];
    if (token) {
      sorted.push(token);
    }
  }
  return sorted;
}

/** Returns the app's tokens in the requested order, cached per version. */
function sortedTokens(
  state: InventoryState,
  entry: AppEntry,
  sort: TokenSort
): StoredToken[] {
  const sortKey = `${sort.field}:${sort.direction}`;
  if (
    entry.sorted?.sortKey === sortKey &&
    entry.sorted.version === state.version
  ) {
    return entry.sorted.tokens;
  }
  const tokens =
    sort.field === "holder"
      ? sortByHolder(state, entry, sort.direction)
      : sortByNumber(entry, sort.field, sort.direction);
  entry.sorted = { sortKey, version: state.version, tokens };
  return tokens;
}

function sortValue(token: StoredToken, field: NumericSortField): number {
  if (field === "createdDate") {
    return token.createdAt;
  }
  if (field === "lastUsedDate") {
    // Never used sorts as the least recent use. Every real date is after
    // 1970, so -1 is earlier than all of them.
    return token.lastUsedAt ?? -1;
  }
  return token.useCount ?? -1;
}

function checkWholeNumber(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(
      `Invalid ${name} ${value}: expected a whole number of ${minimum} or more.`
    );
  }
}

/**
 * Returns one page of an app's tokens with their holders and ages. The
 * sorted order is cached per app until the inventory changes, so paging
 * through it sorts once. An unknown key returns an empty page.
 */
export function tokensForApp(
  state: InventoryState,
  key: string,
  request: TokenPageRequest
): TokenPage {
  checkWholeNumber("offset", request.offset, 0);
  checkWholeNumber("limit", request.limit, 1);
  const entry = state.apps.get(key);
  if (!entry) {
    return { total: 0, offset: request.offset, rows: [] };
  }
  const limit = Math.min(request.limit, MAX_PAGE_SIZE);
  const tokens = sortedTokens(state, entry, request.sort ?? DEFAULT_SORT);
  const rows = tokens
    .slice(request.offset, request.offset + limit)
    .map((token) => ({
      appKey: token.appKey,
      userId: token.userId,
      holder: state.holders.get(token.userId) ?? null,
      appName: token.appName,
      createdDate: new Date(token.createdAt).toISOString(),
      lastUsedDate:
        token.lastUsedAt === null
          ? null
          : new Date(token.lastUsedAt).toISOString(),
      useCount: token.useCount,
      age: ageFromTimes(
        token.createdAt,
        token.lastUsedAt,
        request.now,
        state.settings
      )
    }));
  return { total: tokens.length, offset: request.offset, rows };
}
