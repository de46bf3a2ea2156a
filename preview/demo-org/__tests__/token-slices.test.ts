import { DemoOrg } from "../demo-org";
import type { DemoOAuthToken } from "../oauth-tokens";
import { demoRecordId } from "../salesforce-id";
import {
  decodeTokenCursor,
  encodeTokenCursor,
  InvalidCursorError
} from "../token-cursor";
import { compareTokenOrder, type TokenOrderKey } from "../token-order";
import { indexAfter, readSlice, SLICE_SIZE } from "../token-slices";

const USER_A = demoRecordId("005", 10);
const USER_B = demoRecordId("005", 11);

function token(
  createdAt: number,
  userId: string,
  appName: string | null
): DemoOAuthToken {
  return {
    userId,
    appName,
    applicationId: null,
    appMenuItemId: null,
    createdAt,
    lastUsedAt: null,
    useCount: 0
  };
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function readAll(tokens: readonly DemoOAuthToken[]) {
  const slices = [];
  let cursor: TokenOrderKey | null = null;
  do {
    const slice = readSlice(tokens, cursor);
    slices.push(slice);
    cursor = slice.nextCursor;
  } while (cursor !== null && slices.length <= tokens.length);
  return slices;
}

describe("compareTokenOrder", () => {
  it("orders by creation, user, then app name", () => {
    const sorted = [
      token(2000, USER_A, "a"),
      token(1000, USER_B, "a"),
      token(1000, USER_A, "b"),
      token(1000, USER_A, null)
    ].sort(compareTokenOrder);
    expect(
      sorted.map((row) => [row.createdAt, row.userId, row.appName])
    ).toEqual([
      [1000, USER_A, null],
      [1000, USER_A, "b"],
      [1000, USER_B, "a"],
      [2000, USER_A, "a"]
    ]);
  });

  it("compares app names ignoring case", () => {
    expect(
      compareTokenOrder(token(1, USER_A, "Acme"), token(1, USER_A, "ACME"))
    ).toBe(0);
  });
});

describe("readSlice", () => {
  const org = new DemoOrg();
  const tokens = org.oauthTokens;
  const slices = readAll(tokens);

  it("returns every token once", () => {
    const read = slices.flatMap((slice) => slice.tokens);
    expect(read).toHaveLength(tokens.length);
    expect(new Set(read).size).toBe(tokens.length);
    expect(read).toEqual(tokens);
  });

  it("caps each slice at 2,000", () => {
    expect(slices.length).toBeGreaterThanOrEqual(tokens.length / SLICE_SIZE);
    for (const slice of slices) {
      expect(slice.tokens.length).toBeLessThanOrEqual(SLICE_SIZE);
    }
  });

  it("ends with a null cursor", () => {
    expect(slices[slices.length - 1]?.nextCursor).toBeNull();
    expect(slices.slice(0, -1).every((slice) => slice.nextCursor)).toBe(true);
  });

  it("reports no problems", () => {
    expect(slices.flatMap((slice) => slice.problems)).toEqual([]);
  });

  it("keeps tokens sharing a key together", () => {
    const group = Array.from({ length: 3 }, () =>
      token(5_000_000, USER_B, "x")
    );
    const before = Array.from({ length: SLICE_SIZE - 1 }, (_, index) =>
      token(index, USER_A, "x")
    );
    const rows = [...before, ...group, token(9_000_000, USER_A, "x")];
    const first = readSlice(rows, null);
    expect(first.tokens).toHaveLength(SLICE_SIZE - 1);
    const second = readSlice(rows, first.nextCursor);
    expect(second.tokens.slice(0, 3)).toEqual(group);
  });

  it("reports a key group above the cap", () => {
    const rows = Array.from({ length: SLICE_SIZE + 5 }, () =>
      token(1000, USER_A, "same")
    );
    const slice = readSlice(rows, null);
    expect(slice.tokens).toHaveLength(SLICE_SIZE);
    expect(slice.problems).toHaveLength(1);
    expect(slice.problems[0]).toMatch(/More than 2000 OAuth tokens share/);
  });

  it("resumes after a null app name", () => {
    const rows = [
      token(1000, USER_A, null),
      token(1000, USER_A, "b"),
      token(1000, USER_B, null)
    ];
    const after = indexAfter(rows, {
      createdAt: 1000,
      userId: USER_A,
      appName: null
    });
    expect(after).toBe(1);
  });

  it("returns an empty slice past the end", () => {
    const last = tokens[tokens.length - 1] as DemoOAuthToken;
    const slice = readSlice(tokens, last);
    expect(slice.tokens).toEqual([]);
    expect(slice.nextCursor).toBeNull();
  });
});

describe("token cursor", () => {
  const key: TokenOrderKey = {
    createdAt: 1_700_000_000_000,
    userId: USER_A,
    appName: 'Zoë <b>"Sync"</b>'
  };

  it("decodes what it encodes", () => {
    expect(decodeTokenCursor(encodeTokenCursor(key))).toEqual(key);
  });

  it("keeps a null app name", () => {
    const nameless = { ...key, appName: null };
    expect(decodeTokenCursor(encodeTokenCursor(nameless))).toEqual(nameless);
  });

  it.each([null, undefined, "", "   "])("reads %p as the start", (cursor) => {
    expect(decodeTokenCursor(cursor)).toBeNull();
  });

  it("accepts a 15-character user id", () => {
    const cursor = base64(
      JSON.stringify({
        version: 1,
        createdDate: 5,
        userId: USER_A.slice(0, 15),
        appName: null
      })
    );
    expect(decodeTokenCursor(cursor)?.userId).toBe(USER_A);
  });

  const fields = (overrides: Record<string, unknown>) =>
    base64(
      JSON.stringify({
        version: 1,
        createdDate: 5,
        userId: USER_A,
        appName: "x",
        ...overrides
      })
    );

  it.each([
    [
      "an overlong cursor",
      "x".repeat(2001),
      "it is 2001 characters long, more than the 2000 a cursor can have"
    ],
    [
      "text that is not base64",
      "%%%not base64%%%",
      "it is not base64-encoded UTF-8 text"
    ],
    [
      "bytes that are not UTF-8",
      Buffer.from([0xff, 0xfe]).toString("base64"),
      "it is not base64-encoded UTF-8 text"
    ],
    ["invalid JSON", base64("{not json"), "it does not contain valid JSON"],
    ["a JSON array", base64("[1, 2]"), "it does not contain a JSON object"],
    [
      "an unknown field",
      fields({ extra: 1 }),
      "it has the unknown field extra"
    ],
    ["another version", fields({ version: 2 }), "its version is 2, expected 1"],
    [
      "a missing version",
      fields({ version: undefined }),
      "its version is null, expected 1"
    ],
    [
      "a text createdDate",
      fields({ createdDate: "yesterday" }),
      "its createdDate is missing or not a whole number of milliseconds"
    ],
    [
      "a fractional createdDate",
      fields({ createdDate: 1.5 }),
      "its createdDate is missing or not a whole number of milliseconds"
    ],
    [
      "a numeric userId",
      fields({ userId: 5 }),
      "its userId is missing or not text"
    ],
    [
      "a short userId",
      fields({ userId: "005abc" }),
      'its userId "005abc" is not a Salesforce id'
    ],
    [
      "a userId with a wrong suffix",
      fields({ userId: `${USER_A.slice(0, 15)}ZZZ` }),
      `its userId "${USER_A.slice(0, 15)}ZZZ" is not a Salesforce id`
    ],
    [
      "an app id as userId",
      fields({ userId: demoRecordId("0H4", 1) }),
      `its userId "${demoRecordId("0H4", 1)}" is not a user id`
    ],
    [
      "a numeric appName",
      fields({ appName: 7 }),
      "its appName is not text or null"
    ]
  ])("rejects %s", (_case, cursor, reason) => {
    const decode = () => decodeTokenCursor(cursor);
    expect(decode).toThrow(InvalidCursorError);
    expect(decode).toThrow(reason);
  });
});
