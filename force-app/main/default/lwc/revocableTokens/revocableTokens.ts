/**
 * The revoke dialog's view of an app's tokens: every token read by handle
 * from TokenRevocationController.listRevocableTokens, and the handles of
 * the rows an admin selected in the token table.
 *
 * The token table lists tokens from the inventory, which names a token by
 * its app, user and creation time, because OauthToken has no usable Id.
 * Apex names a token by its handle instead. So a selected row is matched
 * to a handle by user id and creation time, within the one app whose
 * tokens were read.
 */
import type { RevocableToken, RevocableTokenSlice } from "oauth-guard/dto";
import { toEighteenCharacterId } from "c/appKey";

/** Most slices readRevocableTokens reads: 1,000 slices of 2,000 tokens. */
export const MAXIMUM_TOKEN_SLICES = 1000;

/** Every revocable token of an app, and the problems Apex reported. */
export interface RevocableTokens {
  tokens: RevocableToken[];
  problems: string[];
}

/**
 * Reads every slice of one app's tokens through listSlice, which calls
 * listRevocableTokens, and reports the tokens read after each slice.
 * Throws when the slices do not end within MAXIMUM_TOKEN_SLICES, because a
 * cursor that never ends is a server bug.
 */
export async function readRevocableTokens(
  listSlice: (cursor: string | null) => Promise<RevocableTokenSlice>,
  onProgress?: (tokensRead: number) => void
): Promise<RevocableTokens> {
  const tokens: RevocableToken[] = [];
  const problems: string[] = [];
  let cursor: string | null = null;
  for (let slices = 0; slices < MAXIMUM_TOKEN_SLICES; slices += 1) {
    // eslint-disable-next-line no-await-in-loop -- each slice's cursor comes from the one before
    const slice = await listSlice(cursor);
    tokens.push(...(slice.tokens ?? []));
    problems.push(...(slice.problems ?? []));
    onProgress?.(tokens.length);
    // Apex leaves a null cursor out of its JSON, so it arrives undefined.
    if (slice.nextCursor === null || slice.nextCursor === undefined) {
      return { tokens, problems };
    }
    cursor = slice.nextCursor;
  }
  throw new Error(
    `The app's tokens did not end within ${MAXIMUM_TOKEN_SLICES} slices. ` +
      `Close the dialog, reload the page and report the problem if it persists.`
  );
}

/** A row of the token table: the inventory's name for one token. */
export interface SelectedToken {
  userId: string;
  /** ISO 8601 UTC. */
  createdDate: string;
}

/** The handles that selected rows matched, and how many matched none. */
export interface HandleMatch {
  handles: string[];
  /** Selected rows with no token left: revoked or expired since loading. */
  unmatched: number;
}

/** Builds the key under which a row and a token meet, or null. */
function matchKey(userId: string, createdDate: string): string | null {
  const user = toEighteenCharacterId(userId);
  const created = Date.parse(createdDate);
  if (user === null || Number.isNaN(created)) {
    return null;
  }
  return `${user}|${created}`;
}

/**
 * Finds the handle of each selected row among one app's tokens, by user id
 * (15 or 18 characters) and creation time (compared as instants). When
 * several tokens share a user and a creation time, the rows that name
 * them take their handles in read order, one each: such tokens differ in
 * nothing the table shows, so any one stands for the row.
 */
export function matchSelectedHandles(
  tokens: readonly RevocableToken[],
  selected: readonly SelectedToken[]
): HandleMatch {
  const handlesByKey = new Map<string, string[]>();
  for (const token of tokens) {
    const key = matchKey(token.userId, token.createdDate);
    if (key !== null) {
      const handles = handlesByKey.get(key) ?? [];
      handles.push(token.handle);
      handlesByKey.set(key, handles);
    }
  }
  const handles: string[] = [];
  let unmatched = 0;
  for (const row of selected) {
    const key = matchKey(row.userId, row.createdDate);
    const handle = key === null ? undefined : handlesByKey.get(key)?.shift();
    if (handle === undefined) {
      unmatched += 1;
    } else {
      handles.push(handle);
    }
  }
  return { handles, unmatched };
}
