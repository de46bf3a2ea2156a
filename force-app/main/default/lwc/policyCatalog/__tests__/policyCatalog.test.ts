import type * as NodeFs from "node:fs";
import type * as NodePath from "node:path";
import type { PolicyStatus } from "oauth-guard/dto";
import {
  SHIPPED_POLICIES,
  matchShippedPolicies,
  stateOf
} from "c/policyCatalog";

const fs = jest.requireActual<typeof NodeFs>("node:fs");
const path = jest.requireActual<typeof NodePath>("node:path");

const POLICY_DIRECTORY = path.join(
  __dirname,
  "../../../transactionSecurityPolicies"
);
const CLASS_DIRECTORY = path.join(__dirname, "../../../classes");
const SUFFIX = ".transactionSecurityPolicy-meta.xml";

function elementText(xml: string, element: string): string | null {
  const match = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  return match?.[1] ?? null;
}

function status(overrides: Partial<PolicyStatus>): PolicyStatus {
  return {
    developerName: "OAuth_Guard_Api_Data_Pull",
    masterLabel: "OAuth Guard: API data pulls",
    eventName: "ApiEvent",
    conditionClass: "ApiDataPullCondition",
    conditionNamespace: null,
    state: "Enabled",
    blockMessage: null,
    actionConfig: null,
    ...overrides
  };
}

describe("SHIPPED_POLICIES", () => {
  const files = fs
    .readdirSync(POLICY_DIRECTORY)
    .filter((name) => name.endsWith(SUFFIX));

  it("lists every policy file once", () => {
    expect(
      SHIPPED_POLICIES.map(
        (policy) => `${policy.developerName}${SUFFIX}`
      ).sort()
    ).toEqual([...files].sort());
  });

  it.each(SHIPPED_POLICIES.map((policy) => [policy.developerName, policy]))(
    "matches the file of %s",
    (_name, policy) => {
      const xml = fs.readFileSync(
        path.join(POLICY_DIRECTORY, `${policy.developerName}${SUFFIX}`),
        "utf8"
      );
      expect(elementText(xml, "masterLabel")).toBe(policy.masterLabel);
      expect(elementText(xml, "eventName")).toBe(policy.eventName);
      expect(elementText(xml, "apexClass")).toBe(policy.conditionClass);
      expect(elementText(xml, "block")).toBe(
        policy.shippedAction === "block" ? "true" : "false"
      );
    }
  );

  it("names condition classes that exist", () => {
    for (const policy of SHIPPED_POLICIES) {
      expect(
        fs.existsSync(
          path.join(CLASS_DIRECTORY, `${policy.conditionClass}.cls`)
        )
      ).toBe(true);
    }
  });
});

describe("matchShippedPolicies", () => {
  it("marks a policy without records as not deployed", () => {
    const entries = matchShippedPolicies([], true);
    expect(entries.map((entry) => entry.state)).toEqual([
      "not-deployed",
      "not-deployed",
      "not-deployed",
      "not-deployed"
    ]);
  });

  it("marks every policy unknown when the state is unreadable", () => {
    const entries = matchShippedPolicies([status({})], false);
    expect(entries.every((entry) => entry.state === "unknown")).toBe(true);
  });

  it("finds a renamed copy by its condition class", () => {
    const [api] = matchShippedPolicies(
      [status({ developerName: "Copy_Of_Api_Policy", state: "Disabled" })],
      true
    );
    expect(api?.records).toHaveLength(1);
    expect(api?.state).toBe("disabled");
  });

  it("calls a policy enabled when any record is", () => {
    const [api] = matchShippedPolicies(
      [status({ state: "Disabled" }), status({ state: "Enabled" })],
      true
    );
    expect(api?.state).toBe("enabled");
  });

  it("keeps an unfamiliar state unknown", () => {
    const [api] = matchShippedPolicies([status({ state: "Paused" })], true);
    expect(api?.state).toBe("unknown");
  });
});

describe("stateOf", () => {
  it.each([
    ["Enabled", "enabled"],
    [" disabled ", "disabled"],
    [null, "unknown"]
  ])("reads %p as %p", (state, expected) => {
    expect(stateOf(status({ state }))).toBe(expected);
  });
});
