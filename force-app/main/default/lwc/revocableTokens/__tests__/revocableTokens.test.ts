import type { RevocableToken, RevocableTokenSlice } from "oauth-guard/dto";
import {
  MAXIMUM_TOKEN_SLICES,
  matchSelectedHandles,
  readRevocableTokens
} from "c/revocableTokens";

const USER_A = "005000000000001AAA";
const USER_B = "005000000000002AAA";

function token(
  handle: string,
  userId: string,
  createdDate = "2025-01-01T00:00:00.000Z"
): RevocableToken {
  return {
    handle,
    userId,
    appName: "Acme Sync",
    createdDate,
    lastUsedDate: null,
    useCount: null
  };
}

function slice(
  tokens: RevocableToken[],
  nextCursor: string | null,
  problems: string[] = []
): RevocableTokenSlice {
  return { appKey: "id:0H4000000000001AAA", tokens, nextCursor, problems };
}

describe("readRevocableTokens", () => {
  it("follows cursors to the last slice", async () => {
    const cursors: (string | null)[] = [];
    const slices = [
      slice([token("h1", USER_A)], "c1"),
      slice([], "c2"),
      slice([token("h2", USER_B)], null)
    ];
    const progress: number[] = [];
    const read = await readRevocableTokens(
      (cursor) => {
        cursors.push(cursor);
        return Promise.resolve(slices[cursors.length - 1] as never);
      },
      (tokensRead) => progress.push(tokensRead)
    );
    expect(cursors).toEqual([null, "c1", "c2"]);
    expect(read.tokens.map((item) => item.handle)).toEqual(["h1", "h2"]);
    expect(progress).toEqual([1, 1, 2]);
  });

  it("stops at a cursor left out as Apex leaves null out", async () => {
    const withoutCursor = {
      appKey: "id:0H4000000000001AAA",
      tokens: [token("h1", USER_A)],
      problems: []
    } as unknown as RevocableTokenSlice;
    const listSlice = jest.fn(() => Promise.resolve(withoutCursor));
    const read = await readRevocableTokens(listSlice);
    expect(listSlice).toHaveBeenCalledTimes(1);
    expect(read.tokens).toHaveLength(1);
  });

  it("collects the problems of every slice", async () => {
    let calls = 0;
    const read = await readRevocableTokens(() => {
      calls += 1;
      return Promise.resolve(
        calls === 1
          ? slice([], "c1", ["First problem."])
          : slice([], null, ["Second problem."])
      );
    });
    expect(read.problems).toEqual(["First problem.", "Second problem."]);
  });

  it("throws when the cursor never ends", async () => {
    const listSlice = jest.fn(() => Promise.resolve(slice([], "again")));
    await expect(readRevocableTokens(listSlice)).rejects.toThrow(
      `did not end within ${MAXIMUM_TOKEN_SLICES} slices`
    );
    expect(listSlice).toHaveBeenCalledTimes(MAXIMUM_TOKEN_SLICES);
  });
});

describe("matchSelectedHandles", () => {
  const tokens = [
    token("h1", USER_A, "2025-01-01T00:00:00.000Z"),
    token("h2", USER_A, "2025-02-01T00:00:00.000Z"),
    token("h3", USER_B, "2025-01-01T00:00:00.000Z")
  ];

  it("matches rows by user and creation time", () => {
    expect(
      matchSelectedHandles(tokens, [
        { userId: USER_B, createdDate: "2025-01-01T00:00:00.000Z" },
        { userId: USER_A, createdDate: "2025-02-01T00:00:00.000Z" }
      ])
    ).toEqual({ handles: ["h3", "h2"], unmatched: 0 });
  });

  it("compares instants, not their text", () => {
    const match = matchSelectedHandles(tokens, [
      { userId: USER_A, createdDate: "2025-01-01T00:00:00Z" }
    ]);
    expect(match.handles).toEqual(["h1"]);
  });

  it("matches a 15-character user id", () => {
    const match = matchSelectedHandles(tokens, [
      { userId: USER_A.slice(0, 15), createdDate: "2025-01-01T00:00:00.000Z" }
    ]);
    expect(match.handles).toEqual(["h1"]);
  });

  it("counts rows whose token is gone", () => {
    const match = matchSelectedHandles(tokens, [
      { userId: USER_A, createdDate: "2024-12-31T00:00:00.000Z" },
      { userId: "not an id", createdDate: "2025-01-01T00:00:00.000Z" },
      { userId: USER_A, createdDate: "yesterday" }
    ]);
    expect(match).toEqual({ handles: [], unmatched: 3 });
  });

  it("gives tokens of one user and second one row each", () => {
    const twins = [
      token("h1", USER_A),
      token("h2", USER_A),
      token("bad", "not an id")
    ];
    const row = { userId: USER_A, createdDate: "2025-01-01T00:00:00.000Z" };
    expect(matchSelectedHandles(twins, [row, row, row])).toEqual({
      handles: ["h1", "h2"],
      unmatched: 1
    });
  });
});
