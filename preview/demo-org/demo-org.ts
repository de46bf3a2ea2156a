/**
 * The demo org: generated records in place of a Salesforce org in the
 * local preview. Each slice of records has its own generator module and
 * its own random stream, and is generated on first use: users, then
 * apps with their connected app policies, then OAuth tokens. Event
 * activity is to follow. Transaction security policies and the records
 * they read are fixed lists.
 */
import type {
  AllowlistEntry,
  GuardSetting,
  IndicatorRule,
  PolicyStatus
} from "oauth-guard/dto";
import { APP_CATALOG } from "./app-catalog";
import { generateApps, type DemoApp } from "./connected-apps";
import {
  runSteps,
  runStepsInTasks,
  type GenerationSteps
} from "./generation-steps";
import { tokenGenerationSteps, type DemoOAuthToken } from "./oauth-tokens";
import { DEMO_ALLOWLIST_ENTRIES, DEMO_POLICY_RECORDS } from "./policy-records";
import { createRandom } from "./random";
import { createRunningUsers, type DemoPersona } from "./running-users";
import { userGenerationSteps, type DemoUser } from "./users";

export interface DemoOrgOptions {
  /** Seed of every generator: the same seed yields the same org. */
  seed?: number;
  /** The org's current time, fixed so that dates are reproducible too. */
  now?: Date;
  /** Number of users, the two running users included. */
  userCount?: number;
  /** Number of OAuth tokens; TOKENS_PER_USER per user unless given. */
  tokenCount?: number;
  /** OAuth_Guard_Setting__mdt records; DEFAULT_SETTING_RECORDS unless given. */
  settingRecords?: readonly GuardSetting[];
  /** TransactionSecurityPolicy records; DEMO_POLICY_RECORDS unless given. */
  policyRecords?: readonly PolicyStatus[];
  /**
   * OAuth_Guard_Allowlist_Entry__mdt records; DEMO_ALLOWLIST_ENTRIES unless
   * given.
   */
  allowlistEntries?: readonly AllowlistEntry[];
  /** OAuth_Guard_Indicator_Rule__mdt records; none unless given. */
  indicatorRules?: readonly IndicatorRule[];
}

export const DEFAULT_SEED = 20240611;
export const DEFAULT_NOW = new Date("2025-06-02T09:00:00.000Z");
export const DEFAULT_USER_COUNT = 5000;
/** Tokens per user when the token count is not given: 60,000 for 5,000 users. */
export const TOKENS_PER_USER = 12;
export const DEMO_DOMAIN = "acme-demo.example";

/** The two setting records the inventory reads, at their shipped values. */
export const DEFAULT_SETTING_RECORDS: readonly GuardSetting[] = [
  { name: "OldAfterDays", value: "180" },
  { name: "StaleAfterDays", value: "90" }
];

function compareText(first: string, second: string): number {
  if (first < second) {
    return -1;
  }
  return first > second ? 1 : 0;
}

export class DemoOrg {
  readonly seed: number;
  readonly now: Date;
  readonly userCount: number;
  readonly tokenCount: number;
  /** OAuth_Guard_Setting__mdt records as getSettings returns them. */
  readonly settingRecords: readonly GuardSetting[];
  readonly policyRecords: readonly PolicyStatus[];
  /** Allowlist and indicator rule records, sorted by name as Apex reads them. */
  readonly allowlistEntries: readonly AllowlistEntry[];
  readonly indicatorRules: readonly IndicatorRule[];
  /** Event Monitoring licence: real-time event objects exist. */
  readonly hasEventMonitoring = true;
  readonly runningUsers: Readonly<Record<DemoPersona, DemoUser>>;
  private usersSlice: DemoUser[] | undefined;
  private usersById: Map<string, DemoUser> | undefined;
  private appsSlice: DemoApp[] | undefined;
  private tokensSlice: DemoOAuthToken[] | undefined;
  private tokensLoading: Promise<DemoOAuthToken[]> | undefined;
  private tokensByUser: Map<string, DemoOAuthToken[]> | undefined;

  constructor(options: DemoOrgOptions = {}) {
    this.seed = options.seed ?? DEFAULT_SEED;
    this.now = new Date(options.now ?? DEFAULT_NOW);
    this.userCount = options.userCount ?? DEFAULT_USER_COUNT;
    if (!Number.isInteger(this.userCount) || this.userCount < 2) {
      throw new RangeError(
        `userCount must be an integer of at least 2 (the running users), got ${this.userCount}.`
      );
    }
    this.tokenCount = options.tokenCount ?? this.userCount * TOKENS_PER_USER;
    if (!Number.isInteger(this.tokenCount) || this.tokenCount < 0) {
      throw new RangeError(
        `tokenCount must be a whole number of 0 or more, got ${this.tokenCount}.`
      );
    }
    this.settingRecords = [
      ...(options.settingRecords ?? DEFAULT_SETTING_RECORDS)
    ].sort((first, second) => compareText(first.name, second.name));
    this.policyRecords = options.policyRecords ?? DEMO_POLICY_RECORDS;
    this.allowlistEntries = [
      ...(options.allowlistEntries ?? DEMO_ALLOWLIST_ENTRIES)
    ].sort((first, second) => compareText(first.name, second.name));
    this.indicatorRules = [...(options.indicatorRules ?? [])].sort(
      (first, second) => compareText(first.name, second.name)
    );
    this.runningUsers = createRunningUsers(this.now, DEMO_DOMAIN);
  }

  /** Every user, running users first, then the generated ones. */
  get users(): readonly DemoUser[] {
    this.usersSlice ??= runSteps(this.userSteps());
    return this.usersSlice;
  }

  private *userSteps(): GenerationSteps<DemoUser[]> {
    const fixed = [this.runningUsers.admin, this.runningUsers.viewer];
    const generated = yield* userGenerationSteps(
      createRandom(this.seed, "users"),
      {
        count: this.userCount - fixed.length,
        firstSequence: fixed.length,
        now: this.now,
        domain: DEMO_DOMAIN,
        takenUsernames: fixed.map((user) => user.username)
      }
    );
    return [...fixed, ...generated];
  }

  /** Returns the user with this 18-character Id, or undefined. */
  userById(userId: string): DemoUser | undefined {
    this.usersById ??= new Map(this.users.map((user) => [user.id, user]));
    return this.usersById.get(userId);
  }

  /**
   * Every app that has tokens or is installed, from the app catalogue:
   * connected apps, external client apps and apps known only by name.
   */
  get apps(): readonly DemoApp[] {
    this.appsSlice ??= generateApps(
      createRandom(this.seed, "connectedApps"),
      APP_CATALOG,
      this.now
    );
    return this.appsSlice;
  }

  /** Every OAuth token, in the order Apex reads them (see token-order.ts). */
  get oauthTokens(): readonly DemoOAuthToken[] {
    this.tokensSlice ??= runSteps(this.tokenSteps());
    return this.tokensSlice;
  }

  /**
   * Resolves to every OAuth token like oauthTokens, but generates them in
   * tasks of about `budgetMs` milliseconds, so that a page that generates
   * its demo org stays responsive.
   */
  async loadOAuthTokens(budgetMs = 8): Promise<readonly DemoOAuthToken[]> {
    this.tokensLoading ??= runStepsInTasks(this.tokenSteps(), budgetMs);
    const tokens = await this.tokensLoading;
    // A call of the oauthTokens getter during the load generated the same
    // tokens: keep the first array, so that every caller shares it.
    this.tokensSlice ??= tokens;
    return this.tokensSlice;
  }

  private *tokenSteps(): GenerationSteps<DemoOAuthToken[]> {
    this.usersSlice ??= yield* this.userSteps();
    return yield* tokenGenerationSteps(createRandom(this.seed, "oauthTokens"), {
      apps: this.apps,
      users: this.usersSlice,
      runningUsers: this.runningUsers,
      now: this.now,
      tokenCount: this.tokenCount
    });
  }

  /**
   * Removes revoked tokens, as revoking deletes an OauthToken row. The
   * tokens array is replaced, not changed in place, so a caller holding
   * the earlier array keeps a consistent list.
   */
  removeOAuthTokens(removed: ReadonlySet<DemoOAuthToken>): void {
    this.tokensSlice = this.oauthTokens.filter((token) => !removed.has(token));
    this.tokensByUser = undefined;
  }

  /** Returns one user's tokens, in the order Apex reads them. */
  tokensOfUser(userId: string): readonly DemoOAuthToken[] {
    if (!this.tokensByUser) {
      this.tokensByUser = new Map();
      for (const token of this.oauthTokens) {
        const userTokens = this.tokensByUser.get(token.userId);
        if (userTokens) {
          userTokens.push(token);
        } else {
          this.tokensByUser.set(token.userId, [token]);
        }
      }
    }
    return this.tokensByUser.get(userId) ?? [];
  }
}
