/**
 * Reads the whole token inventory through the Apex contract: settings,
 * then the token count (so progress is true), then the connected apps,
 * then token slices until the cursor runs out. Each call is its own Apex
 * transaction. A failure after the count keeps what was read and reports
 * the rest as a problem, so the page can show a partial inventory.
 */
import type {
  ConnectedAppPolicy,
  TokenCount,
  TokenSlice
} from "oauth-guard/dto";
import { errorText } from "c/errorText";
import {
  DEFAULT_SETTINGS,
  copyDefaultSettings,
  settingsFromRecords,
  type GuardSetting,
  type GuardSettings
} from "c/guardSettings";
import {
  addSliceInChunks,
  createInventory,
  type InventoryState
} from "c/tokenInventory";

/** The Apex methods the loader calls, passed in so tests can fake them. */
export interface InventoryApi {
  getSettings(): Promise<GuardSetting[]>;
  countTokens(): Promise<TokenCount>;
  listConnectedApps(): Promise<ConnectedAppPolicy[]>;
  readTokenSlice(cursor: string | null): Promise<TokenSlice>;
}

export interface LoadProgress {
  tokensRead: number;
  /** From the count taken before the first slice. */
  tokensCounted: number;
  slicesRead: number;
  /** 0 to 100; tokens created during the read can push reads past the count. */
  percent: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Resolves after the main thread has had a turn. */
  yieldBetweenChunks: () => Promise<void>;
  /** Checked between slices; true stops the read, keeping what was read. */
  isCancelled?: () => boolean;
}

export interface InventoryLoad {
  state: InventoryState;
  policies: ConnectedAppPolicy[];
  count: TokenCount;
  /** Sentences naming what could not be read; empty when all was read. */
  problems: string[];
  /** False when the read stopped before the last slice. */
  complete: boolean;
}

/**
 * Apex leaves null fields out of the JSON it returns, so they arrive as
 * undefined. The core compares with null, so every nullable field is set
 * to null here, once, at the boundary.
 */
export function normaliseSlice(slice: TokenSlice): TokenSlice {
  return {
    tokens: (slice.tokens ?? []).map((row) => ({
      applicationId: row.applicationId ?? null,
      appMenuItemId: row.appMenuItemId ?? null,
      appName: row.appName ?? null,
      userId: row.userId,
      createdDate: row.createdDate,
      lastUsedDate: row.lastUsedDate ?? null,
      useCount: row.useCount ?? null
    })),
    holders: (slice.holders ?? []).map((holder) => ({
      ...holder,
      name: holder.name ?? holder.userId,
      username: holder.username ?? "",
      isActive: holder.isActive ?? false,
      isFrozen: holder.isFrozen ?? false,
      powerfulPermissions: holder.powerfulPermissions ?? []
    })),
    nextCursor: slice.nextCursor ?? null,
    problems: slice.problems ?? []
  };
}

/** Sets the nullable fields Apex left out of a policy to null. */
export function normalisePolicy(
  policy: ConnectedAppPolicy
): ConnectedAppPolicy {
  return {
    applicationId: policy.applicationId,
    name: policy.name,
    menuLabel: policy.menuLabel ?? null,
    adminApprovedUsersOnly: policy.adminApprovedUsersOnly ?? null,
    refreshTokenValidityPeriod: policy.refreshTokenValidityPeriod ?? null,
    refreshTokenValidityMetric: policy.refreshTokenValidityMetric ?? null,
    createdDate: policy.createdDate ?? null
  };
}

async function readSettings(
  api: InventoryApi,
  problems: string[]
): Promise<GuardSettings> {
  try {
    const reading = settingsFromRecords(await api.getSettings());
    problems.push(...reading.problems.map((problem) => problem.message));
    return reading.settings;
  } catch (error) {
    problems.push(
      `Settings could not be read, so the defaults apply (stale after ${DEFAULT_SETTINGS.staleAfterDays} days, old after ${DEFAULT_SETTINGS.oldAfterDays} days): ${errorText(error)}`
    );
    return copyDefaultSettings();
  }
}

async function readPolicies(
  api: InventoryApi,
  problems: string[]
): Promise<ConnectedAppPolicy[]> {
  try {
    return (await api.listConnectedApps()).map(normalisePolicy);
  } catch (error) {
    problems.push(
      `Connected app settings could not be read, so refresh-token policy and admin approval show as unknown: ${errorText(error)}`
    );
    return [];
  }
}

function progressOf(
  tokensRead: number,
  tokensCounted: number,
  slicesRead: number
): LoadProgress {
  const percent =
    tokensCounted === 0
      ? 100
      : Math.min(100, Math.round((tokensRead / tokensCounted) * 100));
  return { tokensRead, tokensCounted, slicesRead, percent };
}

/**
 * Loads the inventory. Rejects only when the count fails, because then
 * nothing can be shown; every later failure becomes a problem.
 */
export async function loadInventory(
  api: InventoryApi,
  options: LoadOptions
): Promise<InventoryLoad> {
  const problems: string[] = [];
  const settings = await readSettings(api, problems);
  const count = await api.countTokens();
  const policies = await readPolicies(api, problems);
  const state = createInventory(settings);

  let cursor: string | null = null;
  let tokensRead = 0;
  let slicesRead = 0;
  const cursorsSeen = new Set<string>();
  options.onProgress?.(progressOf(0, count.total, 0));

  for (;;) {
    if (options.isCancelled?.()) {
      problems.push(
        `Reading stopped after ${tokensRead} of ${count.total} tokens.`
      );
      return { state, policies, count, problems, complete: false };
    }
    let slice: TokenSlice;
    try {
      // Slices are read one after another: each resumes at the cursor the
      // previous one returned.
      // eslint-disable-next-line no-await-in-loop -- sequential on purpose
      slice = normaliseSlice(await api.readTokenSlice(cursor));
    } catch (error) {
      problems.push(
        `Tokens after the first ${tokensRead} could not be read: ${errorText(error)}`
      );
      return { state, policies, count, problems, complete: false };
    }
    // eslint-disable-next-line no-await-in-loop -- sequential on purpose
    await addSliceInChunks(state, slice, {
      yieldBetweenChunks: options.yieldBetweenChunks
    });
    tokensRead += slice.tokens.length;
    slicesRead += 1;
    options.onProgress?.(progressOf(tokensRead, count.total, slicesRead));

    cursor = slice.nextCursor;
    if (cursor === null) {
      return { state, policies, count, problems, complete: true };
    }
    if (cursorsSeen.has(cursor)) {
      problems.push(
        `Reading stopped after ${tokensRead} tokens because the server returned a cursor it had returned before.`
      );
      return { state, policies, count, problems, complete: false };
    }
    cursorsSeen.add(cursor);
  }
}
