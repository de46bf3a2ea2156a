/**
 * The apps that hold OAuth tokens in the demo org. Every vendor and app
 * name is invented. The catalogue covers the cases the inventory has to
 * handle: installed and not installed connected apps, external client
 * apps, renamed apps, tokens without a menu item, every refresh-token
 * policy, admin-approved and self-authorised apps, and one app that
 * behaves like the apps abused in the 2025 OAuth token thefts.
 */
import type { DemoPersona } from "./running-users";

/** Kind of app, which the key prefix of its application id encodes. */
export type DemoAppKind = "connected-app" | "external-client-app" | "unknown";

/**
 * Audience of an app: the users likely to authorise it, which weights the
 * choice of holders.
 */
export type DemoAudience =
  "everyone" | "sales" | "support" | "marketing" | "admins" | "integration";

/**
 * Usage pattern of an app's tokens, by the time since their last use:
 * days for constant, up to a month for regular, up to about eight months
 * for occasional, and two months to two years for dormant.
 */
export type DemoUsagePattern =
  "constant" | "regular" | "occasional" | "dormant";

/**
 * The raw ConnectedApplication fields of an installed app. Setup's
 * refresh-token options map to them as follows: valid until revoked is
 * metric false with period null, expire after inactivity is metric true
 * with a period, expire after a fixed time is metric false with a period.
 * Other combinations are ones OAuth Guard cannot interpret.
 */
export interface DemoAppPolicyFields {
  adminApprovedUsersOnly: boolean | null;
  refreshTokenValidityMetric: boolean | null;
  refreshTokenValidityPeriod: number | null;
}

export interface DemoAppDefinition {
  /**
   * ConnectedApplication.Name and the AppName of the app's tokens; null
   * for the tokens that carry neither a name nor a menu item.
   */
  name: string | null;
  kind: DemoAppKind;
  /** Present when the app is installed (has a ConnectedApplication record). */
  policy?: DemoAppPolicyFields;
  /** AppMenuItem.Label when it differs from the name. */
  menuLabel?: string;
  /** AppName of the tokens issued before the app was renamed. */
  formerName?: string;
  /** Days before the org's current time when the app was renamed. */
  renamedDaysAgo?: number;
  /**
   * Share of the app's tokens that have no AppMenuItem, so no
   * ApplicationId either. 1 means the app has no menu item at all.
   */
  missingMenuItemShare?: number;
  /** Share of the org's users who hold at least one token of the app. */
  holderShare: number;
  /**
   * Chance, applied up to four times, that a holder has one more token of
   * the app (another device or a new authorisation).
   */
  extraTokenRate: number;
  audience: DemoAudience;
  usage: DemoUsagePattern;
  /** Typical uses per day of one token while in use, for UseCount. */
  usesPerDay: number;
  /** Days before the org's current time when the first token was issued. */
  introducedDaysAgo: number;
  /** Every System Administrator holds a token of it. */
  heldByAllAdmins?: boolean;
  /**
   * Only active users without powerful permissions hold it, as when admin
   * approval limits an app to a permission set of ordinary staff.
   */
  approvedHoldersOnly?: boolean;
  /** Tokens each running user holds; running users hold no others. */
  runningUserTokens?: Partial<Record<DemoPersona, number>>;
}

/**
 * The app that behaves like the apps abused in the 2025 OAuth token
 * thefts: installed, self-authorised by many users including admins,
 * refresh tokens that never expire, and heavy recent use.
 */
export const INCIDENT_APP_NAME = "Parley Sales Assistant";

/** An app whose name contains markup, which the page must show as text. */
export const MARKUP_APP_NAME = '<b>"Quarterly" Export</b>';

const NEVER_EXPIRES = {
  refreshTokenValidityMetric: false,
  refreshTokenValidityPeriod: null
} as const;

function afterInactivity(period: number) {
  return {
    refreshTokenValidityMetric: true,
    refreshTokenValidityPeriod: period
  };
}

function afterPeriod(period: number) {
  return {
    refreshTokenValidityMetric: false,
    refreshTokenValidityPeriod: period
  };
}

const SELF_AUTHORISED = { adminApprovedUsersOnly: false } as const;
const ADMIN_APPROVED = { adminApprovedUsersOnly: true } as const;

/** Installed connected apps, each with a ConnectedApplication record. */
const INSTALLED_CONNECTED_APPS: readonly DemoAppDefinition[] = [
  {
    name: INCIDENT_APP_NAME,
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...NEVER_EXPIRES },
    holderShare: 0.43,
    extraTokenRate: 0.45,
    audience: "sales",
    usage: "constant",
    usesPerDay: 80,
    introducedDaysAgo: 820,
    heldByAllAdmins: true,
    runningUserTokens: { admin: 1, viewer: 1 }
  },
  {
    name: "Orbit Calendar Sync",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...afterInactivity(90) },
    holderShare: 0.66,
    extraTokenRate: 0.6,
    audience: "everyone",
    usage: "regular",
    usesPerDay: 24,
    introducedDaysAgo: 1095,
    runningUserTokens: { admin: 2, viewer: 1 }
  },
  {
    name: "Fieldnote Mobile",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...afterPeriod(365) },
    holderShare: 0.54,
    extraTokenRate: 0.7,
    audience: "everyone",
    usage: "regular",
    usesPerDay: 9,
    introducedDaysAgo: 1095,
    runningUserTokens: { viewer: 2 }
  },
  {
    name: "Inkwell e-Signature",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...NEVER_EXPIRES },
    missingMenuItemShare: 0.04,
    holderShare: 0.38,
    extraTokenRate: 0.4,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 3,
    introducedDaysAgo: 1050
  },
  {
    name: "Mailtrail Outreach",
    kind: "connected-app",
    menuLabel: "Mailtrail",
    policy: { ...SELF_AUTHORISED, ...afterInactivity(30) },
    holderShare: 0.34,
    extraTokenRate: 0.5,
    audience: "sales",
    usage: "regular",
    usesPerDay: 40,
    introducedDaysAgo: 700
  },
  {
    name: "Quotient CPQ Connector",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterPeriod(180) },
    holderShare: 0.24,
    extraTokenRate: 0.35,
    audience: "sales",
    usage: "regular",
    usesPerDay: 15,
    introducedDaysAgo: 900
  },
  {
    name: "Harbor BI Dashboards",
    kind: "connected-app",
    policy: {
      ...SELF_AUTHORISED,
      refreshTokenValidityMetric: null,
      refreshTokenValidityPeriod: null
    },
    holderShare: 0.36,
    extraTokenRate: 0.45,
    audience: "everyone",
    usage: "occasional",
    usesPerDay: 6,
    introducedDaysAgo: 1000,
    runningUserTokens: { admin: 1 }
  },
  {
    name: "Relay Support Chat",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterInactivity(7) },
    holderShare: 0.29,
    extraTokenRate: 0.55,
    audience: "support",
    usage: "constant",
    usesPerDay: 60,
    introducedDaysAgo: 600
  },
  {
    name: "Brightdesk Helpdesk Bridge",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...NEVER_EXPIRES },
    holderShare: 0.18,
    extraTokenRate: 0.4,
    audience: "support",
    usage: "regular",
    usesPerDay: 20,
    introducedDaysAgo: 950
  },
  {
    name: "Tally Expense Reports",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...afterPeriod(90) },
    holderShare: 0.41,
    extraTokenRate: 0.45,
    audience: "everyone",
    usage: "occasional",
    usesPerDay: 2,
    introducedDaysAgo: 1095
  },
  {
    name: MARKUP_APP_NAME,
    kind: "connected-app",
    policy: {
      ...SELF_AUTHORISED,
      refreshTokenValidityMetric: true,
      refreshTokenValidityPeriod: null
    },
    holderShare: 0.084,
    extraTokenRate: 0.3,
    audience: "marketing",
    usage: "occasional",
    usesPerDay: 1,
    introducedDaysAgo: 500,
    runningUserTokens: { admin: 1, viewer: 1 }
  },
  {
    name: "Sprocket Data Loader",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...NEVER_EXPIRES },
    holderShare: 0.06,
    extraTokenRate: 0.65,
    audience: "admins",
    usage: "occasional",
    usesPerDay: 12,
    introducedDaysAgo: 1095,
    runningUserTokens: { admin: 1 }
  },
  {
    name: "Keystone Backup",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...NEVER_EXPIRES },
    missingMenuItemShare: 1,
    holderShare: 0.0048,
    extraTokenRate: 0.75,
    audience: "integration",
    usage: "constant",
    usesPerDay: 400,
    introducedDaysAgo: 1095
  },
  {
    name: "Meridian ERP Link",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterPeriod(720) },
    holderShare: 0.0024,
    extraTokenRate: 0.45,
    audience: "integration",
    usage: "constant",
    usesPerDay: 900,
    introducedDaysAgo: 800
  },
  {
    name: "Copperline Telephony",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterInactivity(60) },
    holderShare: 0.22,
    extraTokenRate: 0.45,
    audience: "support",
    usage: "regular",
    usesPerDay: 30,
    introducedDaysAgo: 1095
  },
  {
    name: "Atlas Territory Planner",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...NEVER_EXPIRES },
    holderShare: 0.072,
    extraTokenRate: 0.25,
    audience: "sales",
    usage: "dormant",
    usesPerDay: 4,
    introducedDaysAgo: 1095
  },
  {
    name: "Vantage Forecasting",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterPeriod(0) },
    holderShare: 0.11,
    extraTokenRate: 0.35,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 5,
    introducedDaysAgo: 650
  },
  {
    name: "Slate Docs Generator",
    kind: "connected-app",
    policy: { adminApprovedUsersOnly: null, ...afterInactivity(90) },
    holderShare: 0.13,
    extraTokenRate: 0.35,
    audience: "sales",
    usage: "regular",
    usesPerDay: 7,
    introducedDaysAgo: 750
  },
  {
    name: "Lumen Insights",
    kind: "connected-app",
    menuLabel: "Lumen Insights for Sales",
    formerName: "Lumenary Reports",
    renamedDaysAgo: 400,
    policy: { ...SELF_AUTHORISED, ...afterInactivity(180) },
    holderShare: 0.17,
    extraTokenRate: 0.4,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 4,
    introducedDaysAgo: 1095
  },
  {
    name: "Pathway Learning",
    kind: "connected-app",
    formerName: "Pathway Onboarding",
    renamedDaysAgo: 520,
    policy: { ...ADMIN_APPROVED, ...NEVER_EXPIRES },
    holderShare: 0.084,
    extraTokenRate: 0.25,
    audience: "everyone",
    usage: "dormant",
    usesPerDay: 2,
    introducedDaysAgo: 1095
  },
  {
    name: "Pollster Surveys",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...afterPeriod(30) },
    holderShare: 0.096,
    extraTokenRate: 0.3,
    audience: "marketing",
    usage: "occasional",
    usesPerDay: 2,
    introducedDaysAgo: 540
  },
  {
    name: "Beacon Marketing Sync",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...NEVER_EXPIRES },
    holderShare: 0.06,
    extraTokenRate: 0.45,
    audience: "marketing",
    usage: "regular",
    usesPerDay: 50,
    introducedDaysAgo: 880
  },
  {
    name: "Nimbus Notes for Salesforce",
    kind: "connected-app",
    policy: { ...SELF_AUTHORISED, ...afterInactivity(365) },
    holderShare: 0.14,
    extraTokenRate: 0.45,
    audience: "everyone",
    usage: "occasional",
    usesPerDay: 3,
    introducedDaysAgo: 980
  },
  {
    name: "Quill Proposal Writer",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterPeriod(180) },
    approvedHoldersOnly: true,
    holderShare: 0.01,
    extraTokenRate: 0.3,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 3,
    introducedDaysAgo: 420
  },
  {
    name: "Tandem Meeting Notes",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterInactivity(30) },
    approvedHoldersOnly: true,
    holderShare: 0.006,
    extraTokenRate: 0.2,
    audience: "support",
    usage: "regular",
    usesPerDay: 6,
    introducedDaysAgo: 45
  },
  {
    name: "Crestline Legacy SSO",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterPeriod(24) },
    holderShare: 0,
    extraTokenRate: 0,
    audience: "everyone",
    usage: "dormant",
    usesPerDay: 0,
    introducedDaysAgo: 1095
  },
  {
    name: "Sandbox Seeder",
    kind: "connected-app",
    policy: { ...ADMIN_APPROVED, ...afterInactivity(14) },
    holderShare: 0,
    extraTokenRate: 0,
    audience: "admins",
    usage: "dormant",
    usesPerDay: 0,
    introducedDaysAgo: 300
  }
];

/**
 * Connected apps that users authorised but that are not installed: their
 * tokens carry an ApplicationId, and no ConnectedApplication record
 * exists.
 */
const UNINSTALLED_CONNECTED_APPS: readonly DemoAppDefinition[] = [
  {
    name: "Scrapbook Contact Finder",
    kind: "connected-app",
    holderShare: 0.11,
    extraTokenRate: 0.35,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 6,
    introducedDaysAgo: 800
  },
  {
    name: "LeadLasso Browser Extension",
    kind: "connected-app",
    holderShare: 0.072,
    extraTokenRate: 0.45,
    audience: "sales",
    usage: "regular",
    usesPerDay: 25,
    introducedDaysAgo: 420
  },
  {
    name: "Enrichly Data Append",
    kind: "connected-app",
    holderShare: 0.014,
    extraTokenRate: 0.25,
    audience: "admins",
    usage: "dormant",
    usesPerDay: 30,
    introducedDaysAgo: 1095
  },
  {
    name: "Quickchart Mobile",
    kind: "connected-app",
    holderShare: 0.036,
    extraTokenRate: 0.35,
    audience: "everyone",
    usage: "dormant",
    usesPerDay: 3,
    introducedDaysAgo: 1095
  }
];

/**
 * Apps known only by the AppName of their tokens: no menu item, no
 * ApplicationId and no ConnectedApplication record.
 */
const NAME_ONLY_APPS: readonly DemoAppDefinition[] = [
  {
    name: "Zephyr Notes",
    kind: "unknown",
    missingMenuItemShare: 1,
    holderShare: 0.043,
    extraTokenRate: 0.35,
    audience: "everyone",
    usage: "occasional",
    usesPerDay: 2,
    introducedDaysAgo: 900
  },
  {
    name: "Pocketdesk CRM Lite",
    kind: "unknown",
    missingMenuItemShare: 1,
    holderShare: 0.022,
    extraTokenRate: 0.25,
    audience: "sales",
    usage: "dormant",
    usesPerDay: 2,
    introducedDaysAgo: 1095
  },
  {
    name: "Scout Lead Capture",
    kind: "unknown",
    missingMenuItemShare: 1,
    holderShare: 0.029,
    extraTokenRate: 0.3,
    audience: "marketing",
    usage: "dormant",
    usesPerDay: 4,
    introducedDaysAgo: 1095
  },
  {
    name: "Legacy Integration (v1)",
    kind: "unknown",
    missingMenuItemShare: 1,
    holderShare: 0.0014,
    extraTokenRate: 0.45,
    audience: "integration",
    usage: "dormant",
    usesPerDay: 200,
    introducedDaysAgo: 1095
  }
];

/**
 * External client apps: their ApplicationId starts with 0xI and they have
 * no ConnectedApplication record, so their policy cannot be read.
 */
const EXTERNAL_CLIENT_APPS: readonly DemoAppDefinition[] = [
  {
    name: "Kinetic Workflow Hub",
    kind: "external-client-app",
    holderShare: 0.23,
    extraTokenRate: 0.4,
    audience: "everyone",
    usage: "regular",
    usesPerDay: 14,
    introducedDaysAgo: 380
  },
  {
    name: "Trellis Partner Portal",
    kind: "external-client-app",
    holderShare: 0.084,
    extraTokenRate: 0.35,
    audience: "sales",
    usage: "occasional",
    usesPerDay: 5,
    introducedDaysAgo: 300
  },
  {
    name: "Parallax AI Assistant",
    kind: "external-client-app",
    holderShare: 0.31,
    extraTokenRate: 0.5,
    audience: "everyone",
    usage: "constant",
    usesPerDay: 35,
    introducedDaysAgo: 150
  },
  {
    name: "Granary Data Sync",
    kind: "external-client-app",
    holderShare: 0.0019,
    extraTokenRate: 0.55,
    audience: "integration",
    usage: "constant",
    usesPerDay: 1200,
    introducedDaysAgo: 260
  },
  {
    name: "Cirrus Field Service",
    kind: "external-client-app",
    holderShare: 0.12,
    extraTokenRate: 0.55,
    audience: "support",
    usage: "regular",
    usesPerDay: 10,
    introducedDaysAgo: 330
  },
  {
    name: "Lighthouse Alerts",
    kind: "external-client-app",
    holderShare: 0.054,
    extraTokenRate: 0.35,
    audience: "admins",
    usage: "regular",
    usesPerDay: 8,
    introducedDaysAgo: 200
  }
];

/** Tokens that carry neither an AppName nor a menu item. */
const NAMELESS_TOKENS: DemoAppDefinition = {
  name: null,
  kind: "unknown",
  missingMenuItemShare: 1,
  holderShare: 0.0014,
  extraTokenRate: 0,
  audience: "everyone",
  usage: "dormant",
  usesPerDay: 1,
  introducedDaysAgo: 1095
};

/** Every app of the demo org, in the order their ids are numbered. */
export const APP_CATALOG: readonly DemoAppDefinition[] = [
  ...INSTALLED_CONNECTED_APPS,
  ...UNINSTALLED_CONNECTED_APPS,
  ...NAME_ONLY_APPS,
  ...EXTERNAL_CLIENT_APPS,
  NAMELESS_TOKENS
];
