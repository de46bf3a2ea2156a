/**
 * Token handles in the demo org, and its tokens grouped by app key. Apex
 * makes a handle as HMAC-SHA256 of the token's DeleteToken under a per-org
 * key. Demo tokens have no DeleteToken, so the demo hashes the org's seed
 * with the token's fields instead: the handle has the same form, 43
 * base64url characters, and stays the same for the page's session.
 */
import { identifyApp } from "c/appKey";
import { sha256Hex } from "c/sha256";
import type { DemoOAuthToken } from "./oauth-tokens";

/** Returns SHA-256 hex digits as base64url without padding. */
function hexToBase64Url(hex: string): string {
  let binary = "";
  for (let index = 0; index < hex.length; index += 2) {
    binary += String.fromCharCode(parseInt(hex.slice(index, index + 2), 16));
  }
  return btoa(binary)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The handle format Apex TokenHandles.isWellFormed accepts. */
export const HANDLE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Issues handles and resolves them to the tokens they name. */
export class DemoTokenHandles {
  private readonly handleByToken = new WeakMap<DemoOAuthToken, string>();
  private readonly tokenByHandle = new Map<string, DemoOAuthToken>();
  /** Tokens seen per identity, so that identical tokens differ in handle. */
  private readonly identityCounts = new Map<string, number>();
  private readonly drawKeyByToken = new WeakMap<DemoOAuthToken, string>();
  /** Tokens seen per user and app, which numbers their draw keys. */
  private readonly holdingCounts = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /** Returns the token's handle, the same on every call. */
  handleOf(token: DemoOAuthToken): string {
    const known = this.handleByToken.get(token);
    if (known !== undefined) {
      return known;
    }
    const identity = [
      token.userId,
      token.applicationId ?? "",
      token.appName ?? "",
      token.createdAt
    ].join("|");
    const occurrence = this.identityCounts.get(identity) ?? 0;
    this.identityCounts.set(identity, occurrence + 1);
    const handle = hexToBase64Url(
      sha256Hex(
        `oauth-guard-demo-handle|${this.seed}|${identity}|${occurrence}`
      )
    );
    this.handleByToken.set(token, handle);
    this.tokenByHandle.set(handle, token);
    const holding = `${token.userId}|${token.applicationId ?? ""}|${token.appName ?? ""}`;
    const position = this.holdingCounts.get(holding) ?? 0;
    this.holdingCounts.set(holding, position + 1);
    this.drawKeyByToken.set(token, `${this.seed}|${holding}|${position}`);
    return handle;
  }

  /**
   * Returns a key that decides how revoking the token ends in the demo.
   * Unlike the handle it leaves out the creation time, which the preview
   * shifts every day, so the same tokens fail on every day. Tokens of one
   * user and app are numbered in the order their handles were issued,
   * which is the order Apex reads them.
   */
  drawKeyOf(token: DemoOAuthToken): string {
    this.handleOf(token);
    return this.drawKeyByToken.get(token) ?? "";
  }

  /** Returns the token a handle names, or undefined for one never issued. */
  tokenOf(handle: string): DemoOAuthToken | undefined {
    return this.tokenByHandle.get(handle);
  }
}

const tokensByAppCache = new WeakMap<
  readonly DemoOAuthToken[],
  Map<string, DemoOAuthToken[]>
>();
/** Each token's app key, which never changes, computed once. */
const appKeyByToken = new WeakMap<DemoOAuthToken, string>();

function appKeyOf(token: DemoOAuthToken): string {
  let key = appKeyByToken.get(token);
  if (key === undefined) {
    key = identifyApp(token).key;
    appKeyByToken.set(token, key);
  }
  return key;
}

/**
 * Returns the tokens of one app key, in the order Apex reads them. The
 * grouping is cached per token array, which the demo org replaces when
 * tokens are revoked.
 */
export function tokensOfApp(
  tokens: readonly DemoOAuthToken[],
  appKey: string
): readonly DemoOAuthToken[] {
  let byApp = tokensByAppCache.get(tokens);
  if (!byApp) {
    byApp = new Map();
    for (const token of tokens) {
      const key = appKeyOf(token);
      const appTokens = byApp.get(key);
      if (appTokens) {
        appTokens.push(token);
      } else {
        byApp.set(key, [token]);
      }
    }
    tokensByAppCache.set(tokens, byApp);
  }
  return byApp.get(appKey) ?? [];
}
