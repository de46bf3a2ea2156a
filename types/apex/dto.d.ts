/**
 * Plain data objects that Apex controllers return. Each interface mirrors
 * the Apex DTO class of the same name field by field, so that components
 * never see an SObject and a package namespace changes nothing here.
 */
declare module "oauth-guard/dto" {
  /** Mirrors Apex `SystemPermissionStatus`. */
  export interface SystemPermissionStatus {
    /** Stable key, for example `CustomizeApplication`. */
    name: string;
    /** True when the running user holds the permission. */
    granted: boolean;
    /** False when the org lacks the licence or feature behind it. */
    available: boolean;
  }

  /** Mirrors Apex `TokenCount`: how many OauthToken rows the user can see. */
  export interface TokenCount {
    total: number;
    /** False when the user sees only their own tokens (no Customize Application). */
    seesAllUsers: boolean;
  }

  /**
   * Mirrors Apex `OAuthTokenRow`: one OauthToken row without its secret
   * values. OauthToken.Id is always null, so a token is named by its app,
   * user and creation time.
   */
  export interface OAuthTokenRow {
    /** AppMenuItem.ApplicationId (18 characters), or null when absent. */
    applicationId: string | null;
    appMenuItemId: string | null;
    appName: string | null;
    userId: string;
    /** ISO 8601 UTC. */
    createdDate: string;
    /** ISO 8601 UTC, or null when never used. */
    lastUsedDate: string | null;
    useCount: number | null;
  }

  /** Mirrors Apex `TokenHolder`: a user who holds at least one token. */
  export interface TokenHolder {
    userId: string;
    name: string;
    username: string;
    isActive: boolean;
    isFrozen: boolean;
    /** Labels of powerful permissions, e.g. "Modify All Data". */
    powerfulPermissions: string[];
  }

  /** Mirrors Apex `TokenSlice`: at most 2,000 rows read in one transaction. */
  export interface TokenSlice {
    tokens: OAuthTokenRow[];
    holders: TokenHolder[];
    /** Opaque; pass back to read the next slice. Null when done. */
    nextCursor: string | null;
    /** Rows that could not be read, each as a sentence. */
    problems: string[];
  }

  /**
   * Mirrors Apex `ConnectedAppPolicy`: the raw settings of one app that is
   * installed in the org (has a ConnectedApplication record). The core
   * decides what they mean; Apex only reads them.
   */
  export interface ConnectedAppPolicy {
    /** ConnectedApplication.Id (18 characters). */
    applicationId: string;
    name: string;
    /** AppMenuItem.Label, or null when the app has no menu item. */
    menuLabel: string | null;
    /** ConnectedApplication.OptionsAllowAdminApprovedUsersOnly. */
    adminApprovedUsersOnly: boolean | null;
    /** ConnectedApplication.RefreshTokenValidityPeriod; null when unset. */
    refreshTokenValidityPeriod: number | null;
    /** ConnectedApplication.OptionsRefreshTokenValidityMetric. */
    refreshTokenValidityMetric: boolean | null;
    /** ISO 8601 UTC. */
    createdDate: string | null;
  }

  /** Mirrors Apex `GuardSetting`: one OAuth_Guard_Setting__mdt record. */
  export interface GuardSetting {
    /** The record's DeveloperName, for example `StaleAfterDays`. */
    name: string;
    /** Value__c as text; the core validates it. */
    value: string;
  }
}
