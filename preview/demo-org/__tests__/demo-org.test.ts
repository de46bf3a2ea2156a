import { DemoOrg, DEFAULT_USER_COUNT, DEMO_DOMAIN } from "../demo-org";
import { POWERFUL_PERMISSION_NAMES } from "../permission-catalog";
import { createRandom } from "../random";
import { generateUsers, type DemoUser } from "../users";

const org = new DemoOrg();
const users = org.users;

function share(predicate: (user: DemoUser) => boolean): number {
  return users.filter(predicate).length / users.length;
}

describe("DemoOrg users", () => {
  it("has the default number of users", () => {
    expect(users).toHaveLength(DEFAULT_USER_COUNT);
  });

  it("is the same for the same seed", () => {
    expect(new DemoOrg().users).toEqual(users);
  });

  it("differs for another seed", () => {
    const other = new DemoOrg({ seed: 7 }).users;
    expect(other.slice(2, 50)).not.toEqual(users.slice(2, 50));
  });

  it("keeps generated users when another stream is drawn first", () => {
    // A later slice drawing from its own stream must not shift the users.
    createRandom(org.seed, "connectedApps").next();
    const generated = generateUsers(createRandom(org.seed, "users"), {
      count: DEFAULT_USER_COUNT - 2,
      firstSequence: 2,
      now: org.now,
      domain: DEMO_DOMAIN,
      takenUsernames: users.slice(0, 2).map((user) => user.username)
    });
    expect(generated).toEqual(users.slice(2));
  });

  it("starts with the admin and viewer running users", () => {
    expect(users[0]).toBe(org.runningUsers.admin);
    expect(users[1]).toBe(org.runningUsers.viewer);
  });

  it("gives every user a unique Id", () => {
    expect(new Set(users.map((user) => user.id)).size).toBe(users.length);
  });

  it("gives every user a unique username", () => {
    const usernames = users.map((user) => user.username);
    expect(new Set(usernames).size).toBe(users.length);
  });

  it("uses the demo domain for usernames", () => {
    for (const user of users) {
      expect(user.username.endsWith(`@${DEMO_DOMAIN}`)).toBe(true);
    }
  });

  it("has some inactive users", () => {
    const inactive = share((user) => !user.isActive);
    expect(inactive).toBeGreaterThan(0.08);
    expect(inactive).toBeLessThan(0.16);
  });

  it("freezes only active users", () => {
    const frozen = users.filter((user) => user.isFrozen);
    expect(frozen.length).toBeGreaterThan(20);
    expect(frozen.every((user) => user.isActive)).toBe(true);
  });

  it.each(POWERFUL_PERMISSION_NAMES)(
    "has active users holding %s",
    (permission) => {
      const holders = users.filter(
        (user) => user.isActive && user.systemPermissions.includes(permission)
      );
      expect(holders.length).toBeGreaterThanOrEqual(10);
      expect(holders.length).toBeLessThan(users.length * 0.05);
    }
  );

  it("has integration users", () => {
    const integration = users.filter(
      (user) => user.profileName === "Salesforce API Only System Integrations"
    );
    expect(integration.length).toBeGreaterThan(5);
  });

  it("dates every user before the org's current time", () => {
    for (const user of users) {
      expect(Date.parse(user.createdDate)).toBeLessThan(org.now.getTime());
    }
  });

  it("dates last logins between creation and now", () => {
    const loggedIn = users.filter((user) => user.lastLoginDate !== null);
    expect(loggedIn.length).toBeGreaterThan(users.length / 2);
    for (const user of loggedIn) {
      const lastLogin = Date.parse(user.lastLoginDate ?? "");
      expect(lastLogin).toBeGreaterThanOrEqual(Date.parse(user.createdDate));
      expect(lastLogin).toBeLessThanOrEqual(org.now.getTime());
    }
  });

  it("has users who never logged in", () => {
    expect(users.some((user) => user.lastLoginDate === null)).toBe(true);
  });

  it("generates users once per org", () => {
    expect(org.users).toBe(users);
  });

  it("rejects fewer users than the running users", () => {
    expect(() => new DemoOrg({ userCount: 1 })).toThrow(RangeError);
  });
});

describe("running users", () => {
  it("grants the admin every tracked permission", () => {
    expect(org.runningUsers.admin.systemPermissions).toEqual(
      expect.arrayContaining([
        ...POWERFUL_PERMISSION_NAMES,
        "ApiEnabled",
        "ViewEventLogFiles",
        "ViewRealTimeEventMonitoringData"
      ])
    );
  });

  it("gives the viewer no Customize Application", () => {
    expect(org.runningUsers.viewer.systemPermissions).not.toContain(
      "CustomizeApplication"
    );
  });

  it("gives only the admin the OAuth Guard Admin set", () => {
    expect(org.runningUsers.admin.permissionSetNames).toContain(
      "OAuth_Guard_Admin"
    );
    expect(org.runningUsers.viewer.permissionSetNames).not.toContain(
      "OAuth_Guard_Admin"
    );
  });
});
