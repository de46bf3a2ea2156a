import { appKindOf, toEighteenCharacterId } from "c/appKey";
import { readRefreshTokenPolicy } from "c/refreshTokenPolicy";
import {
  APP_CATALOG,
  INCIDENT_APP_NAME,
  MARKUP_APP_NAME
} from "../app-catalog";
import { generateApps, type DemoApp } from "../connected-apps";
import { DemoOrg } from "../demo-org";
import { createRandom } from "../random";

const org = new DemoOrg({ userCount: 10 });
const apps = org.apps;

function appNamed(name: string): DemoApp {
  const app = apps.find((candidate) => candidate.definition.name === name);
  if (!app) {
    throw new Error(`The demo org has no app named ${name}.`);
  }
  return app;
}

describe("DemoOrg apps", () => {
  it("has about forty apps", () => {
    expect(apps.length).toBeGreaterThanOrEqual(38);
    expect(apps.length).toBeLessThanOrEqual(45);
  });

  it("is the same for the same seed", () => {
    expect(new DemoOrg({ userCount: 10 }).apps).toEqual(apps);
  });

  it("draws from its own stream", () => {
    const regenerated = generateApps(
      createRandom(org.seed, "connectedApps"),
      APP_CATALOG,
      org.now
    );
    expect(regenerated).toEqual(apps);
  });

  it("gives each app a unique name", () => {
    const names = apps.map((app) => app.definition.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives valid 18-character application ids", () => {
    const ids = apps.flatMap((app) =>
      app.applicationId === null ? [] : [app.applicationId]
    );
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) {
      expect(toEighteenCharacterId(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("prefixes ids by kind of app", () => {
    for (const app of apps) {
      if (app.applicationId !== null) {
        expect(appKindOf(app.applicationId)).toBe(app.definition.kind);
      }
    }
    const kinds = new Set(apps.map((app) => app.definition.kind));
    expect([...kinds].sort()).toEqual([
      "connected-app",
      "external-client-app",
      "unknown"
    ]);
  });

  it("gives policies to installed connected apps only", () => {
    for (const app of apps) {
      if (app.policy) {
        expect(app.definition.kind).toBe("connected-app");
        expect(app.policy.applicationId.startsWith("0H4")).toBe(true);
        expect(app.policy.name).toBe(app.definition.name);
      }
    }
  });

  it("has uninstalled apps with and without ids", () => {
    const uninstalled = apps.filter((app) => app.policy === null);
    const withId = uninstalled.filter(
      (app) => app.definition.kind === "connected-app"
    );
    const nameOnly = uninstalled.filter(
      (app) => app.applicationId === null && app.definition.name !== null
    );
    expect(withId.length).toBeGreaterThanOrEqual(3);
    expect(nameOnly.length).toBeGreaterThanOrEqual(3);
  });

  it("has every refresh-token policy", () => {
    const policies = new Set(
      apps
        .filter((app) => app.policy !== null)
        .map((app) => readRefreshTokenPolicy(app.policy).policy)
    );
    expect([...policies].sort()).toEqual([
      "expires-after-inactivity",
      "expires-after-period",
      "never-expires",
      "unknown"
    ]);
  });

  it("has admin-approved and self-authorised apps", () => {
    const approval = apps.map((app) => app.policy?.adminApprovedUsersOnly);
    expect(approval).toContain(true);
    expect(approval).toContain(false);
    expect(approval).toContain(null);
  });

  it("has renamed apps", () => {
    const renamed = apps.filter(
      (app) =>
        app.definition.formerName !== undefined ||
        (app.policy?.menuLabel ?? app.policy?.name) !== app.policy?.name
    );
    expect(renamed.length).toBeGreaterThanOrEqual(2);
  });

  it("labels an installed app without a menu item", () => {
    const withoutMenu = apps.filter(
      (app) => app.policy !== null && app.policy.menuLabel === null
    );
    expect(withoutMenu.length).toBeGreaterThanOrEqual(1);
    for (const app of withoutMenu) {
      expect(app.applicationId).toBeNull();
      expect(app.appMenuItemId).toBeNull();
    }
  });

  it("installs the app with markup in its name", () => {
    expect(appNamed(MARKUP_APP_NAME).policy?.menuLabel).toBe(MARKUP_APP_NAME);
  });

  it("lets anyone authorise the incident app forever", () => {
    const policy = appNamed(INCIDENT_APP_NAME).policy;
    expect(policy).not.toBeNull();
    expect(readRefreshTokenPolicy(policy).policy).toBe("never-expires");
    expect(policy?.adminApprovedUsersOnly).toBe(false);
  });

  it("creates every app before its first token", () => {
    for (const app of apps) {
      const introducedAt =
        org.now.getTime() - app.definition.introducedDaysAgo * 86_400_000;
      expect(app.createdAt).toBeLessThan(introducedAt);
    }
  });
});
