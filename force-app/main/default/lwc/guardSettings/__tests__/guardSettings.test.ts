import {
  DEFAULT_SETTINGS,
  SETTING_DEFINITIONS,
  copyDefaultSettings,
  settingsFromRecords
} from "c/guardSettings";

describe("DEFAULT_SETTINGS", () => {
  it("uses 90 days for stale tokens", () => {
    expect(DEFAULT_SETTINGS.staleAfterDays).toBe(90);
  });

  it("uses 180 days for old tokens", () => {
    expect(DEFAULT_SETTINGS.oldAfterDays).toBe(180);
  });

  it("is frozen, weights included", () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.riskWeights)).toBe(true);
  });

  it("keeps medium score at most high score", () => {
    expect(DEFAULT_SETTINGS.mediumRiskScore).toBeLessThanOrEqual(
      DEFAULT_SETTINGS.highRiskScore
    );
  });
});

describe("copyDefaultSettings", () => {
  it("returns a copy that leaves the defaults untouched", () => {
    const copy = copyDefaultSettings();
    copy.staleAfterDays = 1;
    copy.riskWeights.oldTokens = 50;
    copy.policyRowThresholds.api = 7;
    expect(DEFAULT_SETTINGS.staleAfterDays).toBe(90);
    expect(DEFAULT_SETTINGS.riskWeights.oldTokens).toBe(1);
    expect(DEFAULT_SETTINGS.policyRowThresholds.api).toBe(5000);
  });
});

describe("SETTING_DEFINITIONS", () => {
  it("names every setting once", () => {
    const names = SETTING_DEFINITIONS.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("covers every risk weight", () => {
    const weightFields = Object.keys(DEFAULT_SETTINGS.riskWeights);
    const weightSettings = SETTING_DEFINITIONS.filter((definition) =>
      definition.name.startsWith("RiskWeight")
    );
    expect(weightSettings).toHaveLength(weightFields.length);
  });

  it("keeps DeveloperNames within 40 characters", () => {
    for (const definition of SETTING_DEFINITIONS) {
      expect(definition.name.length).toBeLessThanOrEqual(40);
    }
  });
});

describe("settingsFromRecords", () => {
  it("returns the defaults for no records", () => {
    const reading = settingsFromRecords([]);
    expect(reading.settings).toEqual(DEFAULT_SETTINGS);
    expect(reading.problems).toEqual([]);
  });

  it("reads a valid stale threshold", () => {
    const reading = settingsFromRecords([
      { name: "StaleAfterDays", value: "30" }
    ]);
    expect(reading.settings.staleAfterDays).toBe(30);
    expect(reading.problems).toEqual([]);
  });

  it("reads a valid old threshold", () => {
    const reading = settingsFromRecords([
      { name: "OldAfterDays", value: "365" }
    ]);
    expect(reading.settings.oldAfterDays).toBe(365);
  });

  it("trims spaces around a value", () => {
    const reading = settingsFromRecords([
      { name: "StaleAfterDays", value: " 45 " }
    ]);
    expect(reading.settings.staleAfterDays).toBe(45);
  });

  it("reads a risk weight", () => {
    const reading = settingsFromRecords([
      { name: "RiskWeightStaleTokens", value: "4" }
    ]);
    expect(reading.settings.riskWeights.staleTokens).toBe(4);
  });

  it("accepts a weight of 0", () => {
    const reading = settingsFromRecords([
      { name: "RiskWeightOldTokens", value: "0" }
    ]);
    expect(reading.settings.riskWeights.oldTokens).toBe(0);
    expect(reading.problems).toEqual([]);
  });

  it("reads both risk scores", () => {
    const reading = settingsFromRecords([
      { name: "MediumRiskScore", value: "4" },
      { name: "HighRiskScore", value: "9" }
    ]);
    expect(reading.settings.mediumRiskScore).toBe(4);
    expect(reading.settings.highRiskScore).toBe(9);
  });

  it("reads a policy row threshold", () => {
    const reading = settingsFromRecords([
      { name: "PolicyReportRowThreshold", value: "25000" }
    ]);
    expect(reading.settings.policyRowThresholds.report).toBe(25000);
    expect(reading.problems).toEqual([]);
  });

  it("names rows in an invalid row threshold's message", () => {
    const reading = settingsFromRecords([
      { name: "PolicyApiRowThreshold", value: "0" }
    ]);
    expect(reading.settings.policyRowThresholds.api).toBe(5000);
    expect(reading.problems[0]?.message).toContain(
      "whole number of rows from 1 to 1000000000"
    );
  });

  it("does not change the defaults", () => {
    settingsFromRecords([{ name: "StaleAfterDays", value: "7" }]);
    expect(DEFAULT_SETTINGS.staleAfterDays).toBe(90);
  });

  it.each([
    ["text", "abc"],
    ["empty", ""],
    ["negative", "-5"],
    ["decimal", "30.5"],
    ["zero days", "0"],
    ["too many days", "36501"],
    ["exponent", "1e3"]
  ])("rejects a %s value", (_case, value) => {
    const reading = settingsFromRecords([{ name: "StaleAfterDays", value }]);
    expect(reading.settings.staleAfterDays).toBe(90);
    expect(reading.problems).toHaveLength(1);
  });

  it("names the record and value in a problem", () => {
    const [problem] = settingsFromRecords([
      { name: "StaleAfterDays", value: "ninety" }
    ]).problems;
    expect(problem?.name).toBe("StaleAfterDays");
    expect(problem?.value).toBe("ninety");
    expect(problem?.message).toContain("StaleAfterDays");
    expect(problem?.message).toContain('"ninety"');
  });

  it("states the valid range and default in a problem", () => {
    const [problem] = settingsFromRecords([
      { name: "OldAfterDays", value: "0" }
    ]).problems;
    expect(problem?.message).toContain("from 1 to 36500");
    expect(problem?.message).toContain("the default, 180");
  });

  it("keeps the default score for an invalid score", () => {
    const reading = settingsFromRecords([
      { name: "MediumRiskScore", value: "high" }
    ]);
    expect(reading.settings.mediumRiskScore).toBe(4);
    expect(reading.problems[0]?.message).toContain("the default, 4");
  });

  it("rejects a weight above 100 points", () => {
    const reading = settingsFromRecords([
      { name: "RiskWeightNotInstalled", value: "101" }
    ]);
    expect(reading.settings.riskWeights.notInstalled).toBe(4);
    expect(reading.problems[0]?.message).toContain("points");
  });

  it("keeps valid records beside an invalid one", () => {
    const reading = settingsFromRecords([
      { name: "StaleAfterDays", value: "bad" },
      { name: "OldAfterDays", value: "200" }
    ]);
    expect(reading.settings.staleAfterDays).toBe(90);
    expect(reading.settings.oldAfterDays).toBe(200);
    expect(reading.problems).toHaveLength(1);
  });

  it("reports an unknown record name", () => {
    const reading = settingsFromRecords([
      { name: "StaleAfterDay", value: "30" }
    ]);
    expect(reading.settings).toEqual(DEFAULT_SETTINGS);
    expect(reading.problems[0]?.name).toBe("StaleAfterDay");
    expect(reading.problems[0]?.message).toContain("not a setting");
  });

  it("lists known names for an unknown record", () => {
    const [problem] = settingsFromRecords([
      { name: "StaleDays", value: "30" }
    ]).problems;
    expect(problem?.message).toContain("StaleAfterDays, OldAfterDays");
  });

  it("uses the first of two records with one name", () => {
    const reading = settingsFromRecords([
      { name: "StaleAfterDays", value: "30" },
      { name: "StaleAfterDays", value: "60" }
    ]);
    expect(reading.settings.staleAfterDays).toBe(30);
    expect(reading.problems[0]?.message).toContain("more than once");
    expect(reading.problems[0]?.value).toBe("60");
  });

  it("restores both scores when medium exceeds high", () => {
    const reading = settingsFromRecords([
      { name: "MediumRiskScore", value: "8" },
      { name: "HighRiskScore", value: "5" }
    ]);
    expect(reading.settings.mediumRiskScore).toBe(4);
    expect(reading.settings.highRiskScore).toBe(7);
    expect(reading.problems[0]?.name).toBe("HighRiskScore");
    expect(reading.problems[0]?.value).toBe("5");
  });

  it("blames medium score when only it was set", () => {
    const reading = settingsFromRecords([
      { name: "MediumRiskScore", value: "8" }
    ]);
    expect(reading.settings.mediumRiskScore).toBe(4);
    expect(reading.problems[0]?.name).toBe("MediumRiskScore");
    expect(reading.problems[0]?.message).toContain("higher than");
  });

  it("accepts equal medium and high scores", () => {
    const reading = settingsFromRecords([
      { name: "MediumRiskScore", value: "7" }
    ]);
    expect(reading.settings.mediumRiskScore).toBe(7);
    expect(reading.problems).toEqual([]);
  });
});
