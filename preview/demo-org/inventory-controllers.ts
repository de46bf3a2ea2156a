/**
 * The demo org's side of GuardSettingsController and
 * TokenInventoryController: the same results, errors and visibility
 * rules as the Apex classes, computed from the generated records.
 */
import type {
  ConnectedAppPolicy,
  GuardSetting,
  OAuthTokenRow,
  TokenCount,
  TokenHolder,
  TokenSlice
} from "oauth-guard/dto";
import { AuraHandledException } from "./apex-error";
import type { ApexCallContext } from "./apex-method";
import type { DemoOAuthToken } from "./oauth-tokens";
import type { SystemPermissionName } from "./permission-catalog";
import {
  decodeTokenCursor,
  encodeTokenCursor,
  InvalidCursorError
} from "./token-cursor";
import { readSlice } from "./token-slices";
import type { DemoUser } from "./users";

/**
 * Labels of the powerful permissions, in the order of Apex
 * PowerfulPermissions.LABELS. The demo org does not track Author Apex.
 */
const POWERFUL_PERMISSION_LABELS: readonly (readonly [
  SystemPermissionName,
  string
])[] = [
  ["ModifyAllData", "Modify All Data"],
  ["ViewAllData", "View All Data"],
  ["CustomizeApplication", "Customize Application"],
  ["ManageUsers", "Manage Users"]
];

/**
 * Returns a copy without the fields whose value is null, because Apex
 * leaves null fields out of the JSON it returns to components.
 */
export function withoutNullFields<Dto extends object>(dto: Dto): Dto {
  return Object.fromEntries(
    Object.entries(dto).filter(([, value]) => value !== null)
  ) as Dto;
}

/**
 * Customize Application shows every user's tokens; without it a user
 * reads only their own.
 */
function seesAllUsers(runningUser: DemoUser): boolean {
  return runningUser.systemPermissions.includes("CustomizeApplication");
}

function visibleTokens({
  org,
  runningUser
}: ApexCallContext): readonly DemoOAuthToken[] {
  return seesAllUsers(runningUser)
    ? org.oauthTokens
    : org.tokensOfUser(runningUser.id);
}

function toTokenRow(token: DemoOAuthToken): OAuthTokenRow {
  return withoutNullFields({
    applicationId: token.applicationId,
    appMenuItemId: token.appMenuItemId,
    appName: token.appName,
    userId: token.userId,
    createdDate: new Date(token.createdAt).toISOString(),
    lastUsedDate:
      token.lastUsedAt === null
        ? null
        : new Date(token.lastUsedAt).toISOString(),
    useCount: token.useCount
  });
}

function toTokenHolder(user: DemoUser): TokenHolder {
  const granted = new Set(user.systemPermissions);
  return {
    userId: user.id,
    name: user.name,
    username: user.username,
    isActive: user.isActive,
    isFrozen: user.isFrozen,
    powerfulPermissions: POWERFUL_PERMISSION_LABELS.filter(([permission]) =>
      granted.has(permission)
    ).map(([, label]) => label)
  };
}

/** Returns the holders of a slice's tokens, once each, in order of first token. */
function holdersOf(
  context: ApexCallContext,
  tokens: readonly DemoOAuthToken[]
): TokenHolder[] {
  const holders = new Map<string, TokenHolder>();
  for (const token of tokens) {
    const user = context.org.userById(token.userId);
    if (user && !holders.has(user.id)) {
      holders.set(user.id, toTokenHolder(user));
    }
  }
  return [...holders.values()];
}

/** GuardSettingsController.getSettings: every setting record, by name. */
export function getSettings({ org }: ApexCallContext): GuardSetting[] {
  return org.settingRecords.map((record) => ({ ...record }));
}

/** TokenInventoryController.countTokens. */
export function countTokens(context: ApexCallContext): TokenCount {
  return {
    total: visibleTokens(context).length,
    seesAllUsers: seesAllUsers(context.runningUser)
  };
}

/**
 * TokenInventoryController.readTokenSlice: throws AuraHandledException
 * with the Apex message for a cursor that cannot be decoded.
 */
export function readTokenSlice(
  context: ApexCallContext,
  cursor: string | null | undefined
): TokenSlice {
  let after;
  try {
    after = decodeTokenCursor(cursor);
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new AuraHandledException(
        `The token cursor is invalid because ${error.message}. Start again ` +
          "from the first slice, without a cursor."
      );
    }
    throw error;
  }
  const slice = readSlice(visibleTokens(context), after);
  return withoutNullFields({
    tokens: slice.tokens.map(toTokenRow),
    holders: holdersOf(context, slice.tokens),
    nextCursor: slice.nextCursor ? encodeTokenCursor(slice.nextCursor) : null,
    problems: slice.problems
  });
}

/**
 * TokenInventoryController.listConnectedApps: one policy per installed
 * app, sorted by name as SOQL sorts text, without regard to case.
 */
export function listConnectedApps({
  org
}: ApexCallContext): ConnectedAppPolicy[] {
  return org.apps
    .flatMap((app) => (app.policy ? [withoutNullFields(app.policy)] : []))
    .sort((first, second) =>
      first.name.toLowerCase().localeCompare(second.name.toLowerCase())
    );
}
