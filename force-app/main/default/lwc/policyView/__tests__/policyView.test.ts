import type { PolicyOverview, PolicyStatus } from "oauth-guard/dto";
import { SHIPPED_POLICIES } from "c/policyCatalog";
import {
  UNEXPLAINED_STATE_PROBLEM,
  allowlistRows,
  describeChecks,
  indicatorRuleRows,
  viewPolicyOverview
} from "c/policyView";

function apiPolicy(state: string | null): PolicyStatus {
  return {
    developerName: "OAuth_Guard_Api_Data_Pull",
    masterLabel: "OAuth Guard: API data pulls",
    eventName: "ApiEvent",
    conditionClass: "ApiDataPullCondition",
    conditionNamespace: null,
    state,
    blockMessage: null,
    actionConfig: null
  };
}

function overview(overrides: Partial<PolicyOverview>): PolicyOverview {
  return {
    policies: [],
    stateReadable: true,
    stateProblem: null,
    settings: [],
    allowlist: [],
    indicatorRules: [],
    ...overrides
  };
}

describe("describeChecks", () => {
  it.each([
    [
      "OAuth_Guard_Api_Data_Pull",
      "API queries over the row threshold, unless the app, user or " +
        "network is on the allowlist."
    ],
    [
      "OAuth_Guard_Bulk_Result_Download",
      "Every Bulk API result download, unless the user or network is on " +
        "the allowlist."
    ],
    [
      "OAuth_Guard_Large_Report_Export",
      "Report exports and API report runs over the row threshold, unless " +
        "the user or network is on the allowlist."
    ],
    [
      "OAuth_Guard_Large_List_View_Read",
      "List view reads through the API over the row threshold, unless the " +
        "user or network is on the allowlist."
    ]
  ])("describes %s", (developerName, sentence) => {
    const policy = SHIPPED_POLICIES.find(
      (shipped) => shipped.developerName === developerName
    );
    if (!policy) {
      throw new Error(`${developerName} is not a shipped policy.`);
    }
    expect(describeChecks(policy)).toBe(sentence);
  });

  it("falls back to the event name", () => {
    const policy = {
      ...SHIPPED_POLICIES[0]!,
      developerName: "Renamed_Policy",
      allowlistKinds: ["User"]
    };
    expect(describeChecks(policy)).toBe(
      "ApiEvent events, unless the user is on the allowlist."
    );
  });
});

describe("viewPolicyOverview", () => {
  it("shows an unknown state with its value", () => {
    const view = viewPolicyOverview(
      overview({ policies: [apiPolicy("Pending")] })
    );
    expect(view.policies[0]?.state).toBe("unknown");
    expect(view.policies[0]?.stateText).toBe("Unknown (State: Pending)");
  });

  it("shows a missing state as none", () => {
    const view = viewPolicyOverview(overview({ policies: [apiPolicy(null)] }));
    expect(view.policies[0]?.stateText).toBe("Unknown (State: none)");
  });

  it("counts any enabled record as enabled", () => {
    const view = viewPolicyOverview(
      overview({ policies: [apiPolicy("Disabled"), apiPolicy("Enabled")] })
    );
    expect(view.policies[0]?.stateText).toBe("Enabled");
    expect(view.noneDeployed).toBe(false);
  });

  it("reports none deployed only when readable", () => {
    expect(viewPolicyOverview(overview({})).noneDeployed).toBe(true);
    const unreadable = viewPolicyOverview(
      overview({ stateReadable: false, stateProblem: "No access." })
    );
    expect(unreadable.noneDeployed).toBe(false);
    expect(unreadable.stateProblem).toBe("No access.");
  });

  it("explains an unreadable state without a reason", () => {
    const view = viewPolicyOverview(overview({ stateReadable: false }));
    expect(view.stateProblem).toBe(UNEXPLAINED_STATE_PROBLEM);
    expect(view.policies.map((row) => row.stateText)).toEqual(
      Array(4).fill("Cannot be read")
    );
  });

  it("reads an overview with omitted lists", () => {
    // Apex leaves null values out of the JSON it returns.
    const sparse = { stateReadable: false } as unknown as PolicyOverview;
    const view = viewPolicyOverview(sparse);
    expect(view.policies).toHaveLength(4);
    expect(view.allowlist).toEqual([]);
    expect(view.indicatorRules).toEqual([]);
    expect(view.problems).toEqual([]);
  });

  it("uses the thresholds of the settings", () => {
    const view = viewPolicyOverview(
      overview({
        settings: [{ name: "PolicyListViewRowThreshold", value: "250000" }]
      })
    );
    expect(view.policies.map((row) => row.thresholdText)).toEqual([
      "5,000 rows",
      "None: every download counts",
      "10,000 rows",
      "250,000 rows"
    ]);
    expect(view.policies.map((row) => row.thresholdSetting)).toEqual([
      "PolicyApiRowThreshold",
      "",
      "PolicyReportRowThreshold",
      "PolicyListViewRowThreshold"
    ]);
  });

  it("orders setting, allowlist, rule problems", () => {
    const view = viewPolicyOverview(
      overview({
        settings: [{ name: "PolicyApiRowThreshold", value: "0" }],
        allowlist: [
          {
            name: "Named_App",
            kind: "ConnectedApp",
            value: "Data Loader",
            reason: null,
            active: true
          }
        ],
        indicatorRules: [
          {
            name: "No_Pattern",
            ruleId: "R-1",
            title: "Rule without a pattern",
            severity: "High",
            matchKind: "Exact",
            field: "USER_AGENT",
            pattern: " ",
            source: null,
            sourceDate: null,
            active: true,
            usedInPolicies: true
          }
        ]
      })
    );
    expect(view.problems).toHaveLength(3);
    expect(view.problems[0]).toContain("Setting PolicyApiRowThreshold");
    expect(view.problems[1]).toContain("Allowlist entry Named_App");
    expect(view.problems[2]).toContain("Indicator rule No_Pattern (R-1)");
  });
});

describe("table rows", () => {
  it("shows missing allowlist values empty", () => {
    const rows = allowlistRows([
      {
        name: "Sparse",
        active: false
      } as unknown as Parameters<typeof allowlistRows>[0][number]
    ]);
    expect(rows).toEqual([
      {
        key: "0:Sparse",
        name: "Sparse",
        kind: "",
        value: "",
        reason: "",
        activeText: "No"
      }
    ]);
  });

  it("joins the source date and name", () => {
    const rule = {
      name: "Dated",
      ruleId: "UA-2",
      title: "Dated rule",
      severity: "High",
      matchKind: "Exact",
      field: "USER_AGENT",
      pattern: "x",
      source: "Advisory",
      sourceDate: "2025-08-26",
      active: true,
      usedInPolicies: true
    };
    expect(indicatorRuleRows([rule])[0]?.sourceText).toBe(
      "2025-08-26: Advisory"
    );
    expect(
      indicatorRuleRows([{ ...rule, sourceDate: null }])[0]?.sourceText
    ).toBe("Advisory");
    expect(indicatorRuleRows([{ ...rule, source: " " }])[0]?.sourceText).toBe(
      "2025-08-26"
    );
  });

  it("shows whether a rule acts in policies", () => {
    const rows = indicatorRuleRows([
      {
        name: "Findings_Only",
        ruleId: "UA-1",
        title: "Scripted client",
        severity: "Low",
        matchKind: "Substring",
        field: "USER_AGENT",
        pattern: "python",
        source: null,
        sourceDate: null,
        active: true,
        usedInPolicies: false
      }
    ]);
    expect(rows[0]?.activeText).toBe("Yes");
    expect(rows[0]?.usedInPoliciesText).toBe("No");
    expect(rows[0]?.sourceText).toBe("");
  });
});
