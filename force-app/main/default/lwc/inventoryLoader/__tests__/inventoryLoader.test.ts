import {
  loadInventory,
  type InventoryApi,
  type LoadProgress
} from "c/inventoryLoader";
import { inventoryStatus } from "c/tokenInventory";
import type { OAuthTokenRow, TokenSlice } from "oauth-guard/dto";

const APP_ID = "0H4000000000001CAA";

function token(index: number): OAuthTokenRow {
  return {
    applicationId: APP_ID,
    appMenuItemId: null,
    appName: "Acme Sync",
    userId: `005000000000${String(index).padStart(3, "0")}AAA`,
    createdDate: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
    lastUsedDate: null,
    useCount: 1
  };
}

function slices(total: number, size: number): TokenSlice[] {
  const result: TokenSlice[] = [];
  for (let start = 0; start < total; start += size) {
    const end = Math.min(total, start + size);
    result.push({
      tokens: Array.from({ length: end - start }, (_x, i) => token(start + i)),
      holders: [],
      nextCursor: end < total ? `cursor-${end}` : null,
      problems: []
    });
  }
  // An org without tokens still returns a first slice, with no rows.
  return result.length > 0
    ? result
    : [{ tokens: [], holders: [], nextCursor: null, problems: [] }];
}

function fakeApi(tokenSlices: TokenSlice[]): InventoryApi & {
  cursors: (string | null)[];
} {
  const cursors: (string | null)[] = [];
  return {
    cursors,
    getSettings: jest.fn().mockResolvedValue([]),
    countTokens: jest.fn().mockResolvedValue({
      total: tokenSlices.reduce((sum, slice) => sum + slice.tokens.length, 0),
      seesAllUsers: true
    }),
    listConnectedApps: jest.fn().mockResolvedValue([]),
    readTokenSlice: jest.fn((cursor: string | null) => {
      cursors.push(cursor);
      const index = cursor === null ? 0 : cursors.length - 1;
      const slice = tokenSlices[index];
      return slice
        ? Promise.resolve(slice)
        : Promise.reject(new Error("no such slice"));
    })
  };
}

const options = { yieldBetweenChunks: () => Promise.resolve() };

describe("loadInventory", () => {
  it("reads every slice in cursor order", async () => {
    const api = fakeApi(slices(5, 2));
    const load = await loadInventory(api, options);
    expect(api.cursors).toEqual([null, "cursor-2", "cursor-4"]);
    expect(load.complete).toBe(true);
    expect(load.problems).toEqual([]);
    expect(inventoryStatus(load.state).tokens).toBe(5);
  });

  it("reports progress against the count", async () => {
    const reports: LoadProgress[] = [];
    await loadInventory(fakeApi(slices(4, 2)), {
      ...options,
      onProgress: (progress) => reports.push(progress)
    });
    expect(reports).toEqual([
      { tokensRead: 0, tokensCounted: 4, slicesRead: 0, percent: 0 },
      { tokensRead: 2, tokensCounted: 4, slicesRead: 1, percent: 50 },
      { tokensRead: 4, tokensCounted: 4, slicesRead: 2, percent: 100 }
    ]);
  });

  it("caps progress when tokens appear during the read", async () => {
    const api = fakeApi(slices(4, 2));
    api.countTokens = jest
      .fn()
      .mockResolvedValue({ total: 3, seesAllUsers: true });
    const onProgress = jest.fn();
    await loadInventory(api, { ...options, onProgress });
    const last = onProgress.mock.calls.at(-1)?.[0];
    expect(last.percent).toBe(100);
    expect(last.tokensRead).toBe(4);
  });

  it("reports full progress for an org without tokens", async () => {
    const onProgress = jest.fn();
    const load = await loadInventory(fakeApi(slices(0, 2)), {
      ...options,
      onProgress
    });
    expect(load.complete).toBe(true);
    expect(inventoryStatus(load.state).tokens).toBe(0);
    expect(onProgress.mock.calls[0]?.[0].percent).toBe(100);
  });

  it("keeps what was read when a slice fails", async () => {
    const api = fakeApi(slices(6, 2));
    const read = api.readTokenSlice;
    api.readTokenSlice = jest.fn((cursor: string | null) => {
      if (cursor !== "cursor-4") {
        return read(cursor);
      }
      // Apex rejects with a plain { body } object, not an Error.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject({
        body: { message: "Apex CPU time limit exceeded" }
      });
    });
    const load = await loadInventory(api, options);
    expect(load.complete).toBe(false);
    expect(inventoryStatus(load.state).tokens).toBe(4);
    expect(load.problems).toEqual([
      "Tokens after the first 4 could not be read: Apex CPU time limit exceeded"
    ]);
  });

  it("rejects when the count fails", async () => {
    const api = fakeApi(slices(2, 2));
    api.countTokens = jest
      .fn()
      .mockRejectedValue({ body: { message: "No access to OauthToken" } });
    await expect(loadInventory(api, options)).rejects.toEqual({
      body: { message: "No access to OauthToken" }
    });
  });

  it("uses default settings when they cannot be read", async () => {
    const api = fakeApi(slices(2, 2));
    api.getSettings = jest.fn().mockRejectedValue(new Error("No access"));
    const load = await loadInventory(api, options);
    expect(load.state.settings.staleAfterDays).toBe(90);
    expect(load.problems[0]).toMatch(/^Settings could not be read/);
    expect(load.problems[0]).toMatch(/No access$/);
  });

  it("names an invalid setting record", async () => {
    const api = fakeApi(slices(2, 2));
    api.getSettings = jest
      .fn()
      .mockResolvedValue([{ name: "StaleAfterDays", value: "soon" }]);
    const load = await loadInventory(api, options);
    expect(load.problems).toHaveLength(1);
    expect(load.problems[0]).toContain("StaleAfterDays");
    expect(load.problems[0]).toContain('"soon"');
  });

  it("reads tokens when connected apps cannot be read", async () => {
    const api = fakeApi(slices(2, 2));
    api.listConnectedApps = jest.fn().mockRejectedValue(new Error("Denied"));
    const load = await loadInventory(api, options);
    expect(load.policies).toEqual([]);
    expect(load.complete).toBe(true);
    expect(load.problems).toEqual([
      "Connected app settings could not be read, so refresh-token policy and admin approval show as unknown: Denied"
    ]);
  });

  it("stops when a cursor repeats", async () => {
    const looping: TokenSlice = {
      tokens: [token(1)],
      holders: [],
      nextCursor: "same",
      problems: []
    };
    const api = fakeApi([]);
    api.readTokenSlice = jest.fn().mockResolvedValue(looping);
    const load = await loadInventory(api, options);
    expect(api.readTokenSlice).toHaveBeenCalledTimes(2);
    expect(load.complete).toBe(false);
    expect(load.problems[0]).toMatch(/cursor it had returned before/);
  });

  it("stops when cancelled, keeping what was read", async () => {
    let calls = 0;
    const load = await loadInventory(fakeApi(slices(6, 2)), {
      ...options,
      isCancelled: () => {
        calls += 1;
        return calls > 1;
      }
    });
    expect(load.complete).toBe(false);
    expect(inventoryStatus(load.state).tokens).toBe(2);
    expect(load.problems).toEqual(["Reading stopped after 2 of 6 tokens."]);
  });

  it("reads fields Apex left out as null", async () => {
    const sparse = {
      tokens: [
        { userId: "005000000000001AAA", createdDate: "2025-01-01T00:00:00Z" }
      ],
      holders: [{ userId: "005000000000001AAA" }],
      nextCursor: undefined,
      problems: undefined
    } as unknown as TokenSlice;
    const api = fakeApi([sparse]);
    api.listConnectedApps = jest
      .fn()
      .mockResolvedValue([{ applicationId: APP_ID, name: "Acme Sync" }]);
    const load = await loadInventory(api, options);
    expect(load.complete).toBe(true);
    expect(load.policies[0]).toEqual({
      applicationId: APP_ID,
      name: "Acme Sync",
      menuLabel: null,
      adminApprovedUsersOnly: null,
      refreshTokenValidityPeriod: null,
      refreshTokenValidityMetric: null,
      createdDate: null
    });
    const stored = [...load.state.tokensByIdentity.values()][0];
    expect(stored?.lastUsedAt).toBeNull();
    expect(stored?.useCount).toBeNull();
    expect(load.state.holders.get("005000000000001AAA")).toMatchObject({
      name: "005000000000001AAA",
      powerfulPermissions: []
    });
  });
});
