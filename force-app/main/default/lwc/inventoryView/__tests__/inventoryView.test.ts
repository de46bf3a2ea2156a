import {
  ageBucketsForApp,
  filterApps,
  riskReasons,
  setupPathFor,
  setupPathForKey,
  sortRows,
  toTableRow
} from "c/inventoryView";
import { copyDefaultSettings } from "c/guardSettings";
import {
  addRows,
  createInventory,
  summarise,
  type AppSummary
} from "c/tokenInventory";
import type { ConnectedAppPolicy, OAuthTokenRow } from "oauth-guard/dto";

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const SYNC_ID = "0H4000000000001CAA";
const REPORTS_ID = "0H4000000000002CAA";

function token(
  applicationId: string | null,
  appName: string,
  userIndex: number,
  ageDays: number
): OAuthTokenRow {
  return {
    applicationId,
    appMenuItemId: null,
    appName,
    userId: `005000000000${String(userIndex).padStart(3, "0")}AAA`,
    createdDate: new Date(NOW - ageDays * DAY).toISOString(),
    lastUsedDate: new Date(NOW - DAY).toISOString(),
    useCount: 2
  };
}

const POLICIES: ConnectedAppPolicy[] = [
  {
    applicationId: SYNC_ID,
    name: "Acme Sync",
    menuLabel: "Acme Sync",
    adminApprovedUsersOnly: false,
    refreshTokenValidityPeriod: null,
    refreshTokenValidityMetric: false,
    createdDate: null
  },
  {
    applicationId: REPORTS_ID,
    name: "Report Mailer",
    menuLabel: null,
    adminApprovedUsersOnly: true,
    refreshTokenValidityPeriod: 90,
    refreshTokenValidityMetric: true,
    createdDate: null
  }
];

function inventory(): {
  state: ReturnType<typeof createInventory>;
  apps: AppSummary[];
} {
  const state = createInventory(copyDefaultSettings());
  addRows(state, [
    token(SYNC_ID, "Acme Sync", 1, 10),
    token(SYNC_ID, "Acme Sync", 2, 400),
    token(REPORTS_ID, "Report Mailer", 3, 40),
    token(null, '<b>"Data" Loader</b>', 4, 1200)
  ]);
  return { state, apps: summarise(state, POLICIES, NOW) };
}

function byName(apps: AppSummary[], name: string): AppSummary {
  const app = apps.find((candidate) => candidate.name === name);
  if (!app) {
    throw new Error(`no app named ${name}`);
  }
  return app;
}

describe("toTableRow", () => {
  it("labels kind, installation, policy and permitted users", () => {
    const row = toTableRow(byName(inventory().apps, "Acme Sync"));
    expect(row.kind).toBe("Connected app");
    expect(row.installed).toBe("Installed");
    expect(row.refreshTokenPolicy).toBe("Never expires");
    expect(row.permittedUsers).toBe("All users may self-authorise");
    expect(row.tokens).toBe(2);
    expect(row.identityNote).toBe("");
    expect(row.users).toBe(2);
  });

  it("gives the reasons with the level", () => {
    const app = byName(inventory().apps, "Acme Sync");
    const row = toTableRow(app);
    expect(row.riskLevel).toBe("Medium");
    expect(row.riskReasons).toBe(riskReasons(app));
    expect(row.riskReasons).toContain("never expire");
  });

  it("keeps an app name with markup as plain text", () => {
    const app = inventory().apps.find((candidate) =>
      candidate.name.includes("Loader")
    );
    expect(app).toBeDefined();
    const row = app ? toTableRow(app) : null;
    expect(row?.name).toBe('<b>"Data" Loader</b>');
    expect(row?.installed).toBe("Not installed");
    expect(row?.identityNote).toBe("Known by name only");
  });
});

describe("riskReasons", () => {
  it("says so when no factor applies", () => {
    const app = byName(inventory().apps, "Report Mailer");
    const quiet = {
      ...app,
      risk: { level: "none" as const, score: 0, factors: [] }
    };
    expect(riskReasons(quiet)).toBe("No risk factor applies.");
  });
});

describe("filterApps", () => {
  it("matches names case-insensitively", () => {
    const names = filterApps(inventory().apps, "  acme ", "all").map(
      (app) => app.name
    );
    expect(names).toEqual(["Acme Sync"]);
  });

  it("matches the app key", () => {
    expect(filterApps(inventory().apps, REPORTS_ID, "all")).toHaveLength(1);
  });

  it("filters by risk level", () => {
    const { apps } = inventory();
    const medium = filterApps(apps, "", "medium");
    expect(medium.length).toBeGreaterThan(0);
    expect(medium.every((app) => app.risk.level === "medium")).toBe(true);
    expect(filterApps(apps, "", "all")).toHaveLength(apps.length);
  });
});

describe("sortRows", () => {
  const rows = () => inventory().apps.map(toTableRow);

  it("sorts numbers in both directions", () => {
    expect(sortRows(rows(), "tokens", "desc").map((row) => row.tokens)).toEqual(
      [2, 1, 1]
    );
    expect(sortRows(rows(), "tokens", "asc")[0]?.tokens).toBe(1);
  });

  it("sorts risk level by score", () => {
    const sorted = sortRows(rows(), "riskLevel", "desc");
    const scores = sorted.map((row) => row.riskScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("sorts text and puts empty cells last", () => {
    const withEmpty = rows().map((row, index) => ({
      ...row,
      lastUsed: index === 0 ? null : row.lastUsed
    }));
    const sorted = sortRows(withEmpty, "lastUsed", "asc");
    expect(sorted.at(-1)?.lastUsed).toBeNull();
    const names = sortRows(rows(), "name", "asc").map((row) => row.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});

describe("setupPathFor", () => {
  it("opens an installed connected app's page", () => {
    const path = setupPathFor(byName(inventory().apps, "Acme Sync"));
    expect(path).toMatch(/^\/lightning\/setup\/ConnectedApplication\/page/);
    expect(decodeURIComponent(path)).toContain(SYNC_ID);
  });

  it("opens OAuth usage for an app that is not installed", () => {
    const app = inventory().apps.find((candidate) => !candidate.installed);
    expect(app).toBeDefined();
    expect(app ? setupPathFor(app) : null).toBe(
      "/lightning/setup/ConnectedAppsUsage/home"
    );
  });
});

describe("ageBucketsForApp", () => {
  it("counts the app's tokens per bucket", () => {
    const { state, apps } = inventory();
    const buckets = ageBucketsForApp(state, byName(apps, "Acme Sync").key, NOW);
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(2);
    expect(
      buckets.find((bucket) => bucket.label === "Under 30 days")?.count
    ).toBe(1);
    expect(buckets.find((bucket) => bucket.label === "1–2 years")?.count).toBe(
      1
    );
  });

  it("returns empty buckets for an unknown key", () => {
    const buckets = ageBucketsForApp(inventory().state, "nothing", NOW);
    expect(buckets.every((bucket) => bucket.count === 0)).toBe(true);
  });
});

describe("identity notes", () => {
  it("explains tokens matched to an app by name", () => {
    const state = createInventory(copyDefaultSettings());
    addRows(state, [token(null, "Report Mailer", 7, 5)]);
    const [app] = summarise(state, POLICIES, NOW);
    expect(app).toBeDefined();
    expect(app ? toTableRow(app).identityNote : null).toBe(
      "Tokens without a menu item, matched to the app by name"
    );
  });

  it("explains tokens that name no app", () => {
    const state = createInventory(copyDefaultSettings());
    addRows(state, [{ ...token(null, "x", 8, 5), appName: null }]);
    const [app] = summarise(state, POLICIES, NOW);
    expect(app).toBeDefined();
    expect(app ? toTableRow(app).identityNote : null).toBe(
      "Tokens that name no app"
    );
  });
});

describe("setupPathForKey", () => {
  it("opens a connected app's page for its id key", () => {
    const path = setupPathForKey(`id:${SYNC_ID}`);
    expect(path).toMatch(/^\/lightning\/setup\/ConnectedApplication\/page/);
    expect(decodeURIComponent(path)).toContain(`applicationId=${SYNC_ID}`);
  });

  it("opens OAuth usage for other keys", () => {
    for (const key of [
      "name:Acme Sync",
      "unknown",
      "id:0xI000000000001CAA",
      "id:0H4<script>"
    ]) {
      expect(setupPathForKey(key)).toBe(
        "/lightning/setup/ConnectedAppsUsage/home"
      );
    }
  });
});
