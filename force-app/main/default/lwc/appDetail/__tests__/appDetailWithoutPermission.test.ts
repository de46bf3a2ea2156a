import { createElement } from "lwc";
import AppDetail from "c/appDetail";
import type { AppSummary, TokenPage } from "c/tokenInventory";

// As the platform returns it for a user without the custom permission.
jest.mock(
  "@salesforce/customPermission/Revoke_OAuth_Tokens",
  () => ({ default: undefined }),
  { virtual: true }
);

const APP = {
  key: "id:0H4000000000001CAA",
  name: "Acme Sync",
  menuLabel: "Acme Sync",
  connectedAppName: "Acme Sync",
  tokenAppNames: ["Acme Sync"],
  kind: "connected-app",
  applicationId: "0H4000000000001CAA",
  installed: true,
  policyMatch: "application-id",
  users: 1,
  tokens: 1,
  oldestCreated: "2025-01-01T00:00:00.000Z",
  lastUsed: null,
  totalUseCount: 1,
  staleCount: 0,
  oldCount: 0,
  refreshTokenPolicy: {
    policy: "never-expires",
    validityPeriod: null,
    explanation: "Refresh tokens are valid until revoked."
  },
  permittedUsers: "all-users",
  risk: { level: "none", score: 0, factors: [] }
} as unknown as AppSummary;

const TOKEN_PAGE: TokenPage = {
  total: 1,
  offset: 0,
  rows: [
    {
      appKey: APP.key,
      userId: "005000000000001AAA",
      holder: null,
      appName: "Acme Sync",
      createdDate: "2025-01-01T00:00:00.000Z",
      lastUsedDate: null,
      useCount: 1,
      age: {
        ageDays: 10,
        daysSinceLastUse: null,
        unusedDays: 10,
        isStale: false,
        isOld: false
      }
    }
  ]
};

describe("c-app-detail without Revoke OAuth Tokens", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("hides every revoke button", async () => {
    const element = createElement("c-app-detail", {
      is: AppDetail
    }) as HTMLElement & { app: AppSummary; tokenPage: TokenPage };
    element.app = APP;
    element.tokenPage = TOKEN_PAGE;
    document.body.appendChild(element);
    await Promise.resolve();

    const root = element.shadowRoot;
    expect(root?.querySelector('[data-id="revoke-actions"]')).toBeNull();
    const table = root?.querySelector("c-token-table") as
      (HTMLElement & { selectable: boolean }) | null;
    expect(table?.selectable).toBe(false);
    await expect(element).toBeAccessible();
  });
});
