// Checks tokenInventory against the shared vectors in
// vectors/app-figures.json. The Apex snapshot job is tested against the
// same file (through the generated AppFiguresVectors class), so that both
// languages compute the same per-app figures.
import type {
  ConnectedAppPolicy,
  OAuthTokenRow,
  TokenHolder
} from "oauth-guard/dto";
import { copyDefaultSettings, type GuardSettings } from "c/guardSettings";
import type { RefreshTokenPolicy } from "c/refreshTokenPolicy";
import {
  addSlice,
  createInventory,
  summarise,
  type InventoryState
} from "c/tokenInventory";

interface AppFigures {
  key: string;
  tokens: number;
  users: number;
  oldestCreated: string;
  lastUsed: string | null;
  totalUseCount: number;
  staleCount: number;
  oldCount: number;
  refreshTokenPolicy: RefreshTokenPolicy;
}

interface FiguresCase {
  name: string;
  now: string;
  settings: Partial<Pick<GuardSettings, "staleAfterDays" | "oldAfterDays">>;
  policies: ConnectedAppPolicy[];
  tokens: OAuthTokenRow[];
  holders: TokenHolder[];
  expected: AppFigures[];
}

function loadCases(): FiguresCase[] {
  const parsed = jest.requireActual<object>(
    "../../../../../../vectors/app-figures.json"
  );
  if (!Array.isArray(parsed)) {
    throw new Error("vectors/app-figures.json must hold a list of cases.");
  }
  return parsed as FiguresCase[];
}

const CASES = loadCases();

function inventoryFor(testCase: FiguresCase): InventoryState {
  return createInventory({ ...copyDefaultSettings(), ...testCase.settings });
}

function figuresOf(state: InventoryState, testCase: FiguresCase): AppFigures[] {
  return summarise(state, testCase.policies, Date.parse(testCase.now))
    .map((summary) => ({
      key: summary.key,
      tokens: summary.tokens,
      users: summary.users,
      oldestCreated: summary.oldestCreated,
      lastUsed: summary.lastUsed,
      totalUseCount: summary.totalUseCount,
      staleCount: summary.staleCount,
      oldCount: summary.oldCount,
      refreshTokenPolicy: summary.refreshTokenPolicy.policy
    }))
    .sort((first, second) => (first.key < second.key ? -1 : 1));
}

describe("app-figures vectors", () => {
  it("holds at least one case", () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it("gives every case a distinct name", () => {
    const names = CASES.map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    "%s, in one slice",
    (_name, testCase) => {
      const state = inventoryFor(testCase);
      addSlice(state, {
        tokens: testCase.tokens,
        holders: testCase.holders,
        nextCursor: null,
        problems: []
      });
      expect(figuresOf(state, testCase)).toEqual(testCase.expected);
    }
  );

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    "%s, one row per slice",
    (_name, testCase) => {
      const state = inventoryFor(testCase);
      addSlice(state, {
        tokens: [],
        holders: testCase.holders,
        nextCursor: null,
        problems: []
      });
      for (const token of testCase.tokens) {
        addSlice(state, {
          tokens: [token],
          holders: [],
          nextCursor: null,
          problems: []
        });
      }
      expect(figuresOf(state, testCase)).toEqual(testCase.expected);
    }
  );
});
