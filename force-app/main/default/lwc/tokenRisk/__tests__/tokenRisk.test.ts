import { DEFAULT_SETTINGS, copyDefaultSettings } from "c/guardSettings";
import {
  assessAppRisk,
  countTokens,
  joinWithOr,
  levelForScore,
  riskFactors,
  type AppRiskInput
} from "c/tokenRisk";

const QUIET: AppRiskInput = {
  refreshTokenPolicy: "expires-after-inactivity",
  permittedUsers: "admin-approved",
  installed: true,
  powerfulHolderTokens: 0,
  powerfulPermissions: [],
  inactiveOrFrozenHolderTokens: 0,
  staleTokens: 0,
  oldTokens: 0
};

function messages(input: Partial<AppRiskInput>): string[] {
  return riskFactors({ ...QUIET, ...input }, DEFAULT_SETTINGS).map(
    (factor) => factor.message
  );
}

describe("countTokens", () => {
  it("writes one token in the singular", () => {
    expect(countTokens(1)).toBe("1 token");
  });

  it("writes zero tokens in the plural", () => {
    expect(countTokens(0)).toBe("0 tokens");
  });

  it("groups thousands", () => {
    expect(countTokens(60000)).toBe("60,000 tokens");
  });
});

describe("joinWithOr", () => {
  it("returns an empty string for no labels", () => {
    expect(joinWithOr([])).toBe("");
  });

  it("returns a single label alone", () => {
    expect(joinWithOr(["A"])).toBe("A");
  });

  it("joins two labels with or", () => {
    expect(joinWithOr(["A", "B"])).toBe("A or B");
  });

  it("joins three labels with commas and or", () => {
    expect(joinWithOr(["A", "B", "C"])).toBe("A, B or C");
  });
});

describe("riskFactors", () => {
  it("lists nothing for a quiet app", () => {
    expect(riskFactors(QUIET, DEFAULT_SETTINGS)).toEqual([]);
  });

  it("explains refresh tokens that never expire", () => {
    expect(messages({ refreshTokenPolicy: "never-expires" })).toEqual([
      "Refresh tokens never expire."
    ]);
  });

  it("explains that any user may authorise", () => {
    expect(messages({ permittedUsers: "all-users" })).toEqual([
      "Any user may authorise the app."
    ]);
  });

  it("adds nothing for unknown permitted users", () => {
    expect(messages({ permittedUsers: "unknown" })).toEqual([]);
  });

  it("explains an unknown refresh-token policy", () => {
    expect(messages({ refreshTokenPolicy: "unknown" })).toEqual([
      "The app's refresh-token policy is unknown."
    ]);
  });

  it("explains a missing installation", () => {
    expect(messages({ installed: false })).toEqual([
      "The app is not installed in this org."
    ]);
  });

  it("omits the unknown policy for an app not installed", () => {
    expect(
      messages({ installed: false, refreshTokenPolicy: "unknown" })
    ).toEqual(["The app is not installed in this org."]);
  });

  it("keeps the unknown policy when installation is unknown", () => {
    expect(
      messages({ installed: null, refreshTokenPolicy: "unknown" })
    ).toEqual(["The app's refresh-token policy is unknown."]);
  });

  it("names the permission of one powerful holder", () => {
    expect(
      messages({
        powerfulHolderTokens: 1,
        powerfulPermissions: ["Modify All Data"]
      })
    ).toEqual(["1 token is held by a user with Modify All Data."]);
  });

  it("names every permission of powerful holders, sorted", () => {
    expect(
      messages({
        powerfulHolderTokens: 3,
        powerfulPermissions: [
          "View All Data",
          "Modify All Data",
          "View All Data"
        ]
      })
    ).toEqual([
      "3 tokens are held by users with Modify All Data or View All Data."
    ]);
  });

  it("falls back when no permission is named", () => {
    expect(messages({ powerfulHolderTokens: 2 })).toEqual([
      "2 tokens are held by users with powerful permissions."
    ]);
  });

  it("counts tokens of inactive or frozen holders", () => {
    expect(messages({ inactiveOrFrozenHolderTokens: 12 })).toEqual([
      "12 tokens are held by inactive or frozen users."
    ]);
  });

  it("writes one inactive holder's token in the singular", () => {
    expect(messages({ inactiveOrFrozenHolderTokens: 1 })).toEqual([
      "1 token is held by an inactive or frozen user."
    ]);
  });

  it("counts stale tokens with the threshold", () => {
    expect(messages({ staleTokens: 412 })).toEqual([
      "412 tokens have not been used for more than 90 days."
    ]);
  });

  it("writes one stale token in the singular", () => {
    expect(messages({ staleTokens: 1 })).toEqual([
      "1 token has not been used for more than 90 days."
    ]);
  });

  it("counts old tokens with the threshold", () => {
    expect(messages({ oldTokens: 7 })).toEqual([
      "7 tokens were created more than 180 days ago."
    ]);
  });

  it("writes one old token in the singular", () => {
    expect(messages({ oldTokens: 1 })).toEqual([
      "1 token was created more than 180 days ago."
    ]);
  });

  it("writes a threshold of one day in the singular", () => {
    const settings = { ...copyDefaultSettings(), staleAfterDays: 1 };
    const [factor] = riskFactors({ ...QUIET, staleTokens: 2 }, settings);
    expect(factor?.message).toBe(
      "2 tokens have not been used for more than 1 day."
    );
  });

  it("gives a token factor its count", () => {
    const [factor] = riskFactors(
      { ...QUIET, staleTokens: 5 },
      DEFAULT_SETTINGS
    );
    expect(factor?.tokenCount).toBe(5);
  });

  it("gives an app factor no count", () => {
    const [factor] = riskFactors(
      { ...QUIET, permittedUsers: "all-users" },
      DEFAULT_SETTINGS
    );
    expect(factor?.tokenCount).toBeNull();
  });

  it("takes each weight from the settings", () => {
    const settings = copyDefaultSettings();
    settings.riskWeights.staleTokens = 7;
    const [factor] = riskFactors({ ...QUIET, staleTokens: 5 }, settings);
    expect(factor?.weight).toBe(7);
  });
});

describe("levelForScore", () => {
  it.each([
    [0, "none"],
    [1, "low"],
    [3, "low"],
    [4, "medium"],
    [6, "medium"],
    [7, "high"],
    [20, "high"]
  ])("rates score %i as %s", (score, level) => {
    expect(levelForScore(score, DEFAULT_SETTINGS)).toBe(level);
  });

  it("rates score 0 as none whatever the thresholds", () => {
    expect(levelForScore(0, { mediumRiskScore: 0, highRiskScore: 0 })).toBe(
      "none"
    );
  });

  it("skips medium when both thresholds are equal", () => {
    expect(levelForScore(4, { mediumRiskScore: 4, highRiskScore: 4 })).toBe(
      "high"
    );
  });
});

describe("assessAppRisk", () => {
  it("rates a quiet app as none", () => {
    const assessment = assessAppRisk(QUIET, DEFAULT_SETTINGS);
    expect(assessment.level).toBe("none");
    expect(assessment.score).toBe(0);
  });

  it("rates a default self-authorised app as medium", () => {
    const assessment = assessAppRisk(
      {
        ...QUIET,
        refreshTokenPolicy: "never-expires",
        permittedUsers: "all-users"
      },
      DEFAULT_SETTINGS
    );
    expect(assessment.score).toBe(5);
    expect(assessment.level).toBe("medium");
  });

  it("rates it high once a powerful user holds a token", () => {
    const assessment = assessAppRisk(
      {
        ...QUIET,
        refreshTokenPolicy: "never-expires",
        permittedUsers: "all-users",
        powerfulHolderTokens: 1,
        powerfulPermissions: ["Modify All Data"]
      },
      DEFAULT_SETTINGS
    );
    expect(assessment.score).toBe(7);
    expect(assessment.level).toBe("high");
  });

  it("rates a lone stale token as low", () => {
    expect(
      assessAppRisk({ ...QUIET, staleTokens: 1 }, DEFAULT_SETTINGS).level
    ).toBe("low");
  });

  it("lists a factor of weight 0 without scoring it", () => {
    const settings = copyDefaultSettings();
    settings.riskWeights.staleTokens = 0;
    const assessment = assessAppRisk({ ...QUIET, staleTokens: 4 }, settings);
    expect(assessment.factors).toHaveLength(1);
    expect(assessment.level).toBe("none");
  });

  it("sums every factor's weight into the score", () => {
    const assessment = assessAppRisk(
      {
        refreshTokenPolicy: "never-expires",
        permittedUsers: "all-users",
        installed: false,
        powerfulHolderTokens: 1,
        powerfulPermissions: ["Modify All Data"],
        inactiveOrFrozenHolderTokens: 1,
        staleTokens: 1,
        oldTokens: 1
      },
      DEFAULT_SETTINGS
    );
    const weights = DEFAULT_SETTINGS.riskWeights;
    expect(assessment.score).toBe(
      weights.notInstalled +
        weights.refreshTokensNeverExpire +
        weights.anyUserMayAuthorise +
        weights.powerfulPermissionHolders +
        weights.inactiveOrFrozenHolders +
        weights.staleTokens +
        weights.oldTokens
    );
  });
});
