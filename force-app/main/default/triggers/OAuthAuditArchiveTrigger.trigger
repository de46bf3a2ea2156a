/**
 * Keeps archive records append-only: AuditLedger.guard rejects every
 * insert and delete that AuditLedger did not make, and every update.
 */
trigger OAuthAuditArchiveTrigger on OAuth_Audit_Archive__c(
  before insert,
  before update,
  before delete
) {
  AuditLedger.guard(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
