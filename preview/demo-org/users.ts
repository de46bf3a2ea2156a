/**
 * Generates the demo org's users: mostly ordinary staff, some inactive,
 * some frozen, a few integration users, and a small number who hold
 * powerful permissions through their profile or a permission set.
 */
import { runSteps, type GenerationSteps } from "./generation-steps";
import type { Random } from "./random";
import { demoRecordId } from "./salesforce-id";
import {
  grantedSystemPermissions,
  type PermissionSetName,
  type ProfileName,
  type SystemPermissionName
} from "./permission-catalog";
import { FIRST_NAMES, INTEGRATION_SYSTEMS, LAST_NAMES } from "./user-names";

/** A User record of the demo org, with the permissions it holds. */
export interface DemoUser {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  username: string;
  email: string;
  alias: string;
  profileName: ProfileName;
  isActive: boolean;
  /** True when an admin froze the login (UserLogin.IsFrozen). */
  isFrozen: boolean;
  /** ISO 8601 date and time. */
  createdDate: string;
  /** ISO 8601 date and time, or null for a user who never logged in. */
  lastLoginDate: string | null;
  permissionSetNames: PermissionSetName[];
  /** System permissions that the profile and permission sets grant together. */
  systemPermissions: SystemPermissionName[];
}

export interface UserGeneratorOptions {
  /** How many users to generate. */
  count: number;
  /** Sequence number of the first user's Id, after any fixed users. */
  firstSequence: number;
  /** The demo org's current time; every date lies before it. */
  now: Date;
  /** Domain of usernames and e-mail addresses. */
  domain: string;
  /** Usernames already taken, for example by the running users. */
  takenUsernames?: readonly string[];
}

export const USER_KEY_PREFIX = "005";

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ACCOUNT_AGE_DAYS = 6 * 365;

const PROFILE_WEIGHTS: readonly (readonly [ProfileName, number])[] = [
  ["System Administrator", 0.8],
  ["Standard User", 48],
  ["Custom: Sales Profile", 18],
  ["Custom: Support Profile", 14],
  ["Custom: Marketing Profile", 7],
  ["Read Only", 6],
  ["Minimum Access - Salesforce", 3],
  ["Chatter Free User", 2.6],
  ["Salesforce API Only System Integrations", 0.6]
];

/** Probability that a user of an ordinary profile is assigned each set. */
const PERMISSION_SET_RATES: readonly (readonly [PermissionSetName, number])[] =
  [
    ["Data_Steward", 0.003],
    ["Compliance_Auditor", 0.012],
    ["Release_Manager", 0.015],
    ["User_Administration", 0.01],
    ["Event_Monitoring_Analyst", 0.004]
  ];

const INACTIVE_RATE = 0.12;
const FROZEN_RATE = 0.02;
// Integration users often run with Modify All Data: a classic finding.
const INTEGRATION_DATA_STEWARD_RATE = 0.35;
const ADMIN_EVENT_MONITORING_RATE = 0.5;

/** Hands out unique usernames, numbering repeats of the same name. */
class UsernameAllocator {
  private readonly takenUsernames: Set<string>;

  constructor(
    private readonly domain: string,
    takenUsernames: readonly string[]
  ) {
    this.takenUsernames = new Set(takenUsernames);
  }

  allocate(firstName: string, lastName: string): string {
    const base = `${firstName}.${lastName}`
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "");
    let candidate = `${base}@${this.domain}`;
    for (let number = 2; this.takenUsernames.has(candidate); number += 1) {
      candidate = `${base}${number}@${this.domain}`;
    }
    this.takenUsernames.add(candidate);
    return candidate;
  }
}

/** Users generated between two yields of userGenerationSteps. */
const USERS_PER_STEP = 500;

/**
 * Generates `count` users step by step (see generation-steps.ts); the
 * same random stream yields the same users.
 */
export function* userGenerationSteps(
  random: Random,
  options: UserGeneratorOptions
): GenerationSteps<DemoUser[]> {
  const usernames = new UsernameAllocator(
    options.domain,
    options.takenUsernames ?? []
  );
  const users: DemoUser[] = [];
  for (let index = 0; index < options.count; index += 1) {
    users.push(
      generateUser(random, options, usernames, options.firstSequence + index)
    );
    if ((index + 1) % USERS_PER_STEP === 0) {
      yield;
    }
  }
  return users;
}

/** Returns `count` users; the same random stream yields the same users. */
export function generateUsers(
  random: Random,
  options: UserGeneratorOptions
): DemoUser[] {
  return runSteps(userGenerationSteps(random, options));
}

function generateUser(
  random: Random,
  options: UserGeneratorOptions,
  usernames: UsernameAllocator,
  sequence: number
): DemoUser {
  const profileName = random.weighted(PROFILE_WEIGHTS);
  const isIntegration =
    profileName === "Salesforce API Only System Integrations";
  const firstName = isIntegration ? "Integration" : random.pick(FIRST_NAMES);
  const lastName = isIntegration
    ? random.pick(INTEGRATION_SYSTEMS)
    : random.pick(LAST_NAMES);
  const permissionSetNames = drawPermissionSets(random, profileName);
  const isActive = !random.chance(INACTIVE_RATE);
  const isFrozen = isActive && random.chance(FROZEN_RATE);
  const createdDate = daysBefore(
    options.now,
    random.int(30, MAX_ACCOUNT_AGE_DAYS),
    random
  );
  const username = usernames.allocate(firstName, lastName);
  return {
    id: demoRecordId(USER_KEY_PREFIX, sequence),
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    username,
    email: username,
    alias: makeAlias(firstName, lastName),
    profileName,
    isActive,
    isFrozen,
    createdDate: createdDate.toISOString(),
    lastLoginDate: drawLastLogin(random, options.now, createdDate, {
      isActive,
      isFrozen
    }),
    permissionSetNames,
    systemPermissions: grantedSystemPermissions(profileName, permissionSetNames)
  };
}

function drawPermissionSets(
  random: Random,
  profileName: ProfileName
): PermissionSetName[] {
  if (profileName === "System Administrator") {
    return random.chance(ADMIN_EVENT_MONITORING_RATE)
      ? ["Event_Monitoring_Analyst"]
      : [];
  }
  if (profileName === "Salesforce API Only System Integrations") {
    return random.chance(INTEGRATION_DATA_STEWARD_RATE) ? ["Data_Steward"] : [];
  }
  return PERMISSION_SET_RATES.filter(([, rate]) => random.chance(rate)).map(
    ([name]) => name
  );
}

/**
 * Draws the last login: recent for most active users, older for frozen
 * and inactive ones, and never for some. It never precedes creation.
 */
function drawLastLogin(
  random: Random,
  now: Date,
  createdDate: Date,
  state: { isActive: boolean; isFrozen: boolean }
): string | null {
  let daysAgo: number;
  if (state.isFrozen) {
    daysAgo = random.int(10, 200);
  } else if (state.isActive) {
    const recency = random.weighted<"recent" | "stale" | "never">([
      ["recent", 85],
      ["stale", 10],
      ["never", 5]
    ]);
    if (recency === "never") {
      return null;
    }
    daysAgo = recency === "recent" ? random.int(0, 30) : random.int(31, 365);
  } else {
    if (random.chance(0.3)) {
      return null;
    }
    daysAgo = random.int(90, 900);
  }
  const login = daysBefore(now, daysAgo, random);
  return login < createdDate ? null : login.toISOString();
}

/** Returns a time `days` days before `now`, at a random time of day. */
function daysBefore(now: Date, days: number, random: Random): Date {
  const offsetMs = days * DAY_MS + random.int(0, DAY_MS / 1000 - 1) * 1000;
  return new Date(now.getTime() - offsetMs);
}

function makeAlias(firstName: string, lastName: string): string {
  const letters = (firstName.charAt(0) + lastName).replace(/[^A-Za-z]/g, "");
  return letters.slice(0, 8).toLowerCase();
}
