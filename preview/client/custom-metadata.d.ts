/**
 * The build tree's custom metadata records, which the preview bundler
 * provides as a module (see preview/bundler/platform-modules.mjs).
 */
declare module "oauth-guard-preview/custom-metadata" {
  /** One record: its type without `__mdt`, DeveloperName and field values. */
  export interface CustomMetadataRecord {
    type: string;
    name: string;
    values: Record<string, string>;
  }

  const records: readonly CustomMetadataRecord[];
  export default records;
}
