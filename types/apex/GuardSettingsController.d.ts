declare module "@salesforce/apex/GuardSettingsController.getSettings" {
  import type { CacheableApexMethod } from "oauth-guard/apex";
  import type { GuardSetting } from "oauth-guard/dto";
  /** Returns every OAuth Guard setting record as a name and a text value. */
  const getSettings: CacheableApexMethod<Record<string, never>, GuardSetting[]>;
  export default getSettings;
}
