declare module "@salesforce/apex/TokenInventoryController.countTokens" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { TokenCount } from "oauth-guard/dto";
  /** Counts the OAuth tokens the running user can see. */
  const countTokens: ApexMethod<Record<string, never>, TokenCount>;
  export default countTokens;
}

declare module "@salesforce/apex/TokenInventoryController.readTokenSlice" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { TokenSlice } from "oauth-guard/dto";
  /** Reads at most 2,000 tokens after the cursor; null reads the first. */
  const readTokenSlice: ApexMethod<{ cursor: string | null }, TokenSlice>;
  export default readTokenSlice;
}

declare module "@salesforce/apex/TokenInventoryController.listConnectedApps" {
  import type { CacheableApexMethod } from "oauth-guard/apex";
  import type { ConnectedAppPolicy } from "oauth-guard/dto";
  /** Lists the connected apps installed in the org, with their policies. */
  const listConnectedApps: CacheableApexMethod<
    Record<string, never>,
    ConnectedAppPolicy[]
  >;
  export default listConnectedApps;
}
