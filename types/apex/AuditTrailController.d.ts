declare module "@salesforce/apex/AuditTrailController.listAuditTrail" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { AuditTrailPage } from "oauth-guard/dto";
  /**
   * Reads 1,000 audit records of every kind after the cursor, in sequence
   * order, with the chain head. Null reads the first page.
   */
  const listAuditTrail: ApexMethod<{ cursor: string | null }, AuditTrailPage>;
  export default listAuditTrail;
}

declare module "@salesforce/apex/AuditTrailController.planAuditArchive" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { AuditArchivePlan } from "oauth-guard/dto";
  /**
   * Works out what an archive of the records written before `before`
   * (ISO 8601) would remove. Null plans the latest time the 365-day
   * retention allows. Needs Archive OAuth Guard Audit.
   */
  const planAuditArchive: ApexMethod<
    { before: string | null },
    AuditArchivePlan
  >;
  export default planAuditArchive;
}

declare module "@salesforce/apex/AuditTrailController.archiveAuditTrail" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { AuditEntry } from "oauth-guard/dto";
  /**
   * Removes the records up to cutSequence (from planAuditArchive) after
   * the admin exported them, and returns the archive record. exportSha256
   * is the SHA-256 (hex) of the exported CSV. Needs Archive OAuth Guard
   * Audit.
   */
  const archiveAuditTrail: ApexMethod<
    { cutSequence: number; exportSha256: string; reason: string },
    AuditEntry
  >;
  export default archiveAuditTrail;
}
