/**
 * Every Apex method the components call, as the demo org implements it,
 * keyed by `Class.method`. To give a feature's Apex methods to the
 * preview, add their entries here: the preview bundle resolves each
 * `@salesforce/apex/Class.method` import to the entry of the same key.
 */
import type getSettings from "@salesforce/apex/GuardSettingsController.getSettings";
import type getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import type getSystemPermissions from "@salesforce/apex/SystemPermissionController.getSystemPermissions";
import type countTokens from "@salesforce/apex/TokenInventoryController.countTokens";
import type listConnectedApps from "@salesforce/apex/TokenInventoryController.listConnectedApps";
import type readTokenSlice from "@salesforce/apex/TokenInventoryController.readTokenSlice";
import { defineApexMethod, type ApexMethodRegistry } from "./apex-method";
import * as inventory from "./inventory-controllers";
import * as policies from "./policy-controller";
import { CAPTURE_SCHEDULE_APEX_METHODS } from "./capture-schedule-methods";
import { EVENT_SOURCE_APEX_METHODS } from "./event-source-methods";
import { REVOCATION_APEX_METHODS } from "./revocation-methods";
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
  }),

  "GuardSettingsController.getSettings": defineApexMethod<typeof getSettings>(
    { cacheable: true },
    (context) => inventory.getSettings(context)
  ),

  "PolicyController.getPolicyOverview": defineApexMethod<
    typeof getPolicyOverview
  >({ cacheable: true }, (context) => policies.getPolicyOverview(context)),

  // The token methods generate the demo org's tokens on first use, in
  // short tasks, so that the page stays responsive meanwhile.
  "TokenInventoryController.countTokens": defineApexMethod<typeof countTokens>(
    { cacheable: false },
    async (context) => {
      await context.org.loadOAuthTokens();
      return inventory.countTokens(context);
    }
  ),

  "TokenInventoryController.readTokenSlice": defineApexMethod<
    typeof readTokenSlice
  >({ cacheable: false }, async (context, { cursor }) => {
    await context.org.loadOAuthTokens();
    return inventory.readTokenSlice(context, cursor);
  }),

  "TokenInventoryController.listConnectedApps": defineApexMethod<
    typeof listConnectedApps
  >({ cacheable: true }, (context) => inventory.listConnectedApps(context)),

  ...REVOCATION_APEX_METHODS,
  ...EVENT_SOURCE_APEX_METHODS,
  ...CAPTURE_SCHEDULE_APEX_METHODS
} satisfies ApexMethodRegistry;
