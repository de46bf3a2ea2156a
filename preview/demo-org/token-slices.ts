/**
 * Reads tokens slice by slice as Apex TokenSliceReader does: at most
 * SLICE_SIZE tokens after a cursor, never splitting tokens that share a
 * cursor key across two slices, and the cursor of the next slice.
 */
import type { DemoOAuthToken } from "./oauth-tokens";
import { compareTokenOrder, type TokenOrderKey } from "./token-order";

/** Tokens per slice, below the platform's 2,500 rows per OauthToken query. */
export const SLICE_SIZE = 2000;

export interface DemoTokenSlice {
  tokens: DemoOAuthToken[];
  /** Key of the last token of this slice, or null after the last slice. */
  nextCursor: TokenOrderKey | null;
  problems: string[];
}

/**
 * Returns the index of the first token after `cursor` in tokens sorted by
 * compareTokenOrder, as the WHERE clause of SoqlOAuthTokenSource selects.
 */
export function indexAfter(
  sortedTokens: readonly DemoOAuthToken[],
  cursor: TokenOrderKey | null
): number {
  if (cursor === null) {
    return 0;
  }
  let low = 0;
  let high = sortedTokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTokenOrder(sortedTokens[middle] as DemoOAuthToken, cursor) > 0) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

/**
 * Reads the slice after `cursor` from tokens sorted by compareTokenOrder.
 * Like Apex, it reads one token more than a slice contains to learn whether
 * another slice follows, and leaves tokens that share the cursor key with
 * that extra token to the next slice.
 */
export function readSlice(
  sortedTokens: readonly DemoOAuthToken[],
  cursor: TokenOrderKey | null
): DemoTokenSlice {
  const start = indexAfter(sortedTokens, cursor);
  const rows = sortedTokens.slice(start, start + SLICE_SIZE + 1);
  if (rows.length <= SLICE_SIZE) {
    return { tokens: rows, nextCursor: null, problems: [] };
  }
  const firstOfNextSlice = rows[SLICE_SIZE] as DemoOAuthToken;
  let sliceLength = SLICE_SIZE;
  while (
    sliceLength > 0 &&
    compareTokenOrder(
      rows[sliceLength - 1] as DemoOAuthToken,
      firstOfNextSlice
    ) === 0
  ) {
    sliceLength -= 1;
  }
  const problems: string[] = [];
  if (sliceLength === 0) {
    sliceLength = SLICE_SIZE;
    problems.push(
      `More than ${SLICE_SIZE} OAuth tokens share one creation time, user ` +
        "and app name, so tokens of that group beyond this slice may be " +
        "missing."
    );
  }
  const tokens = rows.slice(0, sliceLength);
  const last = tokens[tokens.length - 1] as DemoOAuthToken;
  return {
    tokens,
    nextCursor: {
      createdAt: last.createdAt,
      userId: last.userId,
      appName: last.appName
    },
    problems
  };
}
