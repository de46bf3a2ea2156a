/**
 * Keeps token outcomes append-only: AuditLedger.guard rejects every
 * insert and delete that AuditLedger did not make, and every update.
 */
trigger OAuthRevocationOutcomeTrigger on OAuth_Revocation_Outcome__c(
  before insert,
  before update,
  before delete
) {
  AuditLedger.guard(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
