/**
 * The order in which Apex reads OAuth tokens (SoqlOAuthTokenSource):
 * CreatedDate, then UserId, then AppName with null first. SOQL compares
 * text without regard to case, so AppName is compared the same way here.
 */

/** The fields of a token that the order and the slice cursor use. */
export interface TokenOrderKey {
  /** UTC epoch milliseconds. */
  createdAt: number;
  /** 18-character User Id. */
  userId: string;
  appName: string | null;
}

function compareText(first: string, second: string): number {
  if (first < second) {
    return -1;
  }
  return first > second ? 1 : 0;
}

function compareAppNames(first: string | null, second: string | null): number {
  if (first === null || second === null) {
    return (first === null ? 0 : 1) - (second === null ? 0 : 1);
  }
  return compareText(first.toLowerCase(), second.toLowerCase());
}

/** Compares two tokens by the Apex read order; 0 means the same key. */
export function compareTokenOrder(
  first: TokenOrderKey,
  second: TokenOrderKey
): number {
  return (
    first.createdAt - second.createdAt ||
    compareText(first.userId, second.userId) ||
    compareAppNames(first.appName, second.appName)
  );
}
