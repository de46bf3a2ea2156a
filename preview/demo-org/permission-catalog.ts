/**
 * The profiles and permission sets of the demo org, and the system
 * permissions each one grants. Names follow Salesforce's API names.
 */

/** System permissions that the demo org tracks per user. */
export const SYSTEM_PERMISSION_NAMES = [
  "ModifyAllData",
  "ViewAllData",
  "CustomizeApplication",
  "ManageUsers",
  "ApiEnabled",
  "ViewEventLogFiles",
  "ViewRealTimeEventMonitoringData"
] as const;

export type SystemPermissionName = (typeof SYSTEM_PERMISSION_NAMES)[number];

/** The permissions that let a user read or change all of an org. */
export const POWERFUL_PERMISSION_NAMES: readonly SystemPermissionName[] = [
  "ModifyAllData",
  "ViewAllData",
  "CustomizeApplication",
  "ManageUsers"
];

export const PROFILES = {
  "System Administrator": [
    "ModifyAllData",
    "ViewAllData",
    "CustomizeApplication",
    "ManageUsers",
    "ApiEnabled",
    "ViewEventLogFiles"
  ],
  "Standard User": ["ApiEnabled"],
  "Custom: Sales Profile": ["ApiEnabled"],
  "Custom: Support Profile": ["ApiEnabled"],
  "Custom: Marketing Profile": ["ApiEnabled"],
  "Read Only": ["ApiEnabled"],
  "Minimum Access - Salesforce": [],
  "Chatter Free User": [],
  "Salesforce API Only System Integrations": ["ApiEnabled"]
} as const satisfies Record<string, readonly SystemPermissionName[]>;

export type ProfileName = keyof typeof PROFILES;

/**
 * Permission sets by API name. The three OAuth Guard permission sets come
 * from the package and grant no system permission, because a packaged
 * permission set cannot carry one.
 */
export const PERMISSION_SETS = {
  OAuth_Guard_Admin: [],
  OAuth_Guard_Viewer: [],
  OAuth_Guard_Auditor: [],
  Data_Steward: ["ModifyAllData", "ViewAllData"],
  Compliance_Auditor: ["ViewAllData", "ViewEventLogFiles"],
  Event_Log_Reader: ["ViewEventLogFiles"],
  Release_Manager: ["CustomizeApplication"],
  User_Administration: ["ManageUsers"],
  Event_Monitoring_Analyst: [
    "ViewEventLogFiles",
    "ViewRealTimeEventMonitoringData"
  ]
} as const satisfies Record<string, readonly SystemPermissionName[]>;

export type PermissionSetName = keyof typeof PERMISSION_SETS;

/**
 * Returns the system permissions that a profile and its permission sets
 * grant together, in the order of SYSTEM_PERMISSION_NAMES.
 */
export function grantedSystemPermissions(
  profileName: ProfileName,
  permissionSetNames: readonly PermissionSetName[]
): SystemPermissionName[] {
  const granted = new Set<SystemPermissionName>(PROFILES[profileName]);
  for (const permissionSetName of permissionSetNames) {
    for (const permission of PERMISSION_SETS[permissionSetName]) {
      granted.add(permission);
    }
  }
  return SYSTEM_PERMISSION_NAMES.filter((name) => granted.has(name));
}
