/**
 * The two people a visitor can be in the demo: an OAuth Guard admin with
 * every permission the app uses, and a viewer who lacks some of them and
 * the Revoke OAuth Tokens custom permission but may archive audit records.
 */
import {
  grantedSystemPermissions,
  type PermissionSetName,
  type ProfileName
} from "./permission-catalog";
import { demoRecordId } from "./salesforce-id";
import { USER_KEY_PREFIX, type DemoUser } from "./users";

export type DemoPersona = "admin" | "viewer";

export const DEMO_PERSONAS: readonly DemoPersona[] = ["admin", "viewer"];

interface RunningUserTemplate {
  firstName: string;
  lastName: string;
  alias: string;
  profileName: ProfileName;
  permissionSetNames: PermissionSetName[];
  accountAgeDays: number;
}

const TEMPLATES: Record<DemoPersona, RunningUserTemplate> = {
  admin: {
    firstName: "Morgan",
    lastName: "Reyes",
    alias: "mreyes",
    profileName: "System Administrator",
    permissionSetNames: ["OAuth_Guard_Admin", "Event_Monitoring_Analyst"],
    accountAgeDays: 1400
  },
  viewer: {
    firstName: "Sam",
    lastName: "Okafor",
    alias: "sokafor",
    profileName: "Standard User",
    // Event log files but not View All Data, so that the demo shows what
    // OAuth Guard displays without it, such as unreadable policy states.
    // The auditor set lets the viewer archive audit records, which the
    // admin who revokes tokens should not be able to do.
    permissionSetNames: [
      "OAuth_Guard_Viewer",
      "OAuth_Guard_Auditor",
      "Event_Log_Reader"
    ],
    accountAgeDays: 600
  }
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Returns the running users, admin first, with the first User Ids of the
 * org. Their records are fixed, so they do not depend on the seed.
 */
export function createRunningUsers(
  now: Date,
  domain: string
): Record<DemoPersona, DemoUser> {
  const admin = createRunningUser(TEMPLATES.admin, 0, now, domain);
  const viewer = createRunningUser(TEMPLATES.viewer, 1, now, domain);
  return { admin, viewer };
}

function createRunningUser(
  template: RunningUserTemplate,
  sequence: number,
  now: Date,
  domain: string
): DemoUser {
  const username =
    `${template.firstName}.${template.lastName}@${domain}`.toLowerCase();
  return {
    id: demoRecordId(USER_KEY_PREFIX, sequence),
    firstName: template.firstName,
    lastName: template.lastName,
    name: `${template.firstName} ${template.lastName}`,
    username,
    email: username,
    alias: template.alias,
    profileName: template.profileName,
    isActive: true,
    isFrozen: false,
    createdDate: new Date(
      now.getTime() - template.accountAgeDays * DAY_MS
    ).toISOString(),
    lastLoginDate: new Date(now.getTime() - 60 * 60 * 1000).toISOString(),
    permissionSetNames: [...template.permissionSetNames],
    systemPermissions: grantedSystemPermissions(
      template.profileName,
      template.permissionSetNames
    )
  };
}
