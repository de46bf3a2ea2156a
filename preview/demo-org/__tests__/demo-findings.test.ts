// Every kind of indicator rule fires on the demo org's activity, read as
// the page reads it (c/orgActivity) and judged with the shipped rules.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  ActivitySummaryPage,
  EventLogFileContent,
  EventLogFilePage,
  EventRowPage,
  EventSourceStatus,
  IndicatorRule
} from "oauth-guard/dto";
import { readOrgActivity, type OrgActivityApi } from "c/orgActivity";
import { findOrgFindings, findingsOfApp } from "c/orgFindings";
import type { Finding } from "c/findingEngine";
import { APEX_METHODS } from "../apex-methods";
import type { ApexCallContext } from "../apex-method";
import { INCIDENT_APP_NAME } from "../app-catalog";
import { DemoOrg } from "../demo-org";
import { invokeApexMethod } from "../invoke";
import { FIRST_SEEN_APP_INDEX } from "../real-time-events";

const RULES_FILE = join(__dirname, "../../../rules/indicator-rules.json");
const rules = (
  JSON.parse(readFileSync(RULES_FILE, "utf8")) as { rules: IndicatorRule[] }
).rules;

const org = new DemoOrg({ userCount: 40, indicatorRules: rules });
const asAdmin: ApexCallContext = { org, runningUser: org.runningUsers.admin };

function call<T>(method: string, params: object): Promise<T> {
  return invokeApexMethod(
    APEX_METHODS,
    `EventSourceController.${method}`,
    params,
    asAdmin
  ) as Promise<T>;
}

const api: OrgActivityApi = {
  detectSources: () => call<EventSourceStatus[]>("detectSources", {}),
  listEventLogFiles: (cursor) =>
    call<EventLogFilePage>("listEventLogFiles", { eventType: null, cursor }),
  readEventLogFile: (fileId) =>
    call<EventLogFileContent>("readEventLogFile", { fileId }),
  readRealTimeEvents: (objectName, since, cursor) =>
    call<EventRowPage>("readRealTimeEvents", { objectName, since, cursor }),
  readLoginHistory: (since, cursor) =>
    call<EventRowPage>("readLoginHistory", { since, cursor })
};

let findings: Finding[] = [];
let notes: string[] = [];

beforeAll(async () => {
  const activity = await readOrgActivity(api, { now: org.now.getTime() });
  const summaryPage = await call<ActivitySummaryPage>("listActivitySummaries", {
    since: null,
    cursor: null
  });
  const result = findOrgFindings({
    activity,
    summaries: summaryPage.summaries,
    summariesComplete: summaryPage.nextCursor === null,
    indicatorRules: rules,
    allowlist: org.allowlistEntries
  });
  findings = result.report.findings;
  notes = [...result.notes, ...result.report.notes];
});

function ruleIdsOf(list: readonly Finding[]): string[] {
  return [...new Set(list.map((finding) => finding.ruleId))].sort();
}

function incidentFindings(): Finding[] {
  const incident = org.apps.find(
    (app) => app.policy?.name === INCIDENT_APP_NAME
  );
  return findingsOfApp(findings, {
    key: `id:${incident?.policy?.applicationId ?? ""}`,
    names: [INCIDENT_APP_NAME]
  });
}

describe("the demo org's findings", () => {
  it("raise every kind of rule", () => {
    const kinds = new Set(findings.map((finding) => finding.kind));
    expect([...kinds].sort()).toEqual([
      "BulkJobDeleted",
      "ExportVolume",
      "FirstSeenApp",
      "IpAddress",
      "NewRefreshLoginOrigin",
      "QueryPattern",
      "SecretHunting",
      "UserAgent"
    ]);
  });

  it("rate the incident app High", () => {
    const ids = ruleIdsOf(incidentFindings());
    expect(ids).toEqual(
      expect.arrayContaining([
        "BULK-QUERY-JOB-DELETED",
        "EXPORT-VOLUME-APP",
        "IP-185.220.101.33",
        "QUERY-ACTIVE-USERS",
        "QUERY-CASE-LIMIT-10000",
        "QUERY-COUNT-RECON",
        "SECRET-AKIA",
        "SECRET-PASSWORD",
        "SECRET-SNOWFLAKE",
        "UA-SALESFORCE-MULTI-ORG-FETCHER-1.0"
      ])
    );
    expect(incidentFindings()[0]?.severity).toBe("High");
  });

  it("find the new refresh origin of the incident's user", () => {
    const origins = findings.filter(
      (finding) => finding.kind === "NewRefreshLoginOrigin"
    );
    expect(ruleIdsOf(origins)).toEqual([
      "REFRESH-NEW-COUNTRY",
      "REFRESH-NEW-IP"
    ]);
    const user = org.users[0]?.id ?? "";
    expect(origins.every((finding) => finding.users.includes(user))).toBe(true);
  });

  it("call only the newcomer app first seen", () => {
    const firstSeen = findings.filter(
      (finding) => finding.kind === "FirstSeenApp"
    );
    const newcomer = org.apps.filter((app) => app.policy)[FIRST_SEEN_APP_INDEX];
    expect(firstSeen).toHaveLength(1);
    expect(firstSeen[0]?.appKeys).toEqual([
      `id:${newcomer?.policy?.applicationId ?? ""}`
    ]);
  });

  it("explain how new is judged", () => {
    expect(notes.join("\n")).toMatch(/called new when they appear on/);
  });
});
