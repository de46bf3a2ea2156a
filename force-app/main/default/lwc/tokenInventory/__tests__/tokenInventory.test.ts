import type {
  ConnectedAppPolicy,
  OAuthTokenRow,
  TokenHolder,
  TokenSlice
} from "oauth-guard/dto";
import { DEFAULT_SETTINGS, copyDefaultSettings } from "c/guardSettings";
import {
  MAX_PAGE_SIZE,
  MAX_STORED_PROBLEMS,
  addRows,
  addSlice,
  addSliceInChunks,
  createInventory,
  inventoryStatus,
  mergeHolders,
  summarise,
  tokensForApp,
  type AppSummary,
  type InventoryState
} from "c/tokenInventory";

const DAY = 86_400_000;
const NOW = Date.parse("2025-06-01T00:00:00.000Z");

const ACME_ID = "0H4Hr000000XyZaKAK";
const GONE_ID = "0H4000000000001CAA";
const PARTNER_ID = "0xIHs0000000AbCMAU";
const ALICE = "005000000000001AAA";
const BOB = "005000000000002AAA";
const CAROL = "005000000000003AAA";

const ACME_POLICY: ConnectedAppPolicy = {
  applicationId: ACME_ID,
  name: "Acme Sync",
  menuLabel: "Acme Sync",
  adminApprovedUsersOnly: true,
  refreshTokenValidityPeriod: 30,
  refreshTokenValidityMetric: true,
  createdDate: "2023-01-01T00:00:00.000Z"
};

function daysAgo(days: number): string {
  return new Date(NOW - days * DAY).toISOString();
}

function token(overrides: Partial<OAuthTokenRow> = {}): OAuthTokenRow {
  return {
    applicationId: ACME_ID,
    appMenuItemId: "0DS000000000001AAA",
    appName: "Acme Sync",
    userId: ALICE,
    createdDate: daysAgo(10),
    lastUsedDate: daysAgo(1),
    useCount: 5,
    ...overrides
  };
}

function holder(overrides: Partial<TokenHolder> = {}): TokenHolder {
  return {
    userId: ALICE,
    name: "Alice Archer",
    username: "alice@example.com",
    isActive: true,
    isFrozen: false,
    powerfulPermissions: [],
    ...overrides
  };
}

function slice(
  tokens: OAuthTokenRow[],
  holders: TokenHolder[] = [],
  problems: string[] = []
): TokenSlice {
  return { tokens, holders, nextCursor: null, problems };
}

function inventoryOf(
  tokens: OAuthTokenRow[],
  holders: TokenHolder[] = []
): InventoryState {
  const state = createInventory(DEFAULT_SETTINGS);
  addSlice(state, slice(tokens, holders));
  return state;
}

function summaryFor(
  state: InventoryState,
  key: string,
  policies: ConnectedAppPolicy[] = [ACME_POLICY]
): AppSummary {
  const summary = summarise(state, policies, NOW).find(
    (candidate) => candidate.key === key
  );
  if (!summary) {
    throw new Error(`No summary for ${key}`);
  }
  return summary;
}

describe("createInventory", () => {
  it("starts with no apps", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    expect(summarise(state, [ACME_POLICY], NOW)).toEqual([]);
  });

  it("starts with zero counts", () => {
    const status = inventoryStatus(createInventory(DEFAULT_SETTINGS));
    expect(status).toEqual({
      apps: 0,
      tokens: 0,
      holders: 0,
      duplicateRows: 0,
      skippedRows: 0,
      problems: [],
      problemCount: 0
    });
  });
});

describe("per-app figures", () => {
  it("counts tokens per app", () => {
    const state = inventoryOf([
      token(),
      token({ userId: BOB }),
      token({ applicationId: GONE_ID, appName: "Gone" })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).tokens).toBe(2);
    expect(summaryFor(state, `id:${GONE_ID}`).tokens).toBe(1);
  });

  it("counts distinct holders as users", () => {
    const state = inventoryOf([
      token(),
      token({ createdDate: daysAgo(20) }),
      token({ userId: BOB })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).users).toBe(2);
  });

  it("reports the oldest creation date", () => {
    const state = inventoryOf([
      token({ createdDate: daysAgo(5) }),
      token({ createdDate: daysAgo(50) })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).oldestCreated).toBe(daysAgo(50));
  });

  it("reports the most recent use", () => {
    const state = inventoryOf([
      token({ createdDate: daysAgo(30), lastUsedDate: daysAgo(9) }),
      token({ createdDate: daysAgo(40), lastUsedDate: daysAgo(2) })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).lastUsed).toBe(daysAgo(2));
  });

  it("reports no last use when no token was used", () => {
    const state = inventoryOf([token({ lastUsedDate: null })]);
    expect(summaryFor(state, `id:${ACME_ID}`).lastUsed).toBeNull();
  });

  it("sums use counts, a null count adding nothing", () => {
    const state = inventoryOf([
      token({ useCount: 5 }),
      token({ userId: BOB, useCount: null }),
      token({ userId: CAROL, useCount: 7 })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).totalUseCount).toBe(12);
  });

  it("ignores a negative use count", () => {
    const state = inventoryOf([token({ useCount: -3 })]);
    expect(summaryFor(state, `id:${ACME_ID}`).totalUseCount).toBe(0);
  });

  it("counts stale tokens at the given time", () => {
    const state = inventoryOf([
      token({ createdDate: daysAgo(200), lastUsedDate: daysAgo(90) }),
      token({
        userId: BOB,
        createdDate: daysAgo(200),
        lastUsedDate: daysAgo(91)
      }),
      token({ userId: CAROL, createdDate: daysAgo(91), lastUsedDate: null })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).staleCount).toBe(2);
  });

  it("counts old tokens at the given time", () => {
    const state = inventoryOf([
      token({ createdDate: daysAgo(180) }),
      token({ userId: BOB, createdDate: daysAgo(181) })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).oldCount).toBe(1);
  });

  it("uses the thresholds of its settings", () => {
    const settings = copyDefaultSettings();
    settings.staleAfterDays = 5;
    const state = createInventory(settings);
    addSlice(state, slice([token({ lastUsedDate: daysAgo(6) })]));
    expect(summaryFor(state, `id:${ACME_ID}`).staleCount).toBe(1);
  });
});

describe("app identity", () => {
  it("groups 15- and 18-character forms of one id", () => {
    const state = inventoryOf([
      token({ applicationId: "0H4Hr000000XyZa" }),
      token({ userId: BOB })
    ]);
    expect(summarise(state, [ACME_POLICY], NOW)).toHaveLength(1);
    expect(summaryFor(state, `id:${ACME_ID}`).tokens).toBe(2);
  });

  it("treats 15- and 18-character user ids as one user", () => {
    const state = inventoryOf([
      token({ userId: "005000000000001" }),
      token({ createdDate: daysAgo(20) })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).users).toBe(1);
  });

  it("names a renamed app by its menu label", () => {
    const state = inventoryOf([token({ appName: "Acme Legacy Sync" })]);
    const summary = summaryFor(state, `id:${ACME_ID}`);
    expect(summary.name).toBe("Acme Sync");
    expect(summary.tokenAppNames).toEqual(["Acme Legacy Sync"]);
  });

  it("keeps every AppName a renamed app's tokens carry", () => {
    const state = inventoryOf([
      token({ appName: "Acme Legacy Sync" }),
      token({ userId: BOB, appName: "Acme Sync" })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).tokenAppNames).toEqual([
      "Acme Legacy Sync",
      "Acme Sync"
    ]);
  });

  it("falls back to the ConnectedApplication name", () => {
    const state = inventoryOf([token({ appName: "Old" })]);
    const summary = summaryFor(state, `id:${ACME_ID}`, [
      { ...ACME_POLICY, menuLabel: null }
    ]);
    expect(summary.name).toBe("Acme Sync");
  });

  it("falls back to the token's AppName", () => {
    const state = inventoryOf([
      token({ applicationId: GONE_ID, appName: "Gone" })
    ]);
    expect(summaryFor(state, `id:${GONE_ID}`).name).toBe("Gone");
  });

  it("matches an app without a menu item by name", () => {
    const state = inventoryOf([
      token({ applicationId: null, appMenuItemId: null })
    ]);
    const summary = summaryFor(state, "name:Acme Sync");
    expect(summary.installed).toBe(true);
    expect(summary.policyMatch).toBe("name");
    expect(summary.kind).toBe("connected-app");
    expect(summary.applicationId).toBe(ACME_ID);
  });

  it("marks an app known only by name as not installed", () => {
    const state = inventoryOf([
      token({ applicationId: null, appMenuItemId: null, appName: "Ghost" })
    ]);
    const summary = summaryFor(state, "name:Ghost");
    expect(summary.installed).toBe(false);
    expect(summary.kind).toBe("unknown");
  });

  it("marks a connected app without a record as not installed", () => {
    const state = inventoryOf([token({ applicationId: GONE_ID })]);
    const summary = summaryFor(state, `id:${GONE_ID}`);
    expect(summary.installed).toBe(false);
    expect(summary.refreshTokenPolicy.policy).toBe("unknown");
  });

  it("leaves installation of an external client app unknown", () => {
    const state = inventoryOf([token({ applicationId: PARTNER_ID })]);
    const summary = summaryFor(state, `id:${PARTNER_ID}`);
    expect(summary.kind).toBe("external-client-app");
    expect(summary.installed).toBeNull();
  });

  it("groups rows with neither id nor name as an unknown app", () => {
    const state = inventoryOf([
      token({ applicationId: null, appName: null }),
      token({ applicationId: null, appName: "", userId: BOB })
    ]);
    const summary = summaryFor(state, "unknown");
    expect(summary.name).toBe("Unknown app");
    expect(summary.tokens).toBe(2);
    expect(summary.installed).toBeNull();
  });

  it("reads the refresh-token policy of an installed app", () => {
    const state = inventoryOf([token()]);
    expect(summaryFor(state, `id:${ACME_ID}`).refreshTokenPolicy.policy).toBe(
      "expires-after-inactivity"
    );
  });
});

describe("permitted users", () => {
  it.each([
    [true, "admin-approved"],
    [false, "all-users"],
    [null, "unknown"]
  ] as const)("reads %p as %s", (adminApprovedUsersOnly, expected) => {
    const state = inventoryOf([token()]);
    const summary = summaryFor(state, `id:${ACME_ID}`, [
      { ...ACME_POLICY, adminApprovedUsersOnly }
    ]);
    expect(summary.permittedUsers).toBe(expected);
  });

  it("reads an app not installed as unknown", () => {
    const state = inventoryOf([token({ applicationId: GONE_ID })]);
    expect(summaryFor(state, `id:${GONE_ID}`).permittedUsers).toBe("unknown");
  });
});

describe("duplicate rows", () => {
  it("counts a row read twice once", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addSlice(state, slice([token()]));
    addSlice(state, slice([token()]));
    expect(summaryFor(state, `id:${ACME_ID}`).tokens).toBe(1);
    expect(inventoryStatus(state).duplicateRows).toBe(1);
  });

  it("does not add a duplicate's use count twice", () => {
    const state = inventoryOf([token({ useCount: 5 }), token({ useCount: 5 })]);
    expect(summaryFor(state, `id:${ACME_ID}`).totalUseCount).toBe(5);
  });

  it("takes the newer usage of a re-read row", () => {
    const state = inventoryOf([
      token({ lastUsedDate: daysAgo(3), useCount: 5 }),
      token({ lastUsedDate: daysAgo(1), useCount: 8 })
    ]);
    const summary = summaryFor(state, `id:${ACME_ID}`);
    expect(summary.totalUseCount).toBe(8);
    expect(summary.lastUsed).toBe(daysAgo(1));
  });

  it("keeps the newer usage when the older arrives second", () => {
    const state = inventoryOf([
      token({ lastUsedDate: daysAgo(1), useCount: 8 }),
      token({ lastUsedDate: daysAgo(3), useCount: 5 })
    ]);
    const summary = summaryFor(state, `id:${ACME_ID}`);
    expect(summary.totalUseCount).toBe(8);
    expect(summary.lastUsed).toBe(daysAgo(1));
  });

  it("fills a null use count from a re-read row", () => {
    const state = inventoryOf([
      token({ useCount: null, lastUsedDate: null }),
      token({ useCount: 2, lastUsedDate: daysAgo(1) })
    ]);
    const summary = summaryFor(state, `id:${ACME_ID}`);
    expect(summary.totalUseCount).toBe(2);
    expect(summary.staleCount).toBe(0);
  });

  it("matches duplicates across timestamp spellings", () => {
    const state = inventoryOf([
      token({ createdDate: "2025-05-01T00:00:00.000Z" }),
      token({ createdDate: "2025-05-01T00:00:00.000+0000" })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).tokens).toBe(1);
  });

  it("keeps two tokens of one user created apart", () => {
    const state = inventoryOf([
      token({ createdDate: "2025-05-01T00:00:00.000Z" }),
      token({ createdDate: "2025-05-01T00:00:00.001Z" })
    ]);
    expect(summaryFor(state, `id:${ACME_ID}`).tokens).toBe(2);
  });
});

describe("holders", () => {
  it("counts tokens of holders with powerful permissions", () => {
    const state = inventoryOf(
      [token(), token({ userId: BOB })],
      [
        holder({ powerfulPermissions: ["Modify All Data"] }),
        holder({ userId: BOB, name: "Bob" })
      ]
    );
    const factor = summaryFor(state, `id:${ACME_ID}`).risk.factors.find(
      (candidate) => candidate.code === "powerfulPermissionHolders"
    );
    expect(factor?.message).toBe(
      "1 token is held by a user with Modify All Data."
    );
  });

  it("counts every token of a powerful holder", () => {
    const state = inventoryOf(
      [token(), token({ createdDate: daysAgo(20) })],
      [holder({ powerfulPermissions: ["Modify All Data"] })]
    );
    const factor = summaryFor(state, `id:${ACME_ID}`).risk.factors.find(
      (candidate) => candidate.code === "powerfulPermissionHolders"
    );
    expect(factor?.tokenCount).toBe(2);
  });

  it("counts tokens of inactive or frozen holders", () => {
    const state = inventoryOf(
      [token(), token({ userId: BOB }), token({ userId: CAROL })],
      [
        holder({ isActive: false }),
        holder({ userId: BOB, isFrozen: true }),
        holder({ userId: CAROL })
      ]
    );
    const factor = summaryFor(state, `id:${ACME_ID}`).risk.factors.find(
      (candidate) => candidate.code === "inactiveOrFrozenHolders"
    );
    expect(factor?.tokenCount).toBe(2);
  });

  it("merges one holder's permissions across slices", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    mergeHolders(state, [holder({ powerfulPermissions: ["View All Data"] })]);
    mergeHolders(state, [holder({ powerfulPermissions: ["Modify All Data"] })]);
    expect(state.holders.get(ALICE)?.powerfulPermissions).toEqual([
      "View All Data",
      "Modify All Data"
    ]);
  });

  it("takes a holder's later details", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    mergeHolders(state, [holder({ isFrozen: false })]);
    mergeHolders(state, [holder({ isFrozen: true })]);
    expect(state.holders.get(ALICE)?.isFrozen).toBe(true);
  });

  it("joins a 15-character holder id to its tokens", () => {
    const state = inventoryOf(
      [token()],
      [holder({ userId: "005000000000001", isActive: false })]
    );
    expect(
      summaryFor(state, `id:${ACME_ID}`).risk.factors.map((f) => f.code)
    ).toContain("inactiveOrFrozenHolders");
  });

  it("applies a holder that arrives after its tokens", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addSlice(state, slice([token()]));
    addSlice(state, slice([], [holder({ isActive: false })]));
    expect(
      summaryFor(state, `id:${ACME_ID}`).risk.factors.map((f) => f.code)
    ).toContain("inactiveOrFrozenHolders");
  });
});

describe("risk", () => {
  it("rates an app not installed", () => {
    const state = inventoryOf([token({ applicationId: GONE_ID })]);
    const risk = summaryFor(state, `id:${GONE_ID}`).risk;
    expect(risk.factors.map((factor) => factor.code)).toEqual(["notInstalled"]);
    expect(risk.level).toBe("medium");
  });

  it("lists riskier apps first", () => {
    const state = inventoryOf([
      token(),
      token({ applicationId: GONE_ID, appName: "Gone" })
    ]);
    const keys = summarise(state, [ACME_POLICY], NOW).map((s) => s.key);
    expect(keys).toEqual([`id:${GONE_ID}`, `id:${ACME_ID}`]);
  });

  it("orders apps of equal risk by token count", () => {
    const state = inventoryOf([
      token({ applicationId: GONE_ID, appName: "Gone" }),
      token({ applicationId: "0H4000000000002CAA", appName: "Lost" }),
      token({
        applicationId: "0H4000000000002CAA",
        appName: "Lost",
        userId: BOB
      })
    ]);
    const names = summarise(state, [], NOW).map((s) => s.name);
    expect(names).toEqual(["Lost", "Gone"]);
  });

  it("orders apps of equal risk and size by name", () => {
    const state = inventoryOf([
      token({ applicationId: GONE_ID, appName: "Zed" }),
      token({ applicationId: "0H4000000000002CAA", appName: "Abe" })
    ]);
    const names = summarise(state, [], NOW).map((s) => s.name);
    expect(names).toEqual(["Abe", "Zed"]);
  });
});

describe("problems", () => {
  it("skips a row with an invalid created date", () => {
    const state = inventoryOf([token({ createdDate: "not a date" })]);
    const status = inventoryStatus(state);
    expect(status.tokens).toBe(0);
    expect(status.skippedRows).toBe(1);
    expect(status.problems[0]).toContain('created date "not a date"');
  });

  it("skips a row with an invalid last used date", () => {
    const state = inventoryOf([token({ lastUsedDate: "2025-01-01" })]);
    expect(inventoryStatus(state).problems[0]).toContain(
      'last used date "2025-01-01"'
    );
  });

  it("names the user and app of a skipped row", () => {
    const state = inventoryOf([token({ createdDate: "" })]);
    expect(inventoryStatus(state).problems[0]).toContain(
      `user ${ALICE} for Acme Sync`
    );
  });

  it("names an app by id when its name is blank", () => {
    const state = inventoryOf([token({ createdDate: "", appName: " " })]);
    expect(inventoryStatus(state).problems[0]).toContain(`for ${ACME_ID}`);
  });

  it("names an unknown app in a skipped row", () => {
    const state = inventoryOf([
      token({ createdDate: "", applicationId: null, appName: null })
    ]);
    expect(inventoryStatus(state).problems[0]).toContain("an unknown app");
  });

  it("keeps the slice's own problems", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addSlice(state, slice([], [], ["Row 12 could not be read."]));
    expect(inventoryStatus(state).problems).toEqual([
      "Row 12 could not be read."
    ]);
  });

  it("stores the first problems and counts the rest", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    const problems = Array.from(
      { length: MAX_STORED_PROBLEMS + 5 },
      (_, index) => `Problem ${index}`
    );
    addSlice(state, slice([], [], problems));
    const status = inventoryStatus(state);
    expect(status.problems).toHaveLength(MAX_STORED_PROBLEMS);
    expect(status.problemCount).toBe(MAX_STORED_PROBLEMS + 5);
  });
});

describe("addRows", () => {
  const rows = [
    token({ userId: ALICE }),
    token({ userId: BOB }),
    token({ userId: CAROL })
  ];

  it("folds only the given range", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addRows(state, rows, 1, 2);
    expect(inventoryStatus(state).tokens).toBe(1);
    expect(
      tokensForApp(state, `id:${ACME_ID}`, { offset: 0, limit: 10, now: NOW })
        .rows[0]?.userId
    ).toBe(BOB);
  });

  it("folds successive ranges like one call", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addRows(state, rows, 0, 2);
    addRows(state, rows, 2, 3);
    expect(summarise(state, [ACME_POLICY], NOW)).toEqual(
      summarise(inventoryOf(rows), [ACME_POLICY], NOW)
    );
  });

  it("clamps a range beyond the rows", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addRows(state, rows, -4, 99);
    expect(inventoryStatus(state).tokens).toBe(3);
  });

  it("folds nothing for an empty range", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    addRows(state, rows, 2, 2);
    expect(state.version).toBe(0);
  });
});

describe("addSliceInChunks", () => {
  const rows = Array.from({ length: 7 }, (_, index) =>
    token({ createdDate: daysAgo(index + 1) })
  );

  it("yields between chunks", async () => {
    const state = createInventory(DEFAULT_SETTINGS);
    const yieldBetweenChunks = jest.fn(() => Promise.resolve());
    await addSliceInChunks(state, slice(rows), {
      chunkSize: 3,
      yieldBetweenChunks
    });
    expect(yieldBetweenChunks).toHaveBeenCalledTimes(2);
  });

  it("folds every row", async () => {
    const state = createInventory(DEFAULT_SETTINGS);
    await addSliceInChunks(state, slice(rows, [holder()]), {
      chunkSize: 3,
      yieldBetweenChunks: () => Promise.resolve()
    });
    expect(summarise(state, [ACME_POLICY], NOW)).toEqual(
      summarise(inventoryOf(rows, [holder()]), [ACME_POLICY], NOW)
    );
  });

  it("does not yield for a slice of one chunk", async () => {
    const state = createInventory(DEFAULT_SETTINGS);
    const yieldBetweenChunks = jest.fn(() => Promise.resolve());
    await addSliceInChunks(state, slice(rows), { yieldBetweenChunks });
    expect(yieldBetweenChunks).not.toHaveBeenCalled();
  });

  it("treats a chunk size below 1 as 1", async () => {
    const state = createInventory(DEFAULT_SETTINGS);
    const yieldBetweenChunks = jest.fn(() => Promise.resolve());
    await addSliceInChunks(state, slice(rows), {
      chunkSize: 0,
      yieldBetweenChunks
    });
    expect(yieldBetweenChunks).toHaveBeenCalledTimes(6);
  });
});

describe("tokensForApp", () => {
  const key = `id:${ACME_ID}`;
  const holders = [
    holder({ userId: ALICE, name: "alice" }),
    holder({ userId: BOB, name: "Bob" }),
    holder({ userId: CAROL, name: "Carol" })
  ];
  const rows = [
    token({
      userId: CAROL,
      createdDate: daysAgo(30),
      lastUsedDate: null,
      useCount: null
    }),
    token({
      userId: ALICE,
      createdDate: daysAgo(10),
      lastUsedDate: daysAgo(2),
      useCount: 9
    }),
    token({
      userId: BOB,
      createdDate: daysAgo(20),
      lastUsedDate: daysAgo(5),
      useCount: 1
    })
  ];

  function userIds(
    state: InventoryState,
    sort?: Parameters<typeof tokensForApp>[2]["sort"]
  ): string[] {
    return tokensForApp(state, key, {
      offset: 0,
      limit: 10,
      sort,
      now: NOW
    }).rows.map((row) => row.userId);
  }

  it("sorts by holder name, ignoring case, by default", () => {
    expect(userIds(inventoryOf(rows, holders))).toEqual([ALICE, BOB, CAROL]);
  });

  it("sorts by creation, newest first", () => {
    expect(
      userIds(inventoryOf(rows, holders), {
        field: "createdDate",
        direction: "descending"
      })
    ).toEqual([ALICE, BOB, CAROL]);
  });

  it("sorts never-used tokens first by last use", () => {
    expect(
      userIds(inventoryOf(rows, holders), {
        field: "lastUsedDate",
        direction: "ascending"
      })
    ).toEqual([CAROL, BOB, ALICE]);
  });

  it("sorts by use count", () => {
    expect(
      userIds(inventoryOf(rows, holders), {
        field: "useCount",
        direction: "descending"
      })
    ).toEqual([ALICE, BOB, CAROL]);
  });

  it("sorts holders descending, tokens by creation", () => {
    const state = inventoryOf(
      [...rows, token({ userId: BOB, createdDate: daysAgo(40), useCount: 2 })],
      holders
    );
    const page = tokensForApp(state, key, {
      offset: 0,
      limit: 10,
      sort: { field: "holder", direction: "descending" },
      now: NOW
    });
    expect(page.rows.map((row) => [row.userId, row.createdDate])).toEqual([
      [CAROL, daysAgo(30)],
      [BOB, daysAgo(40)],
      [BOB, daysAgo(20)],
      [ALICE, daysAgo(10)]
    ]);
  });

  it("sorts a holder without details by user id", () => {
    const state = inventoryOf(rows, [holder({ userId: BOB, name: "Zoe" })]);
    expect(userIds(state)).toEqual([ALICE, CAROL, BOB]);
  });

  it("breaks ties by user, then creation", () => {
    const state = inventoryOf([
      token({ userId: BOB, createdDate: daysAgo(1), useCount: 1 }),
      token({ userId: ALICE, createdDate: daysAgo(1), useCount: 1 }),
      token({ userId: ALICE, createdDate: daysAgo(2), useCount: 1 })
    ]);
    const page = tokensForApp(state, key, {
      offset: 0,
      limit: 10,
      sort: { field: "useCount", direction: "ascending" },
      now: NOW
    });
    expect(page.rows.map((row) => [row.userId, row.createdDate])).toEqual([
      [ALICE, daysAgo(2)],
      [ALICE, daysAgo(1)],
      [BOB, daysAgo(1)]
    ]);
  });

  it("returns the requested page and the total", () => {
    const page = tokensForApp(inventoryOf(rows, holders), key, {
      offset: 1,
      limit: 1,
      now: NOW
    });
    expect(page.total).toBe(3);
    expect(page.offset).toBe(1);
    expect(page.rows.map((row) => row.userId)).toEqual([BOB]);
  });

  it("returns an empty page past the end", () => {
    const page = tokensForApp(inventoryOf(rows), key, {
      offset: 10,
      limit: 5,
      now: NOW
    });
    expect(page.rows).toEqual([]);
    expect(page.total).toBe(3);
  });

  it("caps a page at the maximum page size", () => {
    const many = Array.from({ length: MAX_PAGE_SIZE + 50 }, (_, index) =>
      token({ createdDate: new Date(NOW - index * 1000).toISOString() })
    );
    const page = tokensForApp(inventoryOf(many), key, {
      offset: 0,
      limit: 10_000,
      now: NOW
    });
    expect(page.rows).toHaveLength(MAX_PAGE_SIZE);
    expect(page.total).toBe(MAX_PAGE_SIZE + 50);
  });

  it("returns an empty page for an unknown key", () => {
    const page = tokensForApp(inventoryOf(rows), "id:nothing", {
      offset: 0,
      limit: 5,
      now: NOW
    });
    expect(page).toEqual({ total: 0, offset: 0, rows: [] });
  });

  it.each([
    [-1, 10],
    [1.5, 10],
    [0, 0],
    [0, Number.NaN]
  ])("rejects offset %p with limit %p", (offset, limit) => {
    expect(() =>
      tokensForApp(inventoryOf(rows), key, { offset, limit, now: NOW })
    ).toThrow(RangeError);
  });

  it("describes each token with holder and age", () => {
    const [row] = tokensForApp(inventoryOf(rows, holders), key, {
      offset: 0,
      limit: 1,
      now: NOW
    }).rows;
    expect(row).toEqual({
      appKey: key,
      userId: ALICE,
      holder: holders[0],
      appName: "Acme Sync",
      createdDate: daysAgo(10),
      lastUsedDate: daysAgo(2),
      useCount: 9,
      age: {
        ageDays: 10,
        daysSinceLastUse: 2,
        unusedDays: 2,
        isStale: false,
        isOld: false
      }
    });
  });

  it("gives a token without holder details a null holder", () => {
    const [row] = tokensForApp(inventoryOf([token()]), key, {
      offset: 0,
      limit: 1,
      now: NOW
    }).rows;
    expect(row?.holder).toBeNull();
  });

  it("includes rows folded after an earlier page", () => {
    const state = inventoryOf(rows, holders);
    tokensForApp(state, key, { offset: 0, limit: 10, now: NOW });
    addSlice(
      state,
      slice(
        [token({ userId: "005000000000004AAA", createdDate: daysAgo(3) })],
        [holder({ userId: "005000000000004AAA", name: "Aaron" })]
      )
    );
    expect(userIds(state)[0]).toBe("005000000000004AAA");
  });

  it("reuses the sorted order between pages", () => {
    const state = inventoryOf(rows, holders);
    tokensForApp(state, key, { offset: 0, limit: 1, now: NOW });
    const cached = state.apps.get(key)?.sorted?.tokens;
    tokensForApp(state, key, { offset: 1, limit: 1, now: NOW });
    expect(state.apps.get(key)?.sorted?.tokens).toBe(cached);
  });
});

describe("scale", () => {
  // Time per slice is not asserted here: the browser flow of the Apps tab
  // reports the page's longest main-thread task instead.
  it("folds 60,000 tokens in 2,000-row slices", () => {
    const state = createInventory(DEFAULT_SETTINGS);
    for (let sliceIndex = 0; sliceIndex < 30; sliceIndex += 1) {
      const rows = Array.from({ length: 2000 }, (_, index) => {
        const serial = sliceIndex * 2000 + index;
        return token({
          applicationId: null,
          appName: `App ${serial % 40}`,
          userId: `user-${serial % 5000}`,
          createdDate: new Date(NOW - serial * 60_000).toISOString()
        });
      });
      addSlice(state, slice(rows));
    }
    expect(inventoryStatus(state).tokens).toBe(60_000);
    expect(state.apps.size).toBe(40);
  });
});
