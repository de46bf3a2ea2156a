/**
 * Generates the demo org's OAuth tokens: which users hold which apps, how
 * many tokens each, when each was created and last used, and how often.
 * Tokens spread unevenly: a few power users hold many apps, most users a
 * handful, some none, and inactive and frozen users keep the tokens they
 * held before.
 */
import type { DemoAudience, DemoUsagePattern } from "./app-catalog";
import type { DemoApp } from "./connected-apps";
import {
  POWERFUL_PERMISSION_NAMES,
  type ProfileName,
  type SystemPermissionName
} from "./permission-catalog";
import { runSteps, type GenerationSteps } from "./generation-steps";
import type { Random } from "./random";
import type { DemoPersona } from "./running-users";
import { compareTokenOrder } from "./token-order";
import type { DemoUser } from "./users";

/** One OauthToken row of the demo org, without its secret fields. */
export interface DemoOAuthToken {
  userId: string;
  appName: string | null;
  /** AppMenuItem.ApplicationId, or null when the token has no menu item. */
  applicationId: string | null;
  appMenuItemId: string | null;
  /** UTC epoch milliseconds, whole seconds as in CreatedDate. */
  createdAt: number;
  /** UTC epoch milliseconds, or null when never used. */
  lastUsedAt: number | null;
  useCount: number;
}

export interface TokenGeneratorOptions {
  apps: readonly DemoApp[];
  /** Every user of the org, the running users included. */
  users: readonly DemoUser[];
  runningUsers: Readonly<Record<DemoPersona, DemoUser>>;
  now: Date;
  /** Tokens to generate, unless the users cannot hold that many. */
  tokenCount: number;
}

/** The platform keeps at most five tokens per user and app. */
export const MAX_TOKENS_PER_USER_AND_APP = 5;
/** No token is older than this many days. */
export const MAX_TOKEN_AGE_DAYS = 3 * 365;

const DAY_MS = 24 * 60 * 60 * 1000;
const SECOND_MS = 1000;
/** A user must have had this long to authorise an app to hold a token. */
const MIN_WINDOW_MS = DAY_MS;
/** Span of activity of an inactive user who never logged in. */
const NEVER_LOGGED_IN_WINDOW_MS = 30 * DAY_MS;

/** Relative weights of users by how many apps they tend to authorise. */
const ACTIVITY_WEIGHTS: readonly (readonly [number, number])[] = [
  [0.3, 30],
  [1, 45],
  [2.5, 18],
  // Power users, who authorise almost every app they come across.
  [8, 7]
];
/** Inactive users held fewer tokens than active ones when they left. */
const INACTIVE_ACTIVITY_FACTOR = 0.6;

/**
 * Likelihood that each profile authorises an app of each audience,
 * relative to the best-matched profile. A profile missing from a list gets
 * DEFAULT_AFFINITY, except that only the listed profiles authorise
 * integration apps and integration users authorise nothing else.
 */
const AUDIENCE_AFFINITY: Record<
  DemoAudience,
  Partial<Record<ProfileName, number>>
> = {
  everyone: {
    "System Administrator": 1,
    "Standard User": 1,
    "Custom: Sales Profile": 1,
    "Custom: Support Profile": 1,
    "Custom: Marketing Profile": 1,
    "Read Only": 0.6,
    "Minimum Access - Salesforce": 0.15,
    "Chatter Free User": 0.2
  },
  sales: {
    "Custom: Sales Profile": 1,
    "Standard User": 0.35,
    "System Administrator": 0.3,
    "Custom: Marketing Profile": 0.2
  },
  support: {
    "Custom: Support Profile": 1,
    "Standard User": 0.3,
    "System Administrator": 0.2
  },
  marketing: {
    "Custom: Marketing Profile": 1,
    "Custom: Sales Profile": 0.25,
    "Standard User": 0.25,
    "System Administrator": 0.2
  },
  admins: {
    "System Administrator": 1,
    "Standard User": 0.02,
    "Custom: Sales Profile": 0.01,
    "Custom: Support Profile": 0.01,
    "Custom: Marketing Profile": 0.01
  },
  integration: {
    "Salesforce API Only System Integrations": 1,
    "System Administrator": 0.02
  }
};
const DEFAULT_AFFINITY = 0.05;
/** Users with admin-level permissions often try admin tools too. */
const POWERFUL_USER_ADMIN_AFFINITY = 0.5;
const ADMIN_TOOL_PERMISSIONS: readonly SystemPermissionName[] = [
  "ModifyAllData",
  "CustomizeApplication",
  "ManageUsers"
];

const NEVER_USED_RATE: Record<DemoUsagePattern, number> = {
  constant: 0.01,
  regular: 0.04,
  occasional: 0.1,
  dormant: 0.2
};

/** Chance that an older token of a user stopped being used once a newer one came. */
const SUPERSEDED_RATE = 0.5;

/** A candidate holder: a user with the span in which they used apps. */
interface Candidate {
  user: DemoUser;
  /** UTC epoch milliseconds: account creation. */
  start: number;
  /** UTC epoch milliseconds: now, or the last login of an inactive user. */
  end: number;
  /** Relative weight of the user's habit of authorising apps. */
  activity: number;
}

interface ActivityWindow {
  start: number;
  end: number;
}

/** A user's tokens of one app, before their dates are drawn. */
interface Grant {
  app: DemoApp;
  user: DemoUser;
  window: ActivityWindow;
  tokenCount: number;
  /** Running users' grants keep their count when totals are adjusted. */
  fixed: boolean;
}

function holdsPowerfulPermission(user: DemoUser): boolean {
  return user.systemPermissions.some((permission) =>
    ADMIN_TOOL_PERMISSIONS.includes(permission)
  );
}

function isOrdinaryActiveUser(user: DemoUser): boolean {
  return (
    user.isActive &&
    !user.isFrozen &&
    !user.systemPermissions.some((permission) =>
      POWERFUL_PERMISSION_NAMES.includes(permission)
    )
  );
}

function audienceAffinity(user: DemoUser, audience: DemoAudience): number {
  const isIntegrationUser =
    user.profileName === "Salesforce API Only System Integrations";
  if (isIntegrationUser && audience !== "integration") {
    return 0;
  }
  const affinity = AUDIENCE_AFFINITY[audience][user.profileName];
  if (audience === "integration") {
    return affinity ?? 0;
  }
  if (audience === "admins" && holdsPowerfulPermission(user)) {
    return Math.max(affinity ?? 0, POWERFUL_USER_ADMIN_AFFINITY);
  }
  return affinity ?? DEFAULT_AFFINITY;
}

/** Returns the span in which a user could have authorised and used apps. */
function activityWindow(user: DemoUser, now: number): ActivityWindow {
  const start = Date.parse(user.createdDate);
  if (user.isActive && !user.isFrozen) {
    return { start, end: now };
  }
  const end =
    user.lastLoginDate === null
      ? Math.min(now, start + NEVER_LOGGED_IN_WINDOW_MS)
      : Date.parse(user.lastLoginDate);
  return { start, end };
}

/** Returns the earliest time a token of the app can have been created. */
function appStart(app: DemoApp, now: number): number {
  const ageDays = Math.min(
    app.definition.introducedDaysAgo,
    MAX_TOKEN_AGE_DAYS
  );
  return now - ageDays * DAY_MS;
}

/** Narrows a user's span to the time the app has existed, or returns null. */
function grantWindow(
  start: number,
  end: number,
  earliest: number
): ActivityWindow | null {
  const from = Math.max(start, earliest);
  return end - from >= MIN_WINDOW_MS ? { start: from, end } : null;
}

function drawTokenCount(random: Random, extraTokenRate: number): number {
  let count = 1;
  while (count < MAX_TOKENS_PER_USER_AND_APP && random.chance(extraTokenRate)) {
    count += 1;
  }
  return count;
}

/**
 * Returns the indices of `count` candidates picked without replacement,
 * each as likely as its weight allows, by the Efraimidis-Spirakis method:
 * each candidate gets the key u^(1/weight) and the largest keys win. The
 * keys are compared as logarithms, so tiny weights do not underflow.
 */
function pickWeighted(
  random: Random,
  weights: Float64Array,
  count: number
): number[] {
  const keys = new Float64Array(weights.length);
  const eligible: number[] = [];
  for (let index = 0; index < weights.length; index += 1) {
    // Draw for every candidate, so that weights never shift the stream.
    const draw = random.next();
    const weight = weights[index] as number;
    if (weight > 0) {
      keys[index] = Math.log(draw) / weight;
      eligible.push(index);
    }
  }
  eligible.sort(
    (first, second) => (keys[second] as number) - (keys[first] as number)
  );
  return eligible.slice(0, count);
}

function runningUserGrants(
  app: DemoApp,
  options: TokenGeneratorOptions
): Grant[] {
  const grants: Grant[] = [];
  const now = options.now.getTime();
  for (const [persona, tokenCount] of Object.entries(
    app.definition.runningUserTokens ?? {}
  )) {
    const user = options.runningUsers[persona as DemoPersona];
    const span = activityWindow(user, now);
    const window = grantWindow(span.start, span.end, appStart(app, now));
    if (window && tokenCount > 0) {
      grants.push({ app, user, window, tokenCount, fixed: true });
    }
  }
  return grants;
}

/** Chooses the holders of one app and how many tokens each holds. */
function drawAppGrants(
  random: Random,
  app: DemoApp,
  candidates: readonly Candidate[],
  options: TokenGeneratorOptions
): Grant[] {
  const definition = app.definition;
  const earliest = appStart(app, options.now.getTime());
  const weights = new Float64Array(candidates.length);
  candidates.forEach((candidate, index) => {
    if (
      definition.approvedHoldersOnly &&
      !isOrdinaryActiveUser(candidate.user)
    ) {
      return;
    }
    if (candidate.end - Math.max(candidate.start, earliest) >= MIN_WINDOW_MS) {
      weights[index] =
        candidate.activity *
        audienceAffinity(candidate.user, definition.audience);
    }
  });
  const holderCount = Math.round(definition.holderShare * options.users.length);
  const holders = pickWeighted(random, weights, holderCount);
  if (definition.heldByAllAdmins) {
    const chosen = new Set(holders);
    candidates.forEach((candidate, index) => {
      if (
        candidate.user.profileName === "System Administrator" &&
        (weights[index] as number) > 0 &&
        !chosen.has(index)
      ) {
        holders.push(index);
      }
    });
  }
  return holders.map((index) => {
    const candidate = candidates[index] as Candidate;
    return {
      app,
      user: candidate.user,
      window: grantWindow(
        candidate.start,
        candidate.end,
        earliest
      ) as ActivityWindow,
      tokenCount: drawTokenCount(random, definition.extraTokenRate),
      fixed: false
    };
  });
}

/** Shuffles in place with Fisher-Yates. */
function shuffle<Item>(random: Random, items: Item[]): Item[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [items[index], items[other]] = [items[other] as Item, items[index] as Item];
  }
  return items;
}

/**
 * Adds or removes single tokens across randomly ordered grants until the
 * total is `target`. Removing goes down to one token per grant first and
 * then drops whole grants. Running users' grants stay as they are. When
 * every grant already has the maximum, the total stays below target.
 */
function adjustTotal(random: Random, grants: Grant[], target: number): Grant[] {
  let total = grants.reduce((sum, grant) => sum + grant.tokenCount, 0);
  const adjustable = shuffle(
    random,
    grants.filter((grant) => !grant.fixed)
  );
  const step = total < target ? 1 : -1;
  // The minimum a grant keeps: one token, then none once that is not enough.
  for (const floor of step > 0 ? [0] : [1, 0]) {
    let changed = true;
    while (total !== target && changed) {
      changed = false;
      for (const grant of adjustable) {
        if (total === target) {
          break;
        }
        const next = grant.tokenCount + step;
        if (next >= floor && next <= MAX_TOKENS_PER_USER_AND_APP) {
          grant.tokenCount = next;
          total += step;
          changed = true;
        }
      }
    }
  }
  return grants.filter((grant) => grant.tokenCount > 0);
}

function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / SECOND_MS) * SECOND_MS;
}

/** Days between a token's last use and the end of its use, by pattern. */
function drawUseGapDays(random: Random, usage: DemoUsagePattern): number {
  const draw = random.next();
  switch (usage) {
    case "constant":
      return 2 * draw ** 3;
    case "regular":
      return 30 * draw ** 2;
    case "occasional":
      return 240 * draw ** 1.5;
    default:
      return 60 + 640 * draw;
  }
}

/** Draws distinct creation times, oldest first, skewed towards recent ones. */
function drawCreationTimes(random: Random, grant: Grant): number[] {
  const { start, end } = grant.window;
  const span = end - start;
  const times: number[] = [];
  while (times.length < grant.tokenCount) {
    const time = wholeSeconds(end - span * random.next() ** 1.5);
    // Two tokens of one user and app never share a creation time, because
    // the inventory would count them as one.
    if (!times.includes(time)) {
      times.push(time);
    }
  }
  return times.sort((first, second) => first - second);
}

function appNameAt(
  app: DemoApp,
  createdAt: number,
  now: number
): string | null {
  const { formerName, renamedDaysAgo, name } = app.definition;
  if (formerName !== undefined && renamedDaysAgo !== undefined) {
    return createdAt < now - renamedDaysAgo * DAY_MS ? formerName : name;
  }
  return name;
}

/** Creates the tokens of one grant and appends them to `tokens`. */
function addGrantTokens(
  random: Random,
  grant: Grant,
  now: number,
  tokens: DemoOAuthToken[]
): void {
  const { app, user, window } = grant;
  const definition = app.definition;
  const creationTimes = drawCreationTimes(random, grant);
  creationTimes.forEach((createdAt, index) => {
    const missingMenuItem = random.chance(definition.missingMenuItemShare ?? 0);
    const token: DemoOAuthToken = {
      userId: user.id,
      appName: appNameAt(app, createdAt, now),
      applicationId: missingMenuItem ? null : app.applicationId,
      appMenuItemId: missingMenuItem ? null : app.appMenuItemId,
      createdAt,
      lastUsedAt: null,
      useCount: 0
    };
    tokens.push(token);
    if (random.chance(NEVER_USED_RATE[definition.usage])) {
      return;
    }
    // An older token often stops being used soon after a newer one is
    // issued to the same user, for example on a new phone.
    const newer = creationTimes[index + 1];
    const usedUntil =
      newer !== undefined && random.chance(SUPERSEDED_RATE)
        ? Math.min(window.end, newer + random.next() * 3 * DAY_MS)
        : window.end;
    const gapMs = drawUseGapDays(random, definition.usage) * DAY_MS;
    const lastUsedAt = wholeSeconds(
      Math.max(createdAt + 60 * SECOND_MS, usedUntil - gapMs)
    );
    token.lastUsedAt = Math.min(lastUsedAt, wholeSeconds(now));
    const daysInUse = Math.max(1, (token.lastUsedAt - createdAt) / DAY_MS);
    token.useCount = Math.max(
      1,
      Math.round(
        daysInUse * definition.usesPerDay * (0.1 + 1.9 * random.next())
      )
    );
  });
}

/** Grants whose tokens are created between two yields. */
const GRANTS_PER_STEP = 500;

/**
 * Generates the org's tokens step by step (see generation-steps.ts) and
 * returns them in the order Apex reads them: CreatedDate, then UserId,
 * then AppName. The same random stream and options yield the same tokens.
 */
export function* tokenGenerationSteps(
  random: Random,
  options: TokenGeneratorOptions
): GenerationSteps<DemoOAuthToken[]> {
  const now = options.now.getTime();
  const runningUserIds = new Set(
    Object.values(options.runningUsers).map((user) => user.id)
  );
  const candidates: Candidate[] = [];
  for (const user of options.users) {
    // Every user draws, running users too, so that the stream does not
    // depend on which users run the demo.
    const weight = random.weighted(ACTIVITY_WEIGHTS);
    if (!runningUserIds.has(user.id)) {
      candidates.push({
        user,
        ...activityWindow(user, now),
        activity: user.isActive ? weight : weight * INACTIVE_ACTIVITY_FACTOR
      });
    }
  }
  yield;

  let grants: Grant[] = [];
  for (const app of options.apps) {
    grants.push(...runningUserGrants(app, options));
    grants.push(...drawAppGrants(random, app, candidates, options));
    yield;
  }
  grants = adjustTotal(random, grants, options.tokenCount);
  yield;

  const tokens: DemoOAuthToken[] = [];
  for (let start = 0; start < grants.length; start += GRANTS_PER_STEP) {
    for (const grant of grants.slice(start, start + GRANTS_PER_STEP)) {
      addGrantTokens(random, grant, now, tokens);
    }
    yield;
  }
  return tokens.sort(compareTokenOrder);
}

/** Generates the org's tokens at once; see tokenGenerationSteps. */
export function generateTokens(
  random: Random,
  options: TokenGeneratorOptions
): DemoOAuthToken[] {
  return runSteps(tokenGenerationSteps(random, options));
}
