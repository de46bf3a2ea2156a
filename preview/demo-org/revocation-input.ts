/**
 * Checks of a revocation request's input, with the messages of Apex
 * AppTokenFilter and RevocationRequests, for the demo controller.
 */
import { toEighteenCharacterId, UNKNOWN_APP_KEY } from "c/appKey";
import { AuraHandledException } from "./apex-error";
import { cleanText } from "./audit-ledger";
import type { DemoOAuthToken } from "./oauth-tokens";
import { HANDLE_PATTERN } from "./token-handles";
import { SLICE_SIZE } from "./token-slices";
import { USER_KEY_PREFIX } from "./users";

/** Longest reason stored, the length of Reason__c. */
export const MAXIMUM_REASON_LENGTH = 255;
/** Most handles one Selection request names. */
export const MAXIMUM_SELECTED_TOKENS = 2000;

/**
 * Checks an app key as AppTokenFilter.forApp parses it: `id:` and an
 * 18-character id in its canonical case, `name:` and a trimmed name, or
 * `unknown`.
 */
export function checkAppKey(appKey: string | null | undefined): string {
  const key = appKey ?? "";
  if (key === UNKNOWN_APP_KEY) {
    return key;
  }
  if (key.startsWith("id:")) {
    const id = toEighteenCharacterId(key.slice(3));
    if (id !== null && `id:${id}` === key) {
      return key;
    }
  }
  if (key.startsWith("name:")) {
    const name = key.slice(5).trim();
    if (name !== "" && `name:${name}` === key) {
      return key;
    }
  }
  throw new AuraHandledException(
    `The app key "${appKey ?? "null"}" is invalid. Expected "id:" and an ` +
      `18-character application id, "name:" and an app name, or "unknown", ` +
      `as the inventory lists them.`
  );
}

/** Returns the cleaned reason, or rejects a blank or long one. */
export function checkReason(value: string | null | undefined): string {
  const reason = cleanText(value, 100000);
  if (reason === null) {
    throw new AuraHandledException(
      "Enter a reason, for example an incident number."
    );
  }
  if (reason.length > MAXIMUM_REASON_LENGTH) {
    throw new AuraHandledException(
      `The reason is ${reason.length} characters long. Shorten it to ` +
        `${MAXIMUM_REASON_LENGTH} or fewer.`
    );
  }
  return reason;
}

/** Returns the 18-character user id, or rejects anything else. */
export function checkUserId(value: string | null | undefined): string {
  const userId = value ? toEighteenCharacterId(value) : null;
  if (userId === null || !userId.startsWith(USER_KEY_PREFIX)) {
    throw new AuraHandledException(
      `The user id "${value ?? "null"}" is not a user id. Choose the user ` +
        `from the app's token holders.`
    );
  }
  return userId;
}

/** Returns the handles deduplicated and sorted, as the request stores them. */
export function checkHandles(handles: readonly string[] | null): string[] {
  const unique = new Set<string>();
  for (const handle of handles ?? []) {
    if (typeof handle !== "string" || !HANDLE_PATTERN.test(handle)) {
      throw new AuraHandledException(
        `The token handle "${String(handle).slice(0, 50)}" is not one OAuth ` +
          `Guard issued. Reload the app's tokens and select them again.`
      );
    }
    unique.add(handle);
  }
  if (unique.size === 0) {
    throw new AuraHandledException("Select at least one token to revoke.");
  }
  if (unique.size > MAXIMUM_SELECTED_TOKENS) {
    throw new AuraHandledException(
      `${unique.size} tokens are selected, more than the ` +
        `${MAXIMUM_SELECTED_TOKENS} one request may name. Revoke every ` +
        `token of the app or one user's tokens instead.`
    );
  }
  return [...unique].sort();
}

/**
 * Returns the distinct names the app's tokens carry, from the first slice
 * of them, trimmed. For an app keyed by name, the key's name comes first.
 */
export function appNamesOf(
  appKey: string,
  appTokens: readonly DemoOAuthToken[]
): string[] {
  const names: string[] = [];
  if (appKey.startsWith("name:")) {
    names.push(appKey.slice(5));
  }
  for (const token of appTokens.slice(0, SLICE_SIZE)) {
    const name = cleanText(token.appName, 255);
    if (name !== null && !names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}

/**
 * Returns the typed app name that confirms a whole-app revoke. It must
 * equal a name the app's tokens carry after trimming, case included.
 */
export function checkTypedName(
  typedName: string | null | undefined,
  names: readonly string[]
): string {
  const [firstName] = names;
  if (firstName === undefined) {
    throw new AuraHandledException(
      "This app's tokens carry no name to confirm, so revoke them by user " +
        "or by selection."
    );
  }
  const typed = cleanText(typedName, 255);
  if (typed === null || !names.includes(typed)) {
    throw new AuraHandledException(
      `To revoke every token of the app, type its name exactly as shown: ` +
        `"${firstName}".`
    );
  }
  return typed;
}
