/**
 * The demo org's entries for EventSourceController, which apex-methods.ts
 * adds to its registry.
 */
import type detectSources from "@salesforce/apex/EventSourceController.detectSources";
import type listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import type listCapturedFiles from "@salesforce/apex/EventSourceController.listCapturedFiles";
import type listEventLogFiles from "@salesforce/apex/EventSourceController.listEventLogFiles";
import type readEventLogFile from "@salesforce/apex/EventSourceController.readEventLogFile";
import type readLoginHistory from "@salesforce/apex/EventSourceController.readLoginHistory";
import type readRealTimeEvents from "@salesforce/apex/EventSourceController.readRealTimeEvents";
import { defineApexMethod, type ApexMethodRegistry } from "./apex-method";
import * as events from "./event-sources";

export const EVENT_SOURCE_APEX_METHODS = {
  "EventSourceController.detectSources": defineApexMethod<typeof detectSources>(
    { cacheable: false },
    (context) => events.detectSources(context)
  ),

  "EventSourceController.listEventLogFiles": defineApexMethod<
    typeof listEventLogFiles
  >({ cacheable: false }, (context, { eventType }) =>
    events.listEventLogFiles(context, eventType ?? null)
  ),

  "EventSourceController.readEventLogFile": defineApexMethod<
    typeof readEventLogFile
  >({ cacheable: false }, (context, { fileId }) =>
    events.readEventLogFile(context, fileId)
  ),

  "EventSourceController.readRealTimeEvents": defineApexMethod<
    typeof readRealTimeEvents
  >({ cacheable: false }, (context, { objectName, since, cursor }) =>
    events.readRealTimeEvents(
      context,
      objectName,
      since ?? null,
      cursor ?? null
    )
  ),

  "EventSourceController.readLoginHistory": defineApexMethod<
    typeof readLoginHistory
  >({ cacheable: false }, (context, { since, cursor }) =>
    events.readLoginHistory(context, since ?? null, cursor ?? null)
  ),

  "EventSourceController.listActivitySummaries": defineApexMethod<
    typeof listActivitySummaries
  >({ cacheable: false }, (context, { since, cursor }) =>
    events.listActivitySummaries(context, since ?? null, cursor ?? null)
  ),

  "EventSourceController.listCapturedFiles": defineApexMethod<
    typeof listCapturedFiles
  >({ cacheable: false }, (context, { since }) =>
    events.listCapturedFiles(context, since ?? null)
  )
} satisfies ApexMethodRegistry;
