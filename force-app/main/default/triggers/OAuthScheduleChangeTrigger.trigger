/**
 * Keeps schedule change records append-only: AuditLedger.guard rejects
 * every insert and delete that AuditLedger did not make, and every update.
 */
trigger OAuthScheduleChangeTrigger on OAuth_Schedule_Change__c(
  before insert,
  before update,
  before delete
) {
  AuditLedger.guard(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
