/**
 * The demo org's entries for TokenRevocationController and
 * AuditTrailController, which apex-methods.ts adds to its registry.
 */
import type archiveAuditTrail from "@salesforce/apex/AuditTrailController.archiveAuditTrail";
import type listAuditTrail from "@salesforce/apex/AuditTrailController.listAuditTrail";
import type planAuditArchive from "@salesforce/apex/AuditTrailController.planAuditArchive";
import type getRevocationAccess from "@salesforce/apex/TokenRevocationController.getRevocationAccess";
import type getRevocationStatus from "@salesforce/apex/TokenRevocationController.getRevocationStatus";
import type listRevocableTokens from "@salesforce/apex/TokenRevocationController.listRevocableTokens";
import type listRevocationRequests from "@salesforce/apex/TokenRevocationController.listRevocationRequests";
import type requestRevocation from "@salesforce/apex/TokenRevocationController.requestRevocation";
import type resumeRevocation from "@salesforce/apex/TokenRevocationController.resumeRevocation";
import { defineApexMethod, type ApexMethodRegistry } from "./apex-method";
import * as audit from "./audit-trail";
import * as revocation from "./revocation";

export const REVOCATION_APEX_METHODS = {
  "TokenRevocationController.getRevocationAccess": defineApexMethod<
    typeof getRevocationAccess
  >({ cacheable: true }, (context) => revocation.getRevocationAccess(context)),

  "TokenRevocationController.listRevocableTokens": defineApexMethod<
    typeof listRevocableTokens
  >({ cacheable: false }, (context, { appKey, cursor }) =>
    revocation.listRevocableTokens(context, appKey, cursor ?? null)
  ),

  "TokenRevocationController.requestRevocation": defineApexMethod<
    typeof requestRevocation
  >({ cacheable: false }, (context, params) =>
    revocation.requestRevocation(context, params)
  ),

  "TokenRevocationController.resumeRevocation": defineApexMethod<
    typeof resumeRevocation
  >({ cacheable: false }, (context, { requestId }) =>
    revocation.resumeRevocation(context, requestId)
  ),

  "TokenRevocationController.getRevocationStatus": defineApexMethod<
    typeof getRevocationStatus
  >({ cacheable: false }, (context, { requestId, outcomeCursor }) =>
    revocation.getRevocationStatus(context, requestId, outcomeCursor ?? null)
  ),

  "TokenRevocationController.listRevocationRequests": defineApexMethod<
    typeof listRevocationRequests
  >({ cacheable: false }, (context, { appKey }) =>
    revocation.listRevocationRequests(context, appKey ?? null)
  ),

  "AuditTrailController.listAuditTrail": defineApexMethod<
    typeof listAuditTrail
  >({ cacheable: false }, (context, { cursor }) =>
    audit.listAuditTrail(context, cursor ?? null)
  ),

  "AuditTrailController.planAuditArchive": defineApexMethod<
    typeof planAuditArchive
  >({ cacheable: false }, (context, { before }) =>
    audit.planAuditArchive(context, before ?? null)
  ),

  "AuditTrailController.archiveAuditTrail": defineApexMethod<
    typeof archiveAuditTrail
  >({ cacheable: false }, (context, params) =>
    audit.archiveAuditTrail(context, params)
  )
} satisfies ApexMethodRegistry;
