/**
 * The page's demo org and the person the visitor plays. `?viewer=1` in
 * the page URL selects the viewer persona, who lacks some system
 * permissions and the Revoke OAuth Tokens custom permission.
 */
import { DemoOrg } from "../demo-org/demo-org";
import type { DemoPersona } from "../demo-org/running-users";

export const VIEWER_QUERY_PARAMETER = "viewer";

/** Returns the persona that a page URL's query string selects. */
export function personaFromQuery(search: string): DemoPersona {
  const viewer = new URLSearchParams(search).get(VIEWER_QUERY_PARAMETER);
  return viewer === "1" || viewer === "true" ? "viewer" : "admin";
}

/** The demo org of this page. Its state resets when the page reloads. */
export const demoOrg = new DemoOrg();

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
