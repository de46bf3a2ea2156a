/**
 * The page's one read of the org's activity and findings, shared by the
 * Apps, Activity and Findings tabs so that switching tabs does not read
 * every event log file again. Refresh reads it anew.
 */
import getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import detectSources from "@salesforce/apex/EventSourceController.detectSources";
import listActivitySummaries from "@salesforce/apex/EventSourceController.listActivitySummaries";
import listEventLogFiles from "@salesforce/apex/EventSourceController.listEventLogFiles";
import readEventLogFile from "@salesforce/apex/EventSourceController.readEventLogFile";
import readLoginHistory from "@salesforce/apex/EventSourceController.readLoginHistory";
import readRealTimeEvents from "@salesforce/apex/EventSourceController.readRealTimeEvents";
import listConnectedApps from "@salesforce/apex/TokenInventoryController.listConnectedApps";
import type {
  ActivitySummary,
  ConnectedAppPolicy,
  PolicyOverview
} from "oauth-guard/dto";
import { readSummaryPages } from "c/activityView";
import {
  readOrgActivity,
  type OrgActivity,
  type OrgActivityApi
} from "c/orgActivity";
import { findOrgFindingsInChunks, type OrgFindings } from "c/orgFindings";

const API: OrgActivityApi = {
  detectSources: () => detectSources(),
  listEventLogFiles: (cursor) => listEventLogFiles({ eventType: null, cursor }),
  readEventLogFile: (fileId) => readEventLogFile({ fileId }),
  readRealTimeEvents: (objectName, since, cursor) =>
    readRealTimeEvents({ objectName, since, cursor }),
  readLoginHistory: (since, cursor) => readLoginHistory({ since, cursor })
};

export interface LoadedFindings extends OrgFindings {
  activity: OrgActivity;
  overview: PolicyOverview;
  summaries: ActivitySummary[];
}

/**
 * Ends the current task, so that the browser handles input between two
 * chunks of a long findings run.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- a zero-delay timer ends the task
    setTimeout(resolve, 0);
  });
}

type SummaryRead = { summaries: ActivitySummary[]; complete: boolean };

let summariesRead: Promise<SummaryRead> | null = null;
let activityRead: Promise<OrgActivity> | null = null;
let findingsRead: Promise<LoadedFindings> | null = null;

/**
 * Reads the daily capture's summaries once per page, or again when
 * refresh is set. The Activity tab shows them and the findings use them
 * as their baseline.
 */
export function loadActivitySummaries(refresh = false): Promise<SummaryRead> {
  if (summariesRead === null || refresh) {
    const read = readSummaryPages((cursor) =>
      listActivitySummaries({ since: null, cursor })
    );
    read.catch(() => {
      if (summariesRead === read) {
        summariesRead = null;
      }
    });
    summariesRead = read;
  }
  return summariesRead;
}

/** Reads the org's activity once per page, or again when refresh is set. */
export function loadOrgActivity(refresh = false): Promise<OrgActivity> {
  if (activityRead === null || refresh) {
    if (refresh) {
      // Findings of the old read would no longer match the activity.
      findingsRead = null;
    }
    const read = readOrgActivity(API, { now: Date.now() });
    // A failed read is not kept, so the next caller tries again.
    read.catch(() => {
      if (activityRead === read) {
        activityRead = null;
      }
    });
    activityRead = read;
  }
  return activityRead;
}

/**
 * Reads the connected apps, which give names to the app ids in events.
 * Returns none when the read fails, and the page then shows the names
 * that events give, or ids.
 */
async function readConnectedApps(): Promise<ConnectedAppPolicy[]> {
  try {
    return await listConnectedApps();
  } catch {
    return [];
  }
}

let connectedAppsRead: Promise<ConnectedAppPolicy[]> | null = null;

/** Reads the org's connected apps once per page. */
export function loadConnectedApps(): Promise<ConnectedAppPolicy[]> {
  connectedAppsRead ??= readConnectedApps();
  return connectedAppsRead;
}

async function readFindings(refresh: boolean): Promise<LoadedFindings> {
  const [overview, activity, summaryRead, connectedApps] = await Promise.all([
    getPolicyOverview(),
    loadOrgActivity(refresh),
    loadActivitySummaries(refresh),
    readConnectedApps()
  ]);
  const findings = await findOrgFindingsInChunks(
    {
      activity,
      summaries: summaryRead.summaries,
      summariesComplete: summaryRead.complete,
      indicatorRules: overview.indicatorRules,
      allowlist: overview.allowlist,
      connectedApps
    },
    nextTask
  );
  return {
    ...findings,
    activity,
    overview,
    summaries: summaryRead.summaries
  };
}

/** Runs the rules over the org's activity once per page, or again. */
export function loadOrgFindings(refresh = false): Promise<LoadedFindings> {
  if (findingsRead === null || refresh) {
    const read = readFindings(refresh);
    read.catch(() => {
      if (findingsRead === read) {
        findingsRead = null;
      }
    });
    findingsRead = read;
  }
  return findingsRead;
}

/** Forgets what was read, so that the next load reads the org again. */
export function forgetLoadedActivity(): void {
  summariesRead = null;
  activityRead = null;
  findingsRead = null;
  connectedAppsRead = null;
}
