/**
 * The page's demo org and the person the visitor plays. `?viewer=1` in
 * the page URL selects the viewer persona, who lacks some system
 * permissions and the Revoke OAuth Tokens custom permission. `?tamper=1`
 * alters one stored audit record, so that the Audit tab reports the
 * trail as not intact.
 */
import customMetadataRecords from "oauth-guard-preview/custom-metadata";
import { DemoOrg } from "../demo-org/demo-org";
import { indicatorRulesFromMetadata } from "../demo-org/policy-records";
import { configureRevocationDemo } from "../demo-org/revocation-state";
import type { DemoPersona } from "../demo-org/running-users";

export const VIEWER_QUERY_PARAMETER = "viewer";
export const TAMPER_QUERY_PARAMETER = "tamper";

/** Returns true when a page URL's query string requests tamper mode. */
export function tamperFromQuery(search: string): boolean {
  const tamper = new URLSearchParams(search).get(TAMPER_QUERY_PARAMETER);
  return tamper === "1" || tamper === "true";
}

/** Returns the persona that a page URL's query string selects. */
export function personaFromQuery(search: string): DemoPersona {
  const viewer = new URLSearchParams(search).get(VIEWER_QUERY_PARAMETER);
  return viewer === "1" || viewer === "true" ? "viewer" : "admin";
}

/** Returns the start of the UTC day that contains `time`. */
function startOfUtcDay(time: Date): Date {
  const day = new Date(time);
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

/**
 * The demo org of this page. The components judge token ages by the
 * browser's clock, so the org's current time is the start of today (UTC)
 * rather than DemoOrg's fixed default: the same seed yields the same
 * records all day, each day shifted to stay recent. The settings and
 * indicator rules are the records that the package ships. Its state
 * resets when the page reloads.
 */
export const demoOrg = new DemoOrg({
  now: startOfUtcDay(new Date()),
  settingRecords: customMetadataRecords
    .filter((record) => record.type === "OAuth_Guard_Setting")
    .map((record) => ({
      name: record.name,
      value: record.values.Value__c ?? ""
    })),
  indicatorRules: indicatorRulesFromMetadata(customMetadataRecords)
});

export const tamperMode = tamperFromQuery(window.location.search);
configureRevocationDemo(demoOrg, { tamper: tamperMode });

export const persona: DemoPersona = personaFromQuery(window.location.search);

export const runningUser = demoOrg.runningUsers[persona];

/**
 * Returns the value of `@salesforce/customPermission/Name`: true when the
 * running user is assigned one of the permission sets that enable it,
 * else undefined.
 */
export function hasCustomPermission(
  enablingPermissionSets: readonly string[]
): true | undefined {
  const assignedSets = new Set<string>(runningUser.permissionSetNames);
  return enablingPermissionSets.some((name) => assignedSets.has(name))
    ? true
    : undefined;
}
