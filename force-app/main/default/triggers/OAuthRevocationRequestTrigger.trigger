/**
 * Keeps revocation requests as written: AuditLedger.guard rejects every
 * insert, update and delete that AuditLedger did not make, and any change
 * to a field the request's hash covers.
 */
trigger OAuthRevocationRequestTrigger on OAuth_Revocation_Request__c(
  before insert,
  before update,
  before delete
) {
  AuditLedger.guard(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
