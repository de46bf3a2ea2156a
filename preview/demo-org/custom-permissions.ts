/**
 * The custom permissions that OAuth Guard's Apex checks with
 * FeatureManagement.checkPermission, and the permission sets that enable
 * them in the package. The preview's `@salesforce/customPermission/*`
 * modules read the same permission sets from the build tree, and a test
 * compares this list with the permission set files.
 */
import type { DemoUser } from "./users";

export type DemoCustomPermission =
  | "Revoke_OAuth_Tokens"
  | "Archive_OAuth_Guard_Audit"
  | "Manage_OAuth_Guard_Capture";

/** Permission sets that enable each custom permission, by API name. */
export const CUSTOM_PERMISSION_SETS: Readonly<
  Record<DemoCustomPermission, readonly string[]>
> = {
  Revoke_OAuth_Tokens: ["OAuth_Guard_Admin"],
  Archive_OAuth_Guard_Audit: ["OAuth_Guard_Auditor"],
  Manage_OAuth_Guard_Capture: ["OAuth_Guard_Admin"]
};

/** Returns true when one of the user's permission sets enables it. */
export function hasCustomPermission(
  user: DemoUser,
  permission: DemoCustomPermission
): boolean {
  const enabling = CUSTOM_PERMISSION_SETS[permission];
  return user.permissionSetNames.some((name) => enabling.includes(name));
}
