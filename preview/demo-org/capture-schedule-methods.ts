/**
 * The demo org's entries for ActivityCaptureController, which
 * apex-methods.ts adds to its registry.
 */
import type cancelCaptureSchedule from "@salesforce/apex/ActivityCaptureController.cancelCaptureSchedule";
import type getCaptureSchedule from "@salesforce/apex/ActivityCaptureController.getCaptureSchedule";
import type scheduleCapture from "@salesforce/apex/ActivityCaptureController.scheduleCapture";
import { defineApexMethod, type ApexMethodRegistry } from "./apex-method";
import * as captureSchedule from "./capture-schedule";

export const CAPTURE_SCHEDULE_APEX_METHODS = {
  "ActivityCaptureController.getCaptureSchedule": defineApexMethod<
    typeof getCaptureSchedule
  >({ cacheable: false }, (context) =>
    captureSchedule.getCaptureSchedule(context)
  ),

  "ActivityCaptureController.scheduleCapture": defineApexMethod<
    typeof scheduleCapture
  >({ cacheable: false }, (context) =>
    captureSchedule.scheduleCapture(context)
  ),

  "ActivityCaptureController.cancelCaptureSchedule": defineApexMethod<
    typeof cancelCaptureSchedule
  >({ cacheable: false }, (context) =>
    captureSchedule.cancelCaptureSchedule(context)
  )
} satisfies ApexMethodRegistry;
