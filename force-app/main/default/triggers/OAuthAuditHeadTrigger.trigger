/**
 * Lets only AuditLedger create and move the chain head: AuditLedger.guard
 * rejects every other insert and update, and every delete.
 */
trigger OAuthAuditHeadTrigger on OAuth_Audit_Head__c(
  before insert,
  before update,
  before delete
) {
  AuditLedger.guard(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
