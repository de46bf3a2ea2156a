import type {
  RevocableToken,
  RevocationOutcome,
  RevocationRequest
} from "oauth-guard/dto";
import {
  MAXIMUM_REASON_LENGTH,
  MAXIMUM_SELECTED_TOKENS,
  checkRevocationForm,
  confirmationNameMatches,
  describeOutcome,
  describeRequestStatus,
  isRevocationActive,
  planRevocation,
  progressOf,
  summariseOutcomes,
  toRequestParams,
  type RevocationPlan
} from "c/revocationPlan";

const APP_KEY = "id:0H4000000000001AAA";

function token(
  handle: string,
  userId: string,
  appName: string | null = "Acme Sync"
): RevocableToken {
  return {
    handle,
    userId,
    appName,
    createdDate: "2025-01-01T00:00:00.000Z",
    lastUsedDate: null,
    useCount: null
  };
}

const TOKENS = [
  token("h1", "005A"),
  token("h2", "005A"),
  token("h3", "005B"),
  token("h4", "005C")
];

function request(overrides: Partial<RevocationRequest>): RevocationRequest {
  return {
    id: "a01000000000001AAA",
    name: "REV-000001",
    sequence: 1,
    appKey: APP_KEY,
    appName: "Acme Sync",
    scope: "App",
    targetUserId: null,
    tokensRequested: 10,
    reason: "INC-1",
    requestedAt: "2025-06-01T00:00:00.000Z",
    requestedById: "005000000000001AAA",
    requestedByName: "Ada Admin",
    status: "Running",
    revoked: 0,
    alreadyGone: 0,
    failed: 0,
    jobId: null,
    lastError: null,
    progressUpdatedAt: null,
    resumable: false,
    ...overrides
  };
}

function outcome(overrides: Partial<RevocationOutcome>): RevocationOutcome {
  return {
    id: "a02000000000001AAA",
    sequence: 2,
    handle: "h1",
    userId: "005A",
    userName: "Ann",
    appName: "Acme Sync",
    tokenCreatedDate: "2025-01-01T00:00:00.000Z",
    outcome: "Revoked",
    path: "ApexRevokeToken",
    error: null,
    recordedAt: "2025-06-01T00:00:00.000Z",
    ...overrides
  };
}

describe("planRevocation", () => {
  it("counts every token and user of the app", () => {
    const plan = planRevocation({
      scope: "App",
      appKey: APP_KEY,
      tokens: TOKENS
    });
    expect(plan.tokenCount).toBe(4);
    expect(plan.userCount).toBe(3);
    expect(plan.confirmationName).toBe("Acme Sync");
    expect(plan.handles).toEqual([]);
  });

  it("prefers the app name the page shows", () => {
    const plan = planRevocation({
      scope: "App",
      appKey: APP_KEY,
      tokens: TOKENS,
      appName: "  Acme Sync (prod) "
    });
    expect(plan.confirmationName).toBe("Acme Sync (prod)");
  });

  it("finds no confirmation name when tokens carry none", () => {
    const plan = planRevocation({
      scope: "App",
      appKey: "unknown",
      tokens: [token("h9", "005A", null), token("h8", "005B", "  ")]
    });
    expect(plan.confirmationName).toBeNull();
  });

  it("covers one user's tokens", () => {
    const plan = planRevocation({
      scope: "User",
      appKey: APP_KEY,
      tokens: TOKENS,
      userId: "005A"
    });
    expect(plan.tokenCount).toBe(2);
    expect(plan.userCount).toBe(1);
    expect(plan.userId).toBe("005A");
    expect(plan.confirmationName).toBeNull();
  });

  it("covers the selected tokens that exist, once each", () => {
    const plan = planRevocation({
      scope: "Selection",
      appKey: APP_KEY,
      tokens: TOKENS,
      handles: ["h1", "h3", "h3", "gone"]
    });
    expect(plan.handles).toEqual(["h1", "h3"]);
    expect(plan.tokenCount).toBe(2);
    expect(plan.userCount).toBe(2);
    expect(plan.userId).toBeNull();
  });
});

describe("confirmationNameMatches", () => {
  it("accepts the exact name with surrounding spaces", () => {
    expect(confirmationNameMatches("  Acme Sync ", "Acme Sync")).toBe(true);
  });

  it("rejects another case, a near match and blanks", () => {
    expect(confirmationNameMatches("acme sync", "Acme Sync")).toBe(false);
    expect(confirmationNameMatches("Acme  Sync", "Acme Sync")).toBe(false);
    expect(confirmationNameMatches("", "")).toBe(false);
    expect(confirmationNameMatches("Acme Sync", null)).toBe(false);
  });
});

describe("checkRevocationForm", () => {
  const appPlan = planRevocation({
    scope: "App",
    appKey: APP_KEY,
    tokens: TOKENS
  });

  it("accepts a reason and the typed name", () => {
    expect(
      checkRevocationForm(appPlan, { reason: "INC-1", typedName: "Acme Sync" })
    ).toEqual([]);
  });

  it("requires a reason", () => {
    expect(
      checkRevocationForm(appPlan, { reason: "   ", typedName: "Acme Sync" })
    ).toEqual(["Enter a reason, for example an incident number."]);
  });

  it("limits the reason's length", () => {
    const reason = "x".repeat(MAXIMUM_REASON_LENGTH + 1);
    expect(
      checkRevocationForm(appPlan, { reason, typedName: "Acme Sync" })
    ).toEqual([
      "The reason is 256 characters long. Shorten it to 255 or fewer."
    ]);
  });

  it("requires the typed name for a whole-app revoke", () => {
    expect(
      checkRevocationForm(appPlan, { reason: "INC-1", typedName: "Acme" })
    ).toEqual([
      'Type the app\'s name exactly as shown, "Acme Sync", to confirm revoking every token of the app.'
    ]);
  });

  it("ignores the typed name for other scopes", () => {
    const plan = planRevocation({
      scope: "User",
      appKey: APP_KEY,
      tokens: TOKENS,
      userId: "005B"
    });
    expect(
      checkRevocationForm(plan, { reason: "INC-1", typedName: "" })
    ).toEqual([]);
  });

  it("rejects a whole-app revoke of an app without a name", () => {
    const plan = planRevocation({
      scope: "App",
      appKey: "unknown",
      tokens: [token("h9", "005A", null)]
    });
    expect(
      checkRevocationForm(plan, { reason: "INC-1", typedName: "" })
    ).toEqual([
      "This app's tokens carry no name to confirm, so revoke them by user or by selection."
    ]);
  });

  it("rejects an empty request", () => {
    const plan = planRevocation({
      scope: "User",
      appKey: APP_KEY,
      tokens: TOKENS,
      userId: "005Z"
    });
    expect(
      checkRevocationForm(plan, { reason: "INC-1", typedName: "" })
    ).toEqual(["No tokens match this request, so there is nothing to revoke."]);
  });

  it("limits the selection's size", () => {
    const many = Array.from(
      { length: MAXIMUM_SELECTED_TOKENS + 1 },
      (_, index) => token(`h${index}`, "005A")
    );
    const plan = planRevocation({
      scope: "Selection",
      appKey: APP_KEY,
      tokens: many,
      handles: many.map((each) => each.handle)
    });
    expect(
      checkRevocationForm(plan, { reason: "INC-1", typedName: "" })
    ).toEqual([
      "2001 tokens are selected, more than the 2000 one request may name. Revoke every token of the app or one user's tokens instead."
    ]);
  });
});

describe("toRequestParams", () => {
  it("trims the reason and the typed name of a whole-app revoke", () => {
    const plan = planRevocation({
      scope: "App",
      appKey: APP_KEY,
      tokens: TOKENS
    });
    expect(
      toRequestParams(plan, { reason: " INC-1 ", typedName: " Acme Sync " })
    ).toEqual({
      appKey: APP_KEY,
      scope: "App",
      handles: null,
      userId: null,
      reason: "INC-1",
      typedName: "Acme Sync"
    });
  });

  it("passes a selection's handles and no typed name", () => {
    const plan: RevocationPlan = planRevocation({
      scope: "Selection",
      appKey: APP_KEY,
      tokens: TOKENS,
      handles: ["h2"]
    });
    const params = toRequestParams(plan, { reason: "INC-2", typedName: "x" });
    expect(params.handles).toEqual(["h2"]);
    expect(params.typedName).toBeNull();
  });
});

describe("progressOf", () => {
  it("computes the whole percent done", () => {
    expect(
      progressOf(
        request({ revoked: 2, alreadyGone: 1, failed: 0, tokensRequested: 9 })
      )
    ).toEqual({ done: 3, total: 9, percent: 33, finished: false });
  });

  it("grows the total when more tokens were found than requested", () => {
    const progress = progressOf(
      request({ status: "Completed", revoked: 12, tokensRequested: 10 })
    );
    expect(progress.total).toBe(12);
    expect(progress.percent).toBe(100);
    expect(progress.finished).toBe(true);
  });

  it("counts an empty request as done", () => {
    expect(progressOf(request({ tokensRequested: 0 })).percent).toBe(100);
  });
});

describe("isRevocationActive", () => {
  it("is true while queued or running", () => {
    expect(isRevocationActive(request({ status: "Queued" }))).toBe(true);
    expect(isRevocationActive(request({ status: "Running" }))).toBe(true);
    expect(isRevocationActive(request({ status: "Interrupted" }))).toBe(false);
    expect(isRevocationActive(request({ status: "Completed" }))).toBe(false);
  });
});

describe("describeRequestStatus", () => {
  it.each([
    [
      request({ status: "Queued" }),
      "Queued: 10 tokens wait for the revoke job to start."
    ],
    [
      request({ status: "Running", revoked: 4, alreadyGone: 1 }),
      "Running: 5 of 10 tokens done (50%)."
    ],
    [
      request({ status: "Completed", revoked: 9, alreadyGone: 1 }),
      "Completed: 9 revoked, 1 already gone."
    ],
    [
      request({
        status: "CompletedWithFailures",
        revoked: 7,
        alreadyGone: 1,
        failed: 2
      }),
      "Completed with failures: 7 revoked, 1 already gone, 2 failed."
    ],
    [
      request({
        status: "Interrupted",
        revoked: 3,
        lastError: "The job stopped: CPU time limit exceeded.",
        resumable: true
      }),
      "Interrupted after 3 of 10 tokens. The job stopped: CPU time limit exceeded. Resume to revoke the rest."
    ],
    [
      request({ status: "Interrupted", revoked: 3 }),
      "Interrupted after 3 of 10 tokens."
    ]
  ])("describes %#", (value, expected) => {
    expect(describeRequestStatus(value)).toBe(expected);
  });
});

describe("describeOutcome", () => {
  it("names the path of a revoked token", () => {
    expect(describeOutcome(outcome({}))).toBe(
      "Revoked through Apex revokeToken"
    );
    expect(describeOutcome(outcome({ path: "HttpRevokeEndpoint" }))).toBe(
      "Revoked through the org's revoke endpoint"
    );
    expect(describeOutcome(outcome({ path: null }))).toBe("Revoked");
  });

  it("gives the reason of a failure or a note on a gone token", () => {
    expect(
      describeOutcome(outcome({ outcome: "Failed", error: "HTTP 400" }))
    ).toBe("Failed: HTTP 400");
    expect(describeOutcome(outcome({ outcome: "Failed", error: null }))).toBe(
      "Failed: no reason was recorded"
    );
    expect(
      describeOutcome(outcome({ outcome: "AlreadyGone", path: null }))
    ).toBe("Already gone");
    expect(
      describeOutcome(
        outcome({
          outcome: "AlreadyGone",
          error: "Not found when the job read the app's tokens."
        })
      )
    ).toBe("Already gone: Not found when the job read the app's tokens.");
  });
});

describe("summariseOutcomes", () => {
  it("counts outcomes and paths and lists failures", () => {
    const failed = outcome({
      outcome: "Failed",
      handle: "h3",
      error: "HTTP 400"
    });
    const summary = summariseOutcomes([
      outcome({}),
      outcome({ path: "HttpRevokeEndpoint" }),
      outcome({ path: null }),
      outcome({ outcome: "AlreadyGone", path: null }),
      failed
    ]);
    expect(summary.revoked).toBe(3);
    expect(summary.alreadyGone).toBe(1);
    expect(summary.failed).toBe(1);
    expect(summary.revokedByPath).toEqual({
      ApexRevokeToken: 1,
      HttpRevokeEndpoint: 1
    });
    expect(summary.failures).toEqual([failed]);
  });
});
