declare module "@salesforce/apex/TokenRevocationController.getRevocationAccess" {
  import type { CacheableApexMethod } from "oauth-guard/apex";
  import type { RevocationAccess } from "oauth-guard/dto";
  /** Reports what the running user may do, and the org's revoke endpoint. */
  const getRevocationAccess: CacheableApexMethod<
    Record<string, never>,
    RevocationAccess
  >;
  export default getRevocationAccess;
}

declare module "@salesforce/apex/TokenRevocationController.listRevocableTokens" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { RevocableTokenSlice } from "oauth-guard/dto";
  /**
   * Reads at most 2,000 of an app's tokens after the cursor, each named by
   * its handle. Null reads the first slice. Needs Revoke OAuth Tokens.
   */
  const listRevocableTokens: ApexMethod<
    { appKey: string; cursor: string | null },
    RevocableTokenSlice
  >;
  export default listRevocableTokens;
}

declare module "@salesforce/apex/TokenRevocationController.requestRevocation" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { RevocationRequest, RevocationScope } from "oauth-guard/dto";
  /**
   * Starts a revocation request and returns it queued. `User` needs
   * userId, `Selection` handles (at most 2,000), `App` typedName. The
   * reason is required. Rejected while a request for the app runs.
   */
  const requestRevocation: ApexMethod<
    {
      appKey: string;
      scope: RevocationScope;
      handles: string[] | null;
      userId: string | null;
      reason: string;
      typedName: string | null;
    },
    RevocationRequest
  >;
  export default requestRevocation;
}

declare module "@salesforce/apex/TokenRevocationController.resumeRevocation" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { RevocationRequest } from "oauth-guard/dto";
  /** Resumes an interrupted request and returns it queued. */
  const resumeRevocation: ApexMethod<{ requestId: string }, RevocationRequest>;
  export default resumeRevocation;
}

declare module "@salesforce/apex/TokenRevocationController.getRevocationStatus" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { RevocationStatus } from "oauth-guard/dto";
  /**
   * Returns a request's progress and 200 of its token outcomes after the
   * cursor. Null reads the first page. Poll while the status is Queued or
   * Running.
   */
  const getRevocationStatus: ApexMethod<
    { requestId: string; outcomeCursor: string | null },
    RevocationStatus
  >;
  export default getRevocationStatus;
}

declare module "@salesforce/apex/TokenRevocationController.listRevocationRequests" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { RevocationRequest } from "oauth-guard/dto";
  /** Lists the 50 newest requests, of one app when appKey is set. */
  const listRevocationRequests: ApexMethod<
    { appKey: string | null },
    RevocationRequest[]
  >;
  export default listRevocationRequests;
}
