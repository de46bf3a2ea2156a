/**
 * Every Apex method the components call, as the demo org implements it,
 * keyed by `Class.method`. To give a feature's Apex methods to the
 * preview, add their entries here: the preview bundle resolves each
 * `@salesforce/apex/Class.method` import to the entry of the same key.
 */
import type getSystemPermissions from "@salesforce/apex/SystemPermissionController.getSystemPermissions";
import { defineApexMethod, type ApexMethodRegistry } from "./apex-method";
import type { SystemPermissionName } from "./permission-catalog";

// The permissions SystemPermissionController reports, in its order.
const REPORTED_PERMISSIONS: readonly SystemPermissionName[] = [
  "CustomizeApplication",
  "ViewAllData",
  "ViewEventLogFiles",
  "ManageUsers",
  "ApiEnabled"
];

export const APEX_METHODS = {
  "SystemPermissionController.getSystemPermissions": defineApexMethod<
    typeof getSystemPermissions
  >({ cacheable: true }, ({ org, runningUser }) => {
    const grantedPermissions = new Set(runningUser.systemPermissions);
    const statuses = REPORTED_PERMISSIONS.map((name) => ({
      name,
      granted: grantedPermissions.has(name),
      available: true
    }));
    // Real-time event objects exist only with an Event Monitoring licence.
    statuses.push({
      name: "ViewRealTimeEventMonitoringData",
      granted:
        org.hasEventMonitoring &&
        grantedPermissions.has("ViewRealTimeEventMonitoringData"),
      available: org.hasEventMonitoring
    });
    return statuses;
  })
} satisfies ApexMethodRegistry;
