/**
 * Reads the refresh-token policy of a connected app from the raw
 * ConnectedApplication fields that Apex returns.
 */
import type { ConnectedAppPolicy } from "oauth-guard/dto";

export type RefreshTokenPolicy =
  | "never-expires"
  | "expires-after-inactivity"
  | "expires-after-period"
  | "unknown";

export interface RefreshTokenPolicyReading {
  policy: RefreshTokenPolicy;
  /** RefreshTokenValidityPeriod as read, in a unit not yet confirmed. */
  validityPeriod: number | null;
  /** One sentence for the admin: what the fields mean, or why not known. */
  explanation: string;
}

function unknown(
  validityPeriod: number | null,
  explanation: string
): RefreshTokenPolicyReading {
  return { policy: "unknown", validityPeriod, explanation };
}

/**
 * Maps a ConnectedApplication's refresh-token fields to a policy. Pass null
 * when the app has no ConnectedApplication record (not installed).
 *
 * NOTE: this mapping is an assumption. The object reference states only that
 * with OptionsRefreshTokenValidityMetric true a token's validity is judged
 * from its last use, and otherwise from its validity period. It does not
 * give RefreshTokenValidityPeriod's unit, nor what null or 0 mean. The rules
 * below read a missing period with the metric false as Setup's default
 * policy, "valid until revoked", and a positive period as a limit.
 * Everything else (no metric, a period of 0 or less, a metric of true
 * without a period) is "unknown" rather than "never expires". Check the
 * rules against an org whose apps use each Setup option.
 */
export function readRefreshTokenPolicy(
  policy: ConnectedAppPolicy | null
): RefreshTokenPolicyReading {
  if (policy === null) {
    return unknown(
      null,
      "The app has no ConnectedApplication record in this org, so its " +
        "refresh-token policy cannot be read."
    );
  }
  const period = policy.refreshTokenValidityPeriod;
  const measuredFromLastUse = policy.refreshTokenValidityMetric;

  if (measuredFromLastUse === null) {
    return unknown(
      period,
      "OptionsRefreshTokenValidityMetric is empty, so OAuth Guard cannot " +
        "determine how the refresh-token policy is measured."
    );
  }
  if (period === null) {
    if (measuredFromLastUse) {
      return unknown(
        null,
        "Refresh tokens are set to expire after inactivity, but " +
          "RefreshTokenValidityPeriod is empty."
      );
    }
    return {
      policy: "never-expires",
      validityPeriod: null,
      explanation: "Refresh tokens are valid until revoked."
    };
  }
  if (!Number.isInteger(period) || period <= 0) {
    return unknown(
      period,
      `RefreshTokenValidityPeriod is ${period}, ` +
        "a value OAuth Guard cannot interpret."
    );
  }
  if (measuredFromLastUse) {
    return {
      policy: "expires-after-inactivity",
      validityPeriod: period,
      explanation:
        "Refresh tokens expire after a period without use " +
        `(RefreshTokenValidityPeriod ${period}).`
    };
  }
  return {
    policy: "expires-after-period",
    validityPeriod: period,
    explanation:
      "Refresh tokens expire a fixed time after they are issued " +
      `(RefreshTokenValidityPeriod ${period}).`
  };
}
