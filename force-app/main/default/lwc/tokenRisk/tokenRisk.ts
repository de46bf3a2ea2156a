/**
 * Rates the risk of one app's OAuth tokens and explains the rating.
 *
 * Each factor that applies becomes a sentence with its token count where
 * it has one, and adds its weight from the settings to the app's score.
 * The level follows from the score:
 * - high: score >= highRiskScore;
 * - medium: score >= mediumRiskScore;
 * - low: score > 0;
 * - none: score 0, either because no factor applies or because every
 *   factor that applies has weight 0. Such factors are still listed.
 *
 * The defaults (medium 4, high 7) need an app-level weakness as well as
 * risky holders for a high rating. Holder hygiene alone (stale, old and
 * inactive holders' tokens, 1 point each, and powerful holders, 2) scores
 * at most 5, medium. An app whose refresh tokens never expire (3) and
 * that any user may authorise (2) scores 5, medium, and tokens held by a
 * user with Modify All Data (2) make it 7, high. An app that is not
 * installed (4) is medium on that alone.
 *
 * "Refresh-token policy unknown" is left out for an app that is not
 * installed, because "not installed" already explains why the policy
 * cannot be read.
 */
import type { GuardSettings, RiskWeights } from "c/guardSettings";
import type { RefreshTokenPolicy } from "c/refreshTokenPolicy";

export type RiskLevel = "high" | "medium" | "low" | "none";

/** Users allowed to authorise the app (Permitted Users in Setup). */
export type PermittedUsers = "admin-approved" | "all-users" | "unknown";

export type RiskFactorCode = keyof RiskWeights;

export interface RiskFactor {
  code: RiskFactorCode;
  /** One sentence for the admin, with the count where the factor has one. */
  message: string;
  /** Tokens the factor concerns, or null for a factor of the app itself. */
  tokenCount: number | null;
  /** Points the factor adds to the score. */
  weight: number;
}

export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  factors: RiskFactor[];
}

/** Facts about one app and its tokens that the rating uses. */
export interface AppRiskInput {
  refreshTokenPolicy: RefreshTokenPolicy;
  permittedUsers: PermittedUsers;
  /** True, false, or null when installation cannot be determined. */
  installed: boolean | null;
  /** Tokens whose holder has at least one powerful permission. */
  powerfulHolderTokens: number;
  /** Labels of the powerful permissions those holders have. */
  powerfulPermissions: readonly string[];
  inactiveOrFrozenHolderTokens: number;
  staleTokens: number;
  oldTokens: number;
}

export type RiskSettings = Pick<
  GuardSettings,
  | "staleAfterDays"
  | "oldAfterDays"
  | "mediumRiskScore"
  | "highRiskScore"
  | "riskWeights"
>;

const COUNT_FORMAT = new Intl.NumberFormat("en-US");

/** Writes "1 token" or "3 tokens", with thousands separators. */
export function countTokens(count: number): string {
  return `${COUNT_FORMAT.format(count)} ${count === 1 ? "token" : "tokens"}`;
}

function countDays(days: number): string {
  return `${COUNT_FORMAT.format(days)} ${days === 1 ? "day" : "days"}`;
}

/** Joins labels as "A", "A or B", "A, B or C". */
export function joinWithOr(labels: readonly string[]): string {
  if (labels.length <= 1) {
    return labels.join("");
  }
  const last = labels[labels.length - 1] ?? "";
  return `${labels.slice(0, -1).join(", ")} or ${last}`;
}

function powerfulHoldersMessage(
  count: number,
  permissions: readonly string[]
): string {
  const sorted = [...new Set(permissions)].sort();
  const named = sorted.length > 0 ? joinWithOr(sorted) : "powerful permissions";
  return count === 1
    ? `1 token is held by a user with ${named}.`
    : `${countTokens(count)} are held by users with ${named}.`;
}

function inactiveHoldersMessage(count: number): string {
  return count === 1
    ? "1 token is held by an inactive or frozen user."
    : `${countTokens(count)} are held by inactive or frozen users.`;
}

function staleTokensMessage(count: number, staleAfterDays: number): string {
  const verb = count === 1 ? "has" : "have";
  const threshold = countDays(staleAfterDays);
  const unused = `${verb} not been used`;
  return `${countTokens(count)} ${unused} for more than ${threshold}.`;
}

function oldTokensMessage(count: number, oldAfterDays: number): string {
  const verb = count === 1 ? "was" : "were";
  const threshold = countDays(oldAfterDays);
  return `${countTokens(count)} ${verb} created more than ${threshold} ago.`;
}

/** Lists the factors that apply to an app, each with its weight. */
export function riskFactors(
  input: AppRiskInput,
  settings: RiskSettings
): RiskFactor[] {
  const weights = settings.riskWeights;
  const factors: RiskFactor[] = [];
  const appFactor = (code: RiskFactorCode, message: string): void => {
    factors.push({ code, message, tokenCount: null, weight: weights[code] });
  };
  const tokenFactor = (
    code: RiskFactorCode,
    count: number,
    message: string
  ): void => {
    if (count > 0) {
      factors.push({ code, message, tokenCount: count, weight: weights[code] });
    }
  };

  if (input.installed === false) {
    appFactor("notInstalled", "The app is not installed in this org.");
  } else if (input.refreshTokenPolicy === "unknown") {
    appFactor(
      "refreshTokenPolicyUnknown",
      "The app's refresh-token policy is unknown."
    );
  }
  if (input.refreshTokenPolicy === "never-expires") {
    appFactor("refreshTokensNeverExpire", "Refresh tokens never expire.");
  }
  if (input.permittedUsers === "all-users") {
    appFactor("anyUserMayAuthorise", "Any user may authorise the app.");
  }
  tokenFactor(
    "powerfulPermissionHolders",
    input.powerfulHolderTokens,
    powerfulHoldersMessage(
      input.powerfulHolderTokens,
      input.powerfulPermissions
    )
  );
  tokenFactor(
    "inactiveOrFrozenHolders",
    input.inactiveOrFrozenHolderTokens,
    inactiveHoldersMessage(input.inactiveOrFrozenHolderTokens)
  );
  tokenFactor(
    "staleTokens",
    input.staleTokens,
    staleTokensMessage(input.staleTokens, settings.staleAfterDays)
  );
  tokenFactor(
    "oldTokens",
    input.oldTokens,
    oldTokensMessage(input.oldTokens, settings.oldAfterDays)
  );
  return factors;
}

/** Derives the level from a score by the rule in this module's header. */
export function levelForScore(
  score: number,
  settings: Pick<GuardSettings, "mediumRiskScore" | "highRiskScore">
): RiskLevel {
  if (score <= 0) {
    return "none";
  }
  if (score >= settings.highRiskScore) {
    return "high";
  }
  return score >= settings.mediumRiskScore ? "medium" : "low";
}

/** Rates one app: its factors, their total score and the level. */
export function assessAppRisk(
  input: AppRiskInput,
  settings: RiskSettings
): RiskAssessment {
  const factors = riskFactors(input, settings);
  const score = factors.reduce((total, factor) => total + factor.weight, 0);
  return { level: levelForScore(score, settings), score, factors };
}
