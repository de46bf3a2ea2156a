import type { ConnectedAppPolicy } from "oauth-guard/dto";
import {
  UNKNOWN_APP_KEY,
  appKindOf,
  findPolicy,
  identifyApp,
  indexPolicies,
  toEighteenCharacterId
} from "c/appKey";

// Pairs worked out by the documented algorithm: split the 15 characters
// into three blocks of five, set bit i of a block for each upper-case
// letter at position i, and look each block's number up in A-Z then 0-5.
// For example "0H4Hr" has upper case at positions 1 and 3: 2 + 8 = 10, "K".
const KNOWN_PAIRS: [string, string][] = [
  ["001000000000001", "001000000000001AAA"],
  ["0H4Hr000000XyZa", "0H4Hr000000XyZaKAK"],
  ["0xIHs0000000AbC", "0xIHs0000000AbCMAU"],
  ["005Dn000001aBcD", "005Dn000001aBcDIAU"],
  ["ABCDEABCDEABCDE", "ABCDEABCDEABCDE555"],
  ["005xx000001Sv6A", "005xx000001Sv6AAAS"]
];

const POLICY: ConnectedAppPolicy = {
  applicationId: "0H4Hr000000XyZaKAK",
  name: "Acme Sync",
  menuLabel: "Acme Sync",
  adminApprovedUsersOnly: false,
  refreshTokenValidityPeriod: null,
  refreshTokenValidityMetric: false,
  createdDate: "2024-01-01T00:00:00.000Z"
};

describe("toEighteenCharacterId", () => {
  it.each(KNOWN_PAIRS)("extends %s to %s", (id15, id18) => {
    expect(toEighteenCharacterId(id15)).toBe(id18);
  });

  it.each(KNOWN_PAIRS)("keeps %s's 18-character form", (_id15, id18) => {
    expect(toEighteenCharacterId(id18)).toBe(id18);
  });

  it("restores case from the suffix of a lower-cased id", () => {
    expect(toEighteenCharacterId("0h4hr000000xyzakak")).toBe(
      "0H4Hr000000XyZaKAK"
    );
  });

  it("restores case from the suffix of an upper-cased id", () => {
    expect(toEighteenCharacterId("005DN000001ABCDIAU")).toBe(
      "005Dn000001aBcDIAU"
    );
  });

  it("trims spaces around an id", () => {
    expect(toEighteenCharacterId(" 001000000000001 ")).toBe(
      "001000000000001AAA"
    );
  });

  it("rejects a suffix that marks a digit upper case", () => {
    expect(toEighteenCharacterId("001000000000001BAA")).toBeNull();
  });

  it("rejects a suffix character outside the alphabet", () => {
    expect(toEighteenCharacterId("001000000000001AA9")).toBeNull();
  });

  it.each(["", "0H4", "0H4Hr000000XyZaK", "0H4Hr000000XyZaKAKX"])(
    "rejects the length of %p",
    (id) => {
      expect(toEighteenCharacterId(id)).toBeNull();
    }
  );

  it("rejects punctuation", () => {
    expect(toEighteenCharacterId("0H4Hr000000XyZ-")).toBeNull();
  });
});

describe("appKindOf", () => {
  it("reads 0H4 as a connected app", () => {
    expect(appKindOf("0H4Hr000000XyZaKAK")).toBe("connected-app");
  });

  it("reads 0xI as an external client app", () => {
    expect(appKindOf("0xIHs0000000AbCMAU")).toBe("external-client-app");
  });

  it("treats 0XI as a different prefix", () => {
    expect(appKindOf("0XIHs0000000AbCMAU")).toBe("unknown");
  });

  it("reads another prefix as unknown", () => {
    expect(appKindOf("02u000000000001AAA")).toBe("unknown");
  });

  it("reads a missing id as unknown", () => {
    expect(appKindOf(null)).toBe("unknown");
  });
});

describe("identifyApp", () => {
  it("keys an app by its 18-character id", () => {
    const identity = identifyApp({
      applicationId: "0H4Hr000000XyZaKAK",
      appName: "Acme Sync"
    });
    expect(identity.key).toBe("id:0H4Hr000000XyZaKAK");
  });

  it("keys a 15-character id by its 18-character form", () => {
    const identity = identifyApp({
      applicationId: "0H4Hr000000XyZa",
      appName: null
    });
    expect(identity.key).toBe("id:0H4Hr000000XyZaKAK");
  });

  it("gives one key to both forms of an id", () => {
    const short = identifyApp({
      applicationId: "0H4Hr000000XyZa",
      appName: "A"
    });
    const long = identifyApp({
      applicationId: "0H4Hr000000XyZaKAK",
      appName: "B"
    });
    expect(short.key).toBe(long.key);
  });

  it("keeps the AppName beside the id", () => {
    const identity = identifyApp({
      applicationId: "0H4Hr000000XyZaKAK",
      appName: " Acme Sync "
    });
    expect(identity.appName).toBe("Acme Sync");
  });

  it("keys an app without an id by its name", () => {
    const identity = identifyApp({ applicationId: null, appName: "Acme Sync" });
    expect(identity.key).toBe("name:Acme Sync");
    expect(identity.kind).toBe("unknown");
  });

  it("keys an app with an invalid id by its name", () => {
    const identity = identifyApp({
      applicationId: "not-an-id",
      appName: "Acme Sync"
    });
    expect(identity.key).toBe("name:Acme Sync");
    expect(identity.applicationId).toBeNull();
  });

  it("puts a row with neither in the unknown group", () => {
    const identity = identifyApp({ applicationId: null, appName: "  " });
    expect(identity.key).toBe(UNKNOWN_APP_KEY);
    expect(identity.appName).toBeNull();
  });

  it("sets the kind from the id", () => {
    const identity = identifyApp({
      applicationId: "0xIHs0000000AbC",
      appName: "Partner"
    });
    expect(identity.kind).toBe("external-client-app");
  });
});

describe("findPolicy", () => {
  const index = indexPolicies([POLICY]);

  it("matches an app by id", () => {
    const lookup = findPolicy(
      identifyApp({ applicationId: "0H4Hr000000XyZa", appName: "Old name" }),
      index
    );
    expect(lookup.policy).toBe(POLICY);
    expect(lookup.match).toBe("application-id");
  });

  it("finds no policy for an absent id", () => {
    const lookup = findPolicy(
      identifyApp({ applicationId: "0H4000000000001", appName: "Acme Sync" }),
      index
    );
    expect(lookup.policy).toBeNull();
    expect(lookup.match).toBe("none");
  });

  it("matches an app without an id by exact name", () => {
    const lookup = findPolicy(
      identifyApp({ applicationId: null, appName: "Acme Sync" }),
      index
    );
    expect(lookup.policy).toBe(POLICY);
    expect(lookup.match).toBe("name");
  });

  it("does not match a name that differs in case", () => {
    const lookup = findPolicy(
      identifyApp({ applicationId: null, appName: "acme sync" }),
      index
    );
    expect(lookup.match).toBe("none");
  });

  it("does not match a name two policies share", () => {
    const shared = indexPolicies([
      POLICY,
      { ...POLICY, applicationId: "0H4000000000001CAA" }
    ]);
    const lookup = findPolicy(
      identifyApp({ applicationId: null, appName: "Acme Sync" }),
      shared
    );
    expect(lookup.match).toBe("none");
  });

  it("finds nothing for the unknown group", () => {
    const lookup = findPolicy(
      identifyApp({ applicationId: null, appName: null }),
      index
    );
    expect(lookup.match).toBe("none");
  });

  it("indexes a policy with a 15-character id", () => {
    const short = indexPolicies([
      { ...POLICY, applicationId: "0H4Hr000000XyZa" }
    ]);
    expect(short.byApplicationId.has("0H4Hr000000XyZaKAK")).toBe(true);
  });

  it("indexes a policy with an invalid id by name only", () => {
    const invalid = indexPolicies([{ ...POLICY, applicationId: "bad" }]);
    expect(invalid.byApplicationId.size).toBe(0);
    expect(invalid.byName.get("Acme Sync")).toHaveLength(1);
  });

  it("leaves a policy with a blank name out of the name index", () => {
    const blank = indexPolicies([{ ...POLICY, name: " " }]);
    expect(blank.byName.size).toBe(0);
  });
});
