declare module "@salesforce/apex/SystemPermissionController.getSystemPermissions" {
  import type { CacheableApexMethod } from "oauth-guard/apex";
  import type { SystemPermissionStatus } from "oauth-guard/dto";
  /** Reports each system permission OAuth Guard relies on, for the running user. */
  const getSystemPermissions: CacheableApexMethod<
    Record<string, never>,
    SystemPermissionStatus[]
  >;
  export default getSystemPermissions;
}
