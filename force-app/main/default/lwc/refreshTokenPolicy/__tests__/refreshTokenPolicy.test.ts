import type { ConnectedAppPolicy } from "oauth-guard/dto";
import { readRefreshTokenPolicy } from "c/refreshTokenPolicy";

function policyWith(
  refreshTokenValidityMetric: boolean | null,
  refreshTokenValidityPeriod: number | null
): ConnectedAppPolicy {
  return {
    applicationId: "0H4Hr000000XyZaKAK",
    name: "Acme Sync",
    menuLabel: "Acme Sync",
    adminApprovedUsersOnly: false,
    refreshTokenValidityPeriod,
    refreshTokenValidityMetric,
    createdDate: "2024-01-01T00:00:00.000Z"
  };
}

describe("readRefreshTokenPolicy", () => {
  it("reads no ConnectedApplication record as unknown", () => {
    const reading = readRefreshTokenPolicy(null);
    expect(reading.policy).toBe("unknown");
    expect(reading.explanation).toContain("no ConnectedApplication record");
  });

  it("reads no period, measured from issue, as never expires", () => {
    const reading = readRefreshTokenPolicy(policyWith(false, null));
    expect(reading.policy).toBe("never-expires");
    expect(reading.validityPeriod).toBeNull();
  });

  it("reads a period measured from last use as inactivity", () => {
    const reading = readRefreshTokenPolicy(policyWith(true, 30));
    expect(reading.policy).toBe("expires-after-inactivity");
    expect(reading.validityPeriod).toBe(30);
  });

  it("reads a period measured from issue as a fixed period", () => {
    const reading = readRefreshTokenPolicy(policyWith(false, 90));
    expect(reading.policy).toBe("expires-after-period");
    expect(reading.validityPeriod).toBe(90);
  });

  it("reads an empty metric as unknown", () => {
    expect(readRefreshTokenPolicy(policyWith(null, null)).policy).toBe(
      "unknown"
    );
  });

  it("reads an empty metric with a period as unknown", () => {
    const reading = readRefreshTokenPolicy(policyWith(null, 30));
    expect(reading.policy).toBe("unknown");
    expect(reading.validityPeriod).toBe(30);
  });

  it("reads inactivity without a period as unknown", () => {
    const reading = readRefreshTokenPolicy(policyWith(true, null));
    expect(reading.policy).toBe("unknown");
    expect(reading.explanation).toContain(
      "RefreshTokenValidityPeriod is empty"
    );
  });

  it("reads a period of 0 as unknown", () => {
    const reading = readRefreshTokenPolicy(policyWith(false, 0));
    expect(reading.policy).toBe("unknown");
    expect(reading.explanation).toContain("is 0");
  });

  it("reads a negative period as unknown", () => {
    expect(readRefreshTokenPolicy(policyWith(true, -1)).policy).toBe("unknown");
  });

  it("reads a fractional period as unknown", () => {
    expect(readRefreshTokenPolicy(policyWith(false, 1.5)).policy).toBe(
      "unknown"
    );
  });

  it("never reads an uninterpretable row as never expires", () => {
    const uninterpretable: [boolean | null, number | null][] = [
      [null, null],
      [null, 30],
      [true, null],
      [true, 0],
      [false, 0],
      [false, -7]
    ];
    for (const [metric, period] of uninterpretable) {
      expect(readRefreshTokenPolicy(policyWith(metric, period)).policy).toBe(
        "unknown"
      );
    }
  });

  it("names the period in the explanation", () => {
    expect(readRefreshTokenPolicy(policyWith(true, 30)).explanation).toContain(
      "RefreshTokenValidityPeriod 30"
    );
  });
});
