import { INCIDENT_APP_NAME, MARKUP_APP_NAME } from "../app-catalog";
import { DemoOrg } from "../demo-org";
import {
  MAX_TOKEN_AGE_DAYS,
  MAX_TOKENS_PER_USER_AND_APP,
  type DemoOAuthToken
} from "../oauth-tokens";
import { compareTokenOrder } from "../token-order";

const DAY_MS = 86_400_000;

const org = new DemoOrg();
const tokens = org.oauthTokens;
const now = org.now.getTime();

function appKey(token: DemoOAuthToken): string {
  return token.applicationId ?? `name:${token.appName ?? ""}`;
}

function countBy<Key>(
  items: readonly DemoOAuthToken[],
  keyOf: (token: DemoOAuthToken) => Key
): Map<Key, number> {
  const counts = new Map<Key, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function holderOf(token: DemoOAuthToken) {
  const user = org.userById(token.userId);
  if (!user) {
    throw new Error(`Token holder ${token.userId} is not a demo user.`);
  }
  return user;
}

describe("DemoOrg OAuth tokens", () => {
  it("has 60,000 tokens", () => {
    expect(tokens).toHaveLength(60_000);
  });

  it("is the same for the same seed", async () => {
    const again = new DemoOrg();
    expect(await again.loadOAuthTokens()).toEqual(tokens);
  });

  it("differs for another seed", () => {
    const other = new DemoOrg({ seed: 7, userCount: 200 });
    const same = new DemoOrg({ userCount: 200 });
    expect(other.oauthTokens.slice(0, 50)).not.toEqual(
      same.oauthTokens.slice(0, 50)
    );
  });

  it("leaves the users unchanged", () => {
    expect(org.users).toEqual(new DemoOrg().users);
  });

  it("scales the default count with users", () => {
    expect(new DemoOrg({ userCount: 100 }).oauthTokens).toHaveLength(1200);
  });

  it("honours an explicit token count", () => {
    const small = new DemoOrg({ userCount: 100, tokenCount: 150 });
    expect(small.oauthTokens).toHaveLength(150);
  });

  it("is sorted in the Apex read order", () => {
    const outOfOrder = tokens.filter(
      (token, index) =>
        index > 0 &&
        compareTokenOrder(tokens[index - 1] as DemoOAuthToken, token) > 0
    );
    expect(outOfOrder).toEqual([]);
  });

  it("keeps at most five tokens per user and app", () => {
    const perGrant = countBy(
      tokens,
      (token) => `${token.userId}|${appKey(token)}`
    );
    expect(Math.max(...perGrant.values())).toBe(MAX_TOKENS_PER_USER_AND_APP);
  });

  it("never repeats a user, app and creation time", () => {
    const keys = new Set(
      tokens.map(
        (token) => `${token.userId}|${appKey(token)}|${token.createdAt}`
      )
    );
    expect(keys.size).toBe(tokens.length);
  });

  it("spreads creation over three years", () => {
    const ages = tokens.map((token) => (now - token.createdAt) / DAY_MS);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(MAX_TOKEN_AGE_DAYS);
    const share = (from: number, to: number) =>
      ages.filter((age) => age >= from && age < to).length / ages.length;
    expect(share(0, 90)).toBeGreaterThan(0.15);
    expect(share(365, 730)).toBeGreaterThan(0.1);
    expect(share(730, MAX_TOKEN_AGE_DAYS + 1)).toBeGreaterThan(0.03);
  });

  it("dates tokens in whole seconds", () => {
    const fractional = tokens.filter((token) => token.createdAt % 1000 !== 0);
    expect(fractional).toEqual([]);
  });

  it("dates last use between creation and now", () => {
    const used = tokens.filter((token) => token.lastUsedAt !== null);
    const beforeCreation = used.filter(
      (token) => (token.lastUsedAt as number) < token.createdAt
    );
    const afterNow = used.filter((token) => (token.lastUsedAt as number) > now);
    const uncounted = used.filter((token) => token.useCount <= 0);
    expect(beforeCreation).toEqual([]);
    expect(afterNow).toEqual([]);
    expect(uncounted).toEqual([]);
  });

  it("has tokens never used", () => {
    const unused = tokens.filter((token) => token.lastUsedAt === null);
    expect(unused.length).toBeGreaterThan(1000);
    expect(unused.every((token) => token.useCount === 0)).toBe(true);
  });

  it("creates tokens while the holder was active", () => {
    const beforeAccount = tokens.filter(
      (token) => token.createdAt < Date.parse(holderOf(token).createdDate)
    );
    const afterLeaving = tokens.filter((token) => {
      const holder = holderOf(token);
      return (
        !holder.isActive &&
        holder.lastLoginDate !== null &&
        token.createdAt > Date.parse(holder.lastLoginDate)
      );
    });
    expect(beforeAccount).toEqual([]);
    expect(afterLeaving).toEqual([]);
  });

  it("spreads tokens unevenly over users", () => {
    const perUser = countBy(tokens, (token) => token.userId);
    const counts = [...perUser.values()].sort(
      (first, second) => first - second
    );
    expect(perUser.size).toBeLessThan(org.users.length);
    expect(counts[0]).toBeLessThanOrEqual(2);
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(40);
  });

  it("has power users with many apps", () => {
    const appsPerUser = new Map<string, Set<string>>();
    for (const token of tokens) {
      const userApps = appsPerUser.get(token.userId) ?? new Set<string>();
      userApps.add(appKey(token));
      appsPerUser.set(token.userId, userApps);
    }
    const sizes = [...appsPerUser.values()].map((userApps) => userApps.size);
    expect(sizes.filter((size) => size >= 20).length).toBeGreaterThan(10);
  });

  it("has inactive and frozen holders", () => {
    const inactive = tokens.filter((token) => !holderOf(token).isActive);
    const frozen = tokens.filter((token) => holderOf(token).isFrozen);
    expect(inactive.length).toBeGreaterThan(1000);
    expect(frozen.length).toBeGreaterThan(100);
  });

  it("has holders with powerful permissions", () => {
    const powerful = tokens.filter((token) =>
      holderOf(token).systemPermissions.includes("ModifyAllData")
    );
    expect(powerful.length).toBeGreaterThan(100);
  });

  it("has tokens without a menu item", () => {
    const withoutMenu = tokens.filter((token) => token.appMenuItemId === null);
    expect(withoutMenu.length).toBeGreaterThan(100);
    const withId = withoutMenu.filter((token) => token.applicationId !== null);
    expect(withId).toEqual([]);
  });

  it("has tokens without an app name", () => {
    const nameless = tokens.filter((token) => token.appName === null);
    expect(nameless.length).toBeGreaterThan(0);
  });

  it("names renamed apps by both names", () => {
    const lumen = tokens.filter((token) => token.appName?.startsWith("Lumen"));
    const names = new Set(lumen.map((token) => token.appName));
    expect([...names].sort()).toEqual(["Lumen Insights", "Lumenary Reports"]);
    expect(new Set(lumen.map((token) => token.applicationId)).size).toBe(1);
  });

  describe("incident app", () => {
    const incident = tokens.filter(
      (token) => token.appName === INCIDENT_APP_NAME
    );
    const holders = new Set(incident.map((token) => token.userId));

    it("is held by many users", () => {
      expect(holders.size).toBeGreaterThan(1500);
    });

    it("is held by every active admin", () => {
      const admins = org.users.filter(
        (user) =>
          user.profileName === "System Administrator" &&
          user.isActive &&
          !user.isFrozen
      );
      expect(admins.length).toBeGreaterThan(10);
      for (const admin of admins) {
        expect(holders.has(admin.id)).toBe(true);
      }
    });

    it("was used heavily in the last week", () => {
      const lastWeek = incident.filter(
        (token) =>
          token.lastUsedAt !== null && now - token.lastUsedAt < 7 * DAY_MS
      );
      expect(lastWeek.length / incident.length).toBeGreaterThan(0.5);
      const uses = incident.map((token) => token.useCount);
      const median = uses.sort((first, second) => first - second)[
        uses.length >> 1
      ];
      expect(median).toBeGreaterThan(1000);
    });
  });

  describe("running users", () => {
    it("give the viewer a few known tokens", () => {
      const own = org.tokensOfUser(org.runningUsers.viewer.id);
      expect(own).toHaveLength(5);
      expect(own.map((token) => token.appName)).toContain(MARKUP_APP_NAME);
    });

    it("give the admin the incident app", () => {
      const own = org.tokensOfUser(org.runningUsers.admin.id);
      expect(own.map((token) => token.appName)).toContain(INCIDENT_APP_NAME);
    });

    it("return no tokens for an unknown user", () => {
      expect(org.tokensOfUser("005000000000000AAA")).toEqual([]);
    });
  });
});
