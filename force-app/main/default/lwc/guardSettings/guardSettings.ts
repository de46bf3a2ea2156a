/**
 * The settings that the inventory, risk and policy pages read, their
 * defaults, and the reader that validates custom metadata records
 * overriding them. The Apex classes GuardSettings (day thresholds) and
 * PolicySettings (row thresholds) read these records with the same
 * defaults and bounds.
 */

/** Points that each risk factor adds to an app's risk score. */
export interface RiskWeights {
  refreshTokensNeverExpire: number;
  anyUserMayAuthorise: number;
  notInstalled: number;
  refreshTokenPolicyUnknown: number;
  powerfulPermissionHolders: number;
  inactiveOrFrozenHolders: number;
  staleTokens: number;
  oldTokens: number;
}

/**
 * Row counts above which a transaction security policy counts an event as
 * a large read. An event must read more rows than this to count.
 */
export interface PolicyRowThresholds {
  /** ApiEvent rows, for the API data pulls policy. */
  api: number;
  /** ReportEvent rows, for the large report exports policy. */
  report: number;
  /** ListViewEvent rows, for the large list view reads policy. */
  listView: number;
}

/** Settings of the token inventory, its risk rating and the policies. */
export interface GuardSettings {
  /** A token is stale when unused for more than this many whole days. */
  staleAfterDays: number;
  /** A token is old when created more than this many whole days ago. */
  oldAfterDays: number;
  /** Lowest risk score rated medium. */
  mediumRiskScore: number;
  /** Lowest risk score rated high, at least mediumRiskScore. */
  highRiskScore: number;
  riskWeights: RiskWeights;
  policyRowThresholds: PolicyRowThresholds;
}

/**
 * One custom metadata record of the settings type: its DeveloperName and
 * its Value__c, as Apex returns them.
 */
export interface GuardSetting {
  name: string;
  value: string;
}

/** A setting record whose value was rejected, and why. */
export interface SettingProblem {
  name: string;
  value: string;
  message: string;
}

export interface SettingsReading {
  settings: GuardSettings;
  problems: SettingProblem[];
}

export const DEFAULT_SETTINGS: Readonly<GuardSettings> = Object.freeze({
  staleAfterDays: 90,
  oldAfterDays: 180,
  mediumRiskScore: 4,
  highRiskScore: 7,
  riskWeights: Object.freeze({
    refreshTokensNeverExpire: 3,
    anyUserMayAuthorise: 2,
    notInstalled: 4,
    refreshTokenPolicyUnknown: 1,
    powerfulPermissionHolders: 2,
    inactiveOrFrozenHolders: 1,
    staleTokens: 1,
    oldTokens: 1
  }),
  policyRowThresholds: Object.freeze({
    api: 5000,
    report: 10000,
    listView: 1000
  })
});

interface SettingDefinition {
  /** DeveloperName of the custom metadata record. */
  name: string;
  minimum: number;
  maximum: number;
  unit: "days" | "points" | "rows";
  read(settings: GuardSettings): number;
  write(settings: GuardSettings, value: number): void;
}

const MAXIMUM_DAYS = 36_500;
const MAXIMUM_POINTS = 100;
const MAXIMUM_ROWS = 1_000_000_000;

function daysSetting(
  name: string,
  field: "staleAfterDays" | "oldAfterDays"
): SettingDefinition {
  return {
    name,
    minimum: 1,
    maximum: MAXIMUM_DAYS,
    unit: "days",
    read: (settings) => settings[field],
    write: (settings, value) => {
      settings[field] = value;
    }
  };
}

function scoreSetting(
  name: string,
  field: "mediumRiskScore" | "highRiskScore"
): SettingDefinition {
  return {
    name,
    minimum: 1,
    maximum: MAXIMUM_POINTS,
    unit: "points",
    read: (settings) => settings[field],
    write: (settings, value) => {
      settings[field] = value;
    }
  };
}

function weightSetting(
  name: string,
  field: keyof RiskWeights
): SettingDefinition {
  return {
    name,
    minimum: 0,
    maximum: MAXIMUM_POINTS,
    unit: "points",
    read: (settings) => settings.riskWeights[field],
    write: (settings, value) => {
      settings.riskWeights[field] = value;
    }
  };
}

function rowThresholdSetting(
  name: string,
  field: keyof PolicyRowThresholds
): SettingDefinition {
  return {
    name,
    minimum: 1,
    maximum: MAXIMUM_ROWS,
    unit: "rows",
    read: (settings) => settings.policyRowThresholds[field],
    write: (settings, value) => {
      settings.policyRowThresholds[field] = value;
    }
  };
}

/** Every setting a record may override, by the record's DeveloperName. */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  daysSetting("StaleAfterDays", "staleAfterDays"),
  daysSetting("OldAfterDays", "oldAfterDays"),
  scoreSetting("MediumRiskScore", "mediumRiskScore"),
  scoreSetting("HighRiskScore", "highRiskScore"),
  weightSetting(
    "RiskWeightRefreshTokensNeverExpire",
    "refreshTokensNeverExpire"
  ),
  weightSetting("RiskWeightAnyUserMayAuthorise", "anyUserMayAuthorise"),
  weightSetting("RiskWeightNotInstalled", "notInstalled"),
  weightSetting(
    "RiskWeightRefreshTokenPolicyUnknown",
    "refreshTokenPolicyUnknown"
  ),
  weightSetting(
    "RiskWeightPowerfulPermissionHolders",
    "powerfulPermissionHolders"
  ),
  weightSetting("RiskWeightInactiveOrFrozenHolders", "inactiveOrFrozenHolders"),
  weightSetting("RiskWeightStaleTokens", "staleTokens"),
  weightSetting("RiskWeightOldTokens", "oldTokens"),
  rowThresholdSetting("PolicyApiRowThreshold", "api"),
  rowThresholdSetting("PolicyReportRowThreshold", "report"),
  rowThresholdSetting("PolicyListViewRowThreshold", "listView")
];

/** Returns a deep copy of the defaults that the caller may change. */
export function copyDefaultSettings(): GuardSettings {
  return {
    ...DEFAULT_SETTINGS,
    riskWeights: { ...DEFAULT_SETTINGS.riskWeights },
    policyRowThresholds: { ...DEFAULT_SETTINGS.policyRowThresholds }
  };
}

const WHOLE_NUMBER = /^\d+$/;

function parseWholeNumber(
  value: string,
  definition: SettingDefinition
): number | null {
  const trimmed = value.trim();
  if (!WHOLE_NUMBER.test(trimmed)) {
    return null;
  }
  const parsed = Number(trimmed);
  if (parsed < definition.minimum || parsed > definition.maximum) {
    return null;
  }
  return parsed;
}

function invalidValueMessage(
  definition: SettingDefinition,
  value: string,
  defaultValue: number
): string {
  return (
    `Setting ${definition.name} has the invalid value "${value}". ` +
    `Enter a whole number of ${definition.unit} from ${definition.minimum} ` +
    `to ${definition.maximum}. OAuth Guard uses the default, ` +
    `${defaultValue}, until then.`
  );
}

/**
 * Reads custom metadata setting records over the defaults. Each record
 * that is unknown, repeated or invalid yields a problem naming the record
 * and its value, and the value it would have set stays at its default.
 */
export function settingsFromRecords(
  records: readonly GuardSetting[]
): SettingsReading {
  const settings = copyDefaultSettings();
  const problems: SettingProblem[] = [];
  const definitionsByName = new Map(
    SETTING_DEFINITIONS.map((definition) => [definition.name, definition])
  );
  const seen = new Map<string, string>();

  for (const record of records) {
    const definition = definitionsByName.get(record.name);
    if (!definition) {
      problems.push({
        name: record.name,
        value: record.value,
        message:
          `Setting ${record.name} is not a setting that OAuth Guard reads, ` +
          `so its value "${record.value}" is ignored. Rename the record ` +
          `to one of: ${[...definitionsByName.keys()].join(", ")}.`
      });
      continue;
    }
    const firstValue = seen.get(record.name);
    if (firstValue !== undefined) {
      problems.push({
        name: record.name,
        value: record.value,
        message:
          `Setting ${record.name} appears more than once. OAuth Guard uses ` +
          `the first value, "${firstValue}", and ignores "${record.value}".`
      });
      continue;
    }
    seen.set(record.name, record.value);

    const parsed = parseWholeNumber(record.value, definition);
    if (parsed === null) {
      problems.push({
        name: record.name,
        value: record.value,
        message: invalidValueMessage(
          definition,
          record.value,
          definition.read(DEFAULT_SETTINGS)
        )
      });
      continue;
    }
    definition.write(settings, parsed);
  }

  checkRiskScoreOrder(settings, seen, problems);
  return { settings, problems };
}

/**
 * Restores both risk scores to their defaults when the medium score lies
 * above the high score, because no rating could then be medium.
 */
function checkRiskScoreOrder(
  settings: GuardSettings,
  recordValues: ReadonlyMap<string, string>,
  problems: SettingProblem[]
): void {
  if (settings.mediumRiskScore <= settings.highRiskScore) {
    return;
  }
  const blamed = recordValues.has("HighRiskScore")
    ? "HighRiskScore"
    : "MediumRiskScore";
  problems.push({
    name: blamed,
    value: recordValues.get(blamed) ?? "",
    message:
      `Setting MediumRiskScore (${settings.mediumRiskScore}) is higher than ` +
      `HighRiskScore (${settings.highRiskScore}). Set MediumRiskScore to ` +
      `at most HighRiskScore. OAuth Guard uses the defaults, ` +
      `${DEFAULT_SETTINGS.mediumRiskScore} and ` +
      `${DEFAULT_SETTINGS.highRiskScore}, until then.`
  });
  settings.mediumRiskScore = DEFAULT_SETTINGS.mediumRiskScore;
  settings.highRiskScore = DEFAULT_SETTINGS.highRiskScore;
}
