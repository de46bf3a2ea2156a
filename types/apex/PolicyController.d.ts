declare module "@salesforce/apex/PolicyController.getPolicyOverview" {
  import type { CacheableApexMethod } from "oauth-guard/apex";
  import type { PolicyOverview } from "oauth-guard/dto";
  /**
   * Returns OAuth Guard's transaction security policies as they are in the
   * org, with the settings, allowlist and indicator rules they read.
   * Reading State needs View All Data, and stateProblem explains a failure.
   */
  const getPolicyOverview: CacheableApexMethod<
    Record<string, never>,
    PolicyOverview
  >;
  export default getPolicyOverview;
}
