declare module "@salesforce/apex/EventSourceController.detectSources" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { EventSourceStatus } from "oauth-guard/dto";
  /** Reports which sources of activity data the user can read, and why not. */
  const detectSources: ApexMethod<Record<string, never>, EventSourceStatus[]>;
  export default detectSources;
}

declare module "@salesforce/apex/EventSourceController.listEventLogFiles" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { EventLogFilePage } from "oauth-guard/dto";
  /** Lists event log files newest first. A null event type lists every type. */
  const listEventLogFiles: ApexMethod<
    { eventType: string | null; cursor: string | null },
    EventLogFilePage
  >;
  export default listEventLogFiles;
}

declare module "@salesforce/apex/EventSourceController.readEventLogFile" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { EventLogFileContent } from "oauth-guard/dto";
  /** Returns a file's CSV, and rejects a file too large for Apex. */
  const readEventLogFile: ApexMethod<{ fileId: string }, EventLogFileContent>;
  export default readEventLogFile;
}

declare module "@salesforce/apex/EventSourceController.readRealTimeEvents" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { EventRowPage } from "oauth-guard/dto";
  /**
   * Reads ApiEvent, ReportEvent or BulkApiResultEventStore newest first,
   * from `since` (ISO 8601 with a zone, or null for the last day).
   */
  const readRealTimeEvents: ApexMethod<
    {
      objectName: "ApiEvent" | "ReportEvent" | "BulkApiResultEventStore";
      since: string | null;
      cursor: string | null;
    },
    EventRowPage
  >;
  export default readRealTimeEvents;
}

declare module "@salesforce/apex/EventSourceController.readLoginHistory" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { EventRowPage } from "oauth-guard/dto";
  /** Reads LoginHistory newest first, from `since`. */
  const readLoginHistory: ApexMethod<
    { since: string | null; cursor: string | null },
    EventRowPage
  >;
  export default readLoginHistory;
}

declare module "@salesforce/apex/EventSourceController.listActivitySummaries" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { ActivitySummaryPage } from "oauth-guard/dto";
  /**
   * Lists the daily capture's summaries from a UTC day (YYYY-MM-DD, or
   * null for the last 30 days), newest day first.
   */
  const listActivitySummaries: ApexMethod<
    { since: string | null; cursor: string | null },
    ActivitySummaryPage
  >;
  export default listActivitySummaries;
}

declare module "@salesforce/apex/EventSourceController.listCapturedFiles" {
  import type { ApexMethod } from "oauth-guard/apex";
  import type { CapturedLogFile } from "oauth-guard/dto";
  /** Lists the files the daily capture handled, from a UTC day. */
  const listCapturedFiles: ApexMethod<
    { since: string | null },
    CapturedLogFile[]
  >;
  export default listCapturedFiles;
}
