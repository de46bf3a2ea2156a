import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  RevocableTokenSlice,
  RevocationRequest,
  RevocationStatus
} from "oauth-guard/dto";
import { identifyApp } from "c/appKey";
import { AuraHandledException } from "../apex-error";
import type { ApexCallContext } from "../apex-method";
import { CUSTOM_PERMISSION_SETS } from "../custom-permissions";
import { DemoOrg } from "../demo-org";
import {
  getRevocationAccess,
  getRevocationStatus,
  listRevocableTokens,
  listRevocationRequests,
  requestRevocation,
  resumeRevocation,
  REVOKE_PERMISSION_MESSAGE,
  type RevocationInput
} from "../revocation";
import {
  DEMO_ORG_DOMAIN_URL,
  LINK_INTERVAL_MS,
  LINK_SIZE,
  NOT_FOUND_ERROR,
  QUEUE_DELAY_MS
} from "../revocation-job";
import { configureRevocationDemo } from "../revocation-state";
import { tokensOfApp } from "../token-handles";
import type { DemoUser } from "../users";

const START = Date.UTC(2025, 5, 2, 12, 0, 0);
const INCIDENT_APP = "Parley Sales Assistant";

/** Creates a demo org on a clock that the test moves. */
function createOrg(options: { userCount?: number } = {}) {
  const org = new DemoOrg({ userCount: options.userCount ?? 400 });
  const clock = { now: START };
  configureRevocationDemo(org, { clock: () => clock.now });
  const admin: ApexCallContext = { org, runningUser: org.runningUsers.admin };
  const viewer: ApexCallContext = {
    org,
    runningUser: org.runningUsers.viewer
  };
  return { org, clock, admin, viewer };
}

function appKeyOf(org: DemoOrg, name: string): string {
  const app = org.apps.find((candidate) => candidate.definition.name === name);
  return identifyApp({
    applicationId: app?.applicationId ?? null,
    appName: name
  }).key;
}

function input(overrides: Partial<RevocationInput>): RevocationInput {
  return {
    appKey: "",
    scope: "App",
    handles: null,
    userId: null,
    reason: "INC-4711: token theft reported by the vendor",
    typedName: INCIDENT_APP,
    ...overrides
  };
}

async function readAll(
  context: ApexCallContext,
  appKey: string
): Promise<RevocableTokenSlice["tokens"]> {
  const tokens: RevocableTokenSlice["tokens"] = [];
  let cursor: string | null = null;
  do {
    const slice: RevocableTokenSlice = await listRevocableTokens(
      context,
      appKey,
      cursor
    );
    tokens.push(...slice.tokens);
    cursor = slice.nextCursor ?? null;
  } while (cursor !== null);
  return tokens;
}

/** Moves the clock past every link and returns the request's status. */
async function finish(
  context: ApexCallContext,
  clock: { now: number },
  request: RevocationRequest
): Promise<RevocationStatus> {
  const links = Math.ceil(request.tokensRequested / LINK_SIZE) + 1;
  clock.now += QUEUE_DELAY_MS + links * LINK_INTERVAL_MS;
  return getRevocationStatus(context, request.id, null);
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(AuraHandledException);
  return (error as Error).message;
}

describe("custom permissions of the demo org", () => {
  it("match the package's permission sets", () => {
    const directory = join(
      __dirname,
      "../../../force-app/main/default/permissionsets"
    );
    const enabling: Record<string, string[]> = {};
    for (const file of readdirSync(directory)) {
      const xml = readFileSync(join(directory, file), "utf8");
      const setName = file.replace(".permissionset-meta.xml", "");
      for (const match of xml.matchAll(
        /<customPermissions>\s*<enabled>true<\/enabled>\s*<name>(\w+)<\/name>/g
      )) {
        const permission = match[1] as string;
        enabling[permission] = [...(enabling[permission] ?? []), setName];
      }
    }
    expect(enabling).toEqual(CUSTOM_PERMISSION_SETS);
  });
});

describe("getRevocationAccess", () => {
  const { admin, viewer } = createOrg({ userCount: 2 });

  it("lets the admin revoke", () => {
    expect(getRevocationAccess(admin)).toEqual({
      canRevoke: true,
      canArchive: false,
      revokeEndpoint: `${DEMO_ORG_DOMAIN_URL}/services/oauth2/revoke`,
      orgDomainUrl: DEMO_ORG_DOMAIN_URL
    });
  });

  it("lets the viewer archive but not revoke", () => {
    expect(getRevocationAccess(viewer).canRevoke).toBe(false);
    expect(getRevocationAccess(viewer).canArchive).toBe(true);
  });
});

describe("listRevocableTokens", () => {
  const { org, admin, viewer } = createOrg();
  const appKey = appKeyOf(org, INCIDENT_APP);

  it("names every token of the app by a handle", async () => {
    const tokens = await readAll(admin, appKey);
    expect(tokens).toHaveLength(tokensOfApp(org.oauthTokens, appKey).length);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(token.handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(token.appName).toBe(INCIDENT_APP);
    }
    expect(new Set(tokens.map((token) => token.handle)).size).toBe(
      tokens.length
    );
  });

  it("returns the same handles on every read", async () => {
    const first = await readAll(admin, appKey);
    const second = await readAll(admin, appKey);
    expect(second).toEqual(first);
  });

  it("rejects the viewer with the Apex message", async () => {
    expect(await rejection(listRevocableTokens(viewer, appKey, null))).toBe(
      REVOKE_PERMISSION_MESSAGE
    );
  });

  it("rejects an invalid app key", async () => {
    expect(
      await rejection(listRevocableTokens(admin, "id:0H4short", null))
    ).toContain('The app key "id:0H4short" is invalid.');
  });

  it("rejects a malformed cursor", async () => {
    expect(
      await rejection(listRevocableTokens(admin, appKey, "bm90IGpzb24="))
    ).toBe(
      "The token cursor is invalid because it does not contain valid JSON. " +
        "Start again from the first slice, without a cursor."
    );
  });
});

describe("requestRevocation checks", () => {
  const { org, admin, viewer } = createOrg();
  const appKey = appKeyOf(org, INCIDENT_APP);

  it.each([
    [{ reason: "  " }, "Enter a reason, for example an incident number."],
    [
      { reason: "x".repeat(256) },
      "The reason is 256 characters long. Shorten it to 255 or fewer."
    ],
    [
      { typedName: "parley sales assistant" },
      `To revoke every token of the app, type its name exactly as shown: "${INCIDENT_APP}".`
    ],
    [
      { scope: "Everything" as never },
      'The scope "Everything" is invalid. Expected User, Selection or App.'
    ],
    [
      { scope: "User" as const, userId: "0H4000000000001" },
      'The user id "0H4000000000001" is not a user id. Choose the user from the app\'s token holders.'
    ],
    [
      { scope: "Selection" as const, handles: [] },
      "Select at least one token to revoke."
    ],
    [
      { scope: "Selection" as const, handles: ["not-a-handle"] },
      'The token handle "not-a-handle" is not one OAuth Guard issued. Reload the app\'s tokens and select them again.'
    ]
  ])("rejects %j", async (overrides, message) => {
    expect(
      await rejection(requestRevocation(admin, input({ appKey, ...overrides })))
    ).toBe(message);
  });

  it("rejects a user without tokens of the app", async () => {
    await org.loadOAuthTokens();
    const holders = new Set(
      tokensOfApp(org.oauthTokens, appKey).map((token) => token.userId)
    );
    const nonHolder = org.users.find((user) => !holders.has(user.id));
    const message = await rejection(
      requestRevocation(
        admin,
        input({ appKey, scope: "User", userId: nonHolder?.id ?? "" })
      )
    );
    expect(message).toMatch(/^No OAuth token of the app matches the request/);
  });

  it("rejects the viewer's direct call", async () => {
    expect(await rejection(requestRevocation(viewer, input({ appKey })))).toBe(
      REVOKE_PERMISSION_MESSAGE
    );
  });
});

describe("a whole-app revocation", () => {
  const { org, clock, admin } = createOrg();
  const appKey = appKeyOf(org, INCIDENT_APP);
  let request: RevocationRequest;
  let appTokens: number;

  beforeAll(async () => {
    await org.loadOAuthTokens();
    appTokens = tokensOfApp(org.oauthTokens, appKey).length;
    request = await requestRevocation(admin, input({ appKey }));
  });

  it("starts queued with the tokens it covers", () => {
    expect(request).toMatchObject({
      name: "REV-000004",
      scope: "App",
      status: "Queued",
      appName: INCIDENT_APP,
      tokensRequested: appTokens,
      requestedByName: "Morgan Reyes",
      reason: "INC-4711: token theft reported by the vendor",
      resumable: false
    });
    expect(request.jobId).toMatch(/^707/);
  });

  it("rejects a second request while it runs", async () => {
    expect(
      await rejection(requestRevocation(admin, input({ appKey })))
    ).toMatch(
      /^A revocation of this app is already queued: REV-000004, requested by Morgan Reyes at /
    );
  });

  it("ends with an outcome per token", async () => {
    const status = await finish(admin, clock, request);
    const { revoked, alreadyGone, failed } = status.request;
    expect(revoked + alreadyGone + failed).toBe(appTokens);
    expect(status.outcomes.length).toBe(Math.min(200, appTokens));
  });

  it("removes revoked tokens from the org", () => {
    const left = tokensOfApp(org.oauthTokens, appKey);
    expect(left.length).toBeLessThan(appTokens);
  });

  it("rejects a cursor that is not a sequence", async () => {
    expect(
      await rejection(getRevocationStatus(admin, request.id, "next"))
    ).toBe(
      'The outcome cursor "next" is invalid. Load the outcomes again from the first page.'
    );
  });

  it("rejects an unknown request id", async () => {
    expect(
      await rejection(getRevocationStatus(admin, "a01000000000000AAA", null))
    ).toBe(
      "Revocation request a01000000000000AAA was not found, or your user may not read it."
    );
  });
});

describe("the incident app in the preview's org", () => {
  const { org, clock, admin } = createOrg({ userCount: 5000 });
  const appKey = appKeyOf(org, INCIDENT_APP);
  let running: RevocationStatus;
  let status: RevocationStatus;
  const outcomes: RevocationStatus["outcomes"] = [];

  beforeAll(async () => {
    const request = await requestRevocation(admin, input({ appKey }));
    clock.now += QUEUE_DELAY_MS;
    running = await getRevocationStatus(admin, request.id, null);
    status = await finish(admin, clock, request);
    let cursor: string | null = null;
    do {
      const page: RevocationStatus = await getRevocationStatus(
        admin,
        request.id,
        cursor
      );
      outcomes.push(...page.outcomes);
      cursor = page.nextOutcomeCursor ?? null;
    } while (cursor !== null);
  });

  it("reports progress after the first link", () => {
    const { revoked, alreadyGone, failed } = running.request;
    expect(running.request.status).toBe("Running");
    expect(revoked + alreadyGone + failed).toBe(LINK_SIZE);
    // Progress times are stored in whole seconds.
    expect(running.request.progressUpdatedAt).toBe(
      new Date(START).toISOString()
    );
  });

  it("fails a few tokens for want of a Remote Site Setting", () => {
    expect(status.request.status).toBe("CompletedWithFailures");
    expect(status.request.failed).toBeGreaterThanOrEqual(1);
    expect(status.request.failed).toBeLessThanOrEqual(20);
    const failure = outcomes.find((outcome) => outcome.outcome === "Failed");
    expect(failure?.path).toBe("HttpRevokeEndpoint");
    expect(failure?.error).toMatch(
      /^Auth\.OauthToken\.revokeToken returned false\. Then: Calling the revoke endpoint failed: Unauthorized endpoint/
    );
    // The whole message is kept, advice included, within Error__c's length.
    expect(failure?.error).toMatch(/Remote Site/);
    expect(failure?.error?.length).toBeLessThanOrEqual(4000);
  });

  it("pages through every outcome", () => {
    expect(outcomes).toHaveLength(status.request.tokensRequested);
    expect(new Set(outcomes.map((outcome) => outcome.handle)).size).toBe(
      outcomes.length
    );
  });

  it("names each holder and leaves out null fields", () => {
    const revoked = outcomes.find((outcome) => outcome.outcome === "Revoked");
    expect(revoked?.userName).toBe(org.userById(revoked?.userId ?? "")?.name);
    expect(revoked).toBeDefined();
    expect(Object.keys(revoked ?? {})).not.toContain("error");
  });

  it("leaves only the failed tokens", () => {
    expect(tokensOfApp(org.oauthTokens, appKey)).toHaveLength(
      status.request.failed
    );
  });
});

describe("user and selection requests", () => {
  const { org, clock, admin } = createOrg();
  const appKey = appKeyOf(org, INCIDENT_APP);

  it("revokes one user's tokens only", async () => {
    const tokens = await readAll(admin, appKey);
    const userId = tokens[0]?.userId ?? "";
    const userTokens = tokens.filter((token) => token.userId === userId);
    const request = await requestRevocation(
      admin,
      input({ appKey, scope: "User", userId, typedName: null })
    );
    expect(request.tokensRequested).toBe(userTokens.length);
    expect(request.targetUserId).toBe(userId);
    const status = await finish(admin, clock, request);
    expect(status.outcomes.map((outcome) => outcome.userId)).toEqual(
      userTokens.map(() => userId)
    );
    const left = await readAll(admin, appKey);
    expect(left.length).toBe(
      tokens.length - status.request.revoked - status.request.alreadyGone
    );
  });

  it("settles unknown handles as already gone", async () => {
    const tokens = await readAll(admin, appKey);
    const chosen = tokens.slice(0, 2).map((token) => token.handle);
    const unknown = "A".repeat(43);
    const request = await requestRevocation(
      admin,
      input({
        appKey,
        scope: "Selection",
        handles: [...chosen, unknown, chosen[0] ?? ""],
        typedName: null
      })
    );
    expect(request.tokensRequested).toBe(3);
    const status = await finish(admin, clock, request);
    const byHandle = new Map(
      status.outcomes.map((outcome) => [outcome.handle, outcome])
    );
    expect(byHandle.get(unknown)).toMatchObject({
      outcome: "AlreadyGone",
      error: NOT_FOUND_ERROR
    });
    expect(byHandle.get(unknown)?.userId).toBeUndefined();
    expect(status.outcomes).toHaveLength(3);
  });
});

describe("resumeRevocation", () => {
  const { org, clock, admin, viewer } = createOrg();

  async function interruptedRequest(
    context: ApexCallContext
  ): Promise<RevocationRequest> {
    const requests = await listRevocationRequests(context, null);
    const found = requests.find((request) => request.status === "Interrupted");
    if (!found) {
      throw new Error("The seeded history has no interrupted request.");
    }
    return found;
  }

  it("offers Resume to the admin only", async () => {
    expect((await interruptedRequest(admin)).resumable).toBe(true);
    expect((await interruptedRequest(viewer)).resumable).toBe(false);
  });

  it("rejects the viewer's direct call", async () => {
    const request = await interruptedRequest(viewer);
    expect(await rejection(resumeRevocation(viewer, request.id))).toBe(
      REVOKE_PERMISSION_MESSAGE
    );
  });

  it("revokes the rest of the interrupted request", async () => {
    const request = await interruptedRequest(admin);
    expect(request.revoked).toBe(1);
    const resumed = await resumeRevocation(admin, request.id);
    expect(resumed.status).toBe("Queued");
    expect(resumed.lastError).toBeUndefined();
    const status = await finish(admin, clock, resumed);
    const { revoked, alreadyGone, failed } = status.request;
    expect(revoked + alreadyGone + failed).toBe(request.tokensRequested);
    const user = org.tokensOfUser(request.targetUserId ?? "");
    const left = user.filter((token) => token.appName === request.appName);
    expect(left).toHaveLength(failed);
  });

  it("rejects a finished request", async () => {
    const [newest] = await listRevocationRequests(admin, null);
    const finished = (await listRevocationRequests(admin, null)).find(
      (request) => request.status === "Completed"
    );
    expect(newest).toBeDefined();
    expect(await rejection(resumeRevocation(admin, finished?.id ?? ""))).toBe(
      `Only an interrupted request can be resumed, and ${finished?.name} is Completed.`
    );
  });
});

describe("listRevocationRequests", () => {
  const { org, admin } = createOrg();

  it("lists the newest first", async () => {
    const requests = await listRevocationRequests(admin, null);
    expect(requests.map((request) => request.name)).toEqual([
      "REV-000003",
      "REV-000002",
      "REV-000001"
    ]);
  });

  it("lists one app's requests by its key", async () => {
    const appKey = appKeyOf(org, INCIDENT_APP);
    const requests = await listRevocationRequests(admin, appKey);
    expect(requests.map((request) => request.appKey)).toEqual([appKey]);
  });

  it("lists nothing for an app without requests", async () => {
    expect(await listRevocationRequests(admin, "name:Nobody")).toEqual([]);
  });
});

describe("running users", () => {
  it("need OAuth Guard Admin to revoke", () => {
    const { admin } = createOrg({ userCount: 2 });
    const withoutSet: DemoUser = {
      ...admin.runningUser,
      permissionSetNames: []
    };
    expect(
      getRevocationAccess({ org: admin.org, runningUser: withoutSet }).canRevoke
    ).toBe(false);
  });
});
