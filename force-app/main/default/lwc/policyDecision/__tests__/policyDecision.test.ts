// The shared vectors in policyVectors.test.ts cover decisions case by
// case. These tests check the problems reported to the admin and how the
// field reader treats unexpected input.
import type { AllowlistEntry, IndicatorRule } from "oauth-guard/dto";
import {
  POLICY_EVENT_NAMES,
  compileAllowlist,
  decidePolicy,
  policyEventFromFields,
  readPolicyRules
} from "c/policyDecision";

function entry(kind: string, value: string): AllowlistEntry {
  return { name: `${kind}_Entry`, kind, value, reason: null, active: true };
}

const BROKEN_RULE: IndicatorRule = {
  name: "Broken_Range",
  ruleId: "IP-BROKEN",
  title: "Broken range",
  severity: "High",
  matchKind: "IpRange",
  field: "SOURCE_IP",
  pattern: "10.0.0.0/40",
  source: null,
  sourceDate: null,
  active: true,
  usedInPolicies: true
};

describe("compileAllowlist", () => {
  it("reports an app named by name", () => {
    const allowlist = compileAllowlist([entry("ConnectedApp", "Acme Sync")]);
    expect(allowlist.connectedAppIds.size).toBe(0);
    expect(allowlist.problems[0]?.message).toContain("by name");
  });

  it("reports an invalid range", () => {
    const allowlist = compileAllowlist([entry("IpRange", "10.0.0.0/40")]);
    expect(allowlist.ipRanges).toHaveLength(0);
    expect(allowlist.problems[0]?.message).toContain('"10.0.0.0/40"');
  });

  it("reports an unknown kind", () => {
    const allowlist = compileAllowlist([entry("Profile", "Admins")]);
    expect(allowlist.problems[0]?.message).toContain('unknown kind "Profile"');
  });

  it("reports an empty value", () => {
    const allowlist = compileAllowlist([entry("User", "  ")]);
    expect(allowlist.problems[0]?.message).toContain("has no value");
  });

  it("ignores inactive entries without a problem", () => {
    const allowlist = compileAllowlist([
      { ...entry("User", "someone@example.com"), active: false }
    ]);
    expect(allowlist.usernames.size).toBe(0);
    expect(allowlist.problems).toHaveLength(0);
  });
});

describe("readPolicyRules", () => {
  it("collects the problems of every store", () => {
    const reading = readPolicyRules({
      settings: [{ name: "PolicyApiRowThreshold", value: "lots" }],
      allowlist: [entry("IpRange", "nowhere")],
      indicatorRules: [BROKEN_RULE]
    });
    expect(reading.settingProblems).toHaveLength(1);
    expect(reading.allowlistProblems).toHaveLength(1);
    expect(reading.indicatorProblems).toHaveLength(1);
    expect(reading.rules.thresholds.api).toBe(5000);
  });
});

describe("policyEventFromFields", () => {
  it("reads null input as an empty event", () => {
    expect(policyEventFromFields(null)).toEqual({
      rowsProcessed: null,
      connectedAppId: null,
      userId: null,
      username: null,
      sourceIp: null,
      userAgent: null,
      operation: null,
      eventSource: null
    });
  });

  it("treats a non-finite row count as absent", () => {
    expect(
      policyEventFromFields({ RowsProcessed: Number.NaN }).rowsProcessed
    ).toBeNull();
  });
});

describe("decidePolicy", () => {
  it.each(POLICY_EVENT_NAMES)("accepts an empty %s", (eventName) => {
    const { rules } = readPolicyRules({
      settings: [],
      allowlist: [],
      indicatorRules: []
    });
    const decision = decidePolicy(eventName, policyEventFromFields({}), rules);
    expect(decision.triggered).toBe(eventName === "BulkApiResultEventStore");
  });
});
