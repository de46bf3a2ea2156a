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
}
