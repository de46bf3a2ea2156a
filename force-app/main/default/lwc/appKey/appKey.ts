/**
 * Identity of the app behind an OAuth token: the key that groups its
 * tokens, its kind, and the ConnectedApplication record that matches it.
 *
 * Keys:
 * - `id:<18-character id>` when the token's AppMenuItem.ApplicationId is a
 *   valid Salesforce id (15-character ids are converted to 18);
 * - `name:<AppName>` when there is no usable id but an AppName;
 * - `unknown` when the row has neither.
 */
import type { ConnectedAppPolicy, OAuthTokenRow } from "oauth-guard/dto";

export type AppKind = "connected-app" | "external-client-app" | "unknown";

export const UNKNOWN_APP_KEY = "unknown";

export interface AppIdentity {
  key: string;
  /** The 18-character application id, or null when the row had none. */
  applicationId: string | null;
  /** The token's AppName, trimmed, or null when empty. */
  appName: string | null;
  kind: AppKind;
}

const ID_CHARACTERS = /^[a-zA-Z0-9]+$/;
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

function isUpperCaseLetter(character: string): boolean {
  return character >= "A" && character <= "Z";
}

/** Computes the three-character case suffix of a 15-character id. */
function caseSuffix(id15: string): string {
  let suffix = "";
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      if (isUpperCaseLetter(id15.charAt(block * 5 + position))) {
        bits |= 1 << position;
      }
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * Restores the case of the first 15 characters from an 18-character id's
 * suffix, which exists so that case-insensitive systems keep ids intact.
 * Returns null when the suffix marks a digit as upper case.
 */
function restoreCase(id18: string): string | null {
  let restored = "";
  for (let block = 0; block < 3; block += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + block).toUpperCase());
    if (bits < 0) {
      return null;
    }
    for (let position = 0; position < 5; position += 1) {
      const character = id18.charAt(block * 5 + position);
      const upper = (bits & (1 << position)) !== 0;
      if (upper && !/[a-zA-Z]/.test(character)) {
        return null;
      }
      restored += upper ? character.toUpperCase() : character.toLowerCase();
    }
  }
  return restored;
}

/**
 * Converts a Salesforce record id to its 18-character form. A 15-character
 * id gains its case suffix. An 18-character id is checked against its
 * suffix, and its first 15 characters take the case the suffix encodes.
 * Returns null for anything that is not a 15- or 18-character id.
 */
export function toEighteenCharacterId(id: string): string | null {
  const trimmed = id.trim();
  if (!ID_CHARACTERS.test(trimmed)) {
    return null;
  }
  if (trimmed.length === 15) {
    return trimmed + caseSuffix(trimmed);
  }
  if (trimmed.length === 18) {
    if (caseSuffix(trimmed) === trimmed.slice(15)) {
      return trimmed;
    }
    const restored = restoreCase(trimmed);
    return restored === null ? null : restored + caseSuffix(restored);
  }
  return null;
}

/**
 * Returns the kind of app an application id belongs to, by key prefix:
 * `0H4` is ConnectedApplication. `0xI` is taken to be an external client
 * app. Ids are case-sensitive, so `0XI` is not.
 */
export function appKindOf(applicationId: string | null): AppKind {
  if (applicationId === null) {
    return "unknown";
  }
  if (applicationId.startsWith("0H4")) {
    return "connected-app";
  }
  // NOTE: the 0xI prefix is secondary evidence. The sfdx-hardis tool treats
  // AppMenuItem.ApplicationId values starting with 0xI as external client
  // apps, but no Salesforce documentation read for this module lists it.
  if (applicationId.startsWith("0xI")) {
    return "external-client-app";
  }
  return "unknown";
}

function trimmedOrNull(value: string | null): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/** Identifies the app of one token row. */
export function identifyApp(
  token: Pick<OAuthTokenRow, "applicationId" | "appName">
): AppIdentity {
  const applicationId =
    token.applicationId === null
      ? null
      : toEighteenCharacterId(token.applicationId);
  const appName = trimmedOrNull(token.appName);
  if (applicationId !== null) {
    return {
      key: `id:${applicationId}`,
      applicationId,
      appName,
      kind: appKindOf(applicationId)
    };
  }
  if (appName !== null) {
    return {
      key: `name:${appName}`,
      applicationId: null,
      appName,
      kind: "unknown"
    };
  }
  return {
    key: UNKNOWN_APP_KEY,
    applicationId: null,
    appName: null,
    kind: "unknown"
  };
}

/** Field on which an app matched its ConnectedApplication record, if any. */
export type PolicyMatch = "application-id" | "name" | "none";

export interface PolicyIndex {
  byApplicationId: ReadonlyMap<string, ConnectedAppPolicy>;
  byName: ReadonlyMap<string, ConnectedAppPolicy[]>;
}

/** Indexes ConnectedApplication policies by 18-character id and by name. */
export function indexPolicies(
  policies: readonly ConnectedAppPolicy[]
): PolicyIndex {
  const byApplicationId = new Map<string, ConnectedAppPolicy>();
  const byName = new Map<string, ConnectedAppPolicy[]>();
  for (const policy of policies) {
    const id = toEighteenCharacterId(policy.applicationId);
    if (id !== null) {
      byApplicationId.set(id, policy);
    }
    const name = trimmedOrNull(policy.name);
    if (name !== null) {
      const named = byName.get(name) ?? [];
      named.push(policy);
      byName.set(name, named);
    }
  }
  return { byApplicationId, byName };
}

export interface PolicyLookup {
  policy: ConnectedAppPolicy | null;
  match: PolicyMatch;
}

/**
 * Finds the ConnectedApplication record of an app. An app keyed by id
 * matches on id only. An app keyed by name (its token rows had no menu
 * item) matches a record of exactly that name, and only when one record
 * has it, because two apps may share a name.
 */
export function findPolicy(
  identity: AppIdentity,
  index: PolicyIndex
): PolicyLookup {
  if (identity.applicationId !== null) {
    const policy = index.byApplicationId.get(identity.applicationId) ?? null;
    return { policy, match: policy ? "application-id" : "none" };
  }
  if (identity.appName !== null) {
    const named = index.byName.get(identity.appName) ?? [];
    const only = named.length === 1 ? named[0] : undefined;
    if (only) {
      return { policy: only, match: "name" };
    }
  }
  return { policy: null, match: "none" };
}
