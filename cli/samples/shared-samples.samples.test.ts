// The readers and the command line over real event data published by
// AppOmni and New Relic, kept in a folder beside this repository
// (SAMPLES). Every expected figure below was worked out by hand from
// reading the files.
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { readActivityFile, type ActivityFileReport } from "c/activityImport";
import type { ActivityRecord } from "c/activityRecord";
import { main } from "../oauth-guard";

const REPO = join(__dirname, "../..");
const SAMPLES = join(REPO, "../shared/samples");
const APPOMNI = join(SAMPLES, "appomni-event-examples");
const NEWRELIC = join(SAMPLES, "newrelic");

/** The id the samples give their one user, kept as written: its case suffix is invalid. */
const SAMPLE_USER = "000000000000123AbC";

if (!existsSync(SAMPLES)) {
  throw new Error(
    `The samples folder ${SAMPLES} was not found. Put the published event samples there, or skip this suite.`
  );
}

async function readSample(
  path: string
): Promise<{ records: ActivityRecord[]; report: ActivityFileReport }> {
  const records: ActivityRecord[] = [];
  const report = await readActivityFile(
    path,
    createReadStream(path),
    (record) => records.push(record),
    { keepFields: true }
  );
  return { records, report };
}

describe("newrelic/login_sample.csv", () => {
  const path = join(NEWRELIC, "login_sample.csv");

  it("reads all nine rows, the last without a newline", async () => {
    const { records, report } = await readSample(path);
    expect(report.problems).toEqual([]);
    expect(report.format).toBe("event-log-file");
    expect(records).toHaveLength(9);
    expect(records[8]?.time).toBe(Date.parse("2025-10-01T11:00:19.849Z"));
    expect(records[8]?.userAgent).toBe("JAX-WS RI 2.1.5-b03-");
  });

  it("keeps the comma inside FORWARDED_FOR_IP", async () => {
    const { records } = await readSample(path);
    expect(records[0]?.fields?.FORWARDED_FOR_IP).toBe("w.x.y.z,w.x.y.z");
    expect(records[0]?.sourceIp).toBe("w.x.y.z");
  });

  it("names the client of refresh-token logins", async () => {
    const { records } = await readSample(path);
    const refreshes = records.filter(
      (record) => record.fields?.LOGIN_SUB_TYPE === "oauthrefreshtoken"
    );
    expect(refreshes.map((record) => record.clientName)).toEqual([
      "Gearset/1.0",
      "Gearset/1.0"
    ]);
    const others = records.filter((record) => record.clientName !== null);
    expect(others).toHaveLength(2);
  });

  it("keeps placeholder ids as written", async () => {
    const { records } = await readSample(path);
    expect(new Set(records.map((record) => record.userId))).toEqual(
      new Set(["USER_ID"])
    );
  });
});

describe("newrelic/apexcallout_sample.csv", () => {
  it("undoes doubled quotes and normalises 15-character ids", async () => {
    const { records, report } = await readSample(
      join(NEWRELIC, "apexcallout_sample.csv")
    );
    expect(report.problems).toEqual([]);
    expect(records.map((record) => record.fields?.URL)).toEqual([
      '"https://test.local.test"',
      '"https://test.local.test"'
    ]);
    expect(records.map((record) => record.userId)).toEqual([
      "001122334455667AAA",
      "776655443322110AAA"
    ]);
    expect(records.map((record) => record.bytes)).toEqual([4096, 4096]);
    expect(records.map((record) => record.rows)).toEqual([null, null]);
    expect(records.map((record) => record.sourceIp)).toEqual([null, null]);
  });
});

describe("newrelic/eventlogfile_query_result.json", () => {
  it("is recognised as a list of log files, not events", async () => {
    const { records, report } = await readSample(
      join(NEWRELIC, "eventlogfile_query_result.json")
    );
    expect(records).toEqual([]);
    expect(report.format).toBe("event-log-file-list");
    expect(report.logFileRecords).toBe(2);
    expect(report.problems).toEqual([]);
    expect(report.note).toBe(
      "This file lists 2 EventLogFile records, which describe log files " +
        "rather than events. Download each record's LogFile and read the " +
        "CSV instead."
    );
  });
});

describe("appomni real-time events", () => {
  const apiEvents = join(APPOMNI, "salesforce_rtem_apieventstream");

  it("reads the ApiEventStream download sample", async () => {
    const { records, report } = await readSample(
      join(apiEvents, "activity_audit_download_resource_apieventstream.json")
    );
    expect(report.problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      source: "real-time-event",
      eventType: "ApiEvent",
      time: Date.parse("2023-03-21T10:04:39.747Z"),
      userId: SAMPLE_USER,
      username: "john@example.com",
      connectedAppId: null,
      clientName: null,
      sourceIp: "198.51.100.1",
      userAgent: "python-requests/2.28.2",
      entity: "Customer_Account__c",
      operation: "QueryMore",
      rows: 1000364,
      eventId: "abcdefgh-1234-0000-0000-000000000001"
    });
  });

  it("keeps a ConnectedAppId that is not a valid id", async () => {
    const { records } = await readSample(
      join(apiEvents, "activity_audit_read_resource_apieventstream.json")
    );
    expect(records[0]?.connectedAppId).toBe("567000000abc0004");
    expect(records[0]?.rows).toBe(0);
  });

  it.each([
    [
      "salesforce_rtem_bulkapiresulteventstore/activity_audit_download_resource_bulkapiresulteventstore.json",
      "BulkApiResultEventStore",
      "2023-03-22T15:07:16.240Z",
      null
    ],
    [
      "salesforce_rtem_listvieweventstream/activity_audit_read_resource_listvieweventstream.json",
      "ListViewEvent",
      "2023-03-20T16:25:52.850Z",
      1000
    ],
    [
      "salesforce_rtem_reporteventstream/activity_audit_download_resource_reporteventstream.json",
      "ReportEvent",
      "2023-03-22T13:18:46.826Z",
      20680
    ],
    [
      "salesforce_rtem_reporteventstream/activity_audit_read_resource_reporteventstream.json",
      "ReportEvent",
      "2023-03-22T11:59:17.340Z",
      1050
    ],
    [
      "salesforce_rtem_logineventstream/authentication_account_login.json",
      "LoginEvent",
      "2023-03-08T18:16:11.493Z",
      null
    ],
    [
      "salesforce_rtem_logineventstream/authentication_account_login_failure.json",
      "LoginEvent",
      "2023-03-09T15:08:03.054Z",
      null
    ]
  ])("reads %s", async (file, eventType, time, rows) => {
    const { records, report } = await readSample(join(APPOMNI, file));
    expect(report.problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.eventType).toBe(eventType);
    expect(records[0]?.time).toBe(Date.parse(time));
    expect(records[0]?.rows).toBe(rows);
    expect(records[0]?.connectedAppId).toBeNull();
  });
});

describe("appomni event log rows written as JSON", () => {
  it("reads the login row, taking the address from SOURCE_IP", async () => {
    const { records } = await readSample(
      join(
        APPOMNI,
        "salesforce_elf_login_event/authentication_account_login_elf.json"
      )
    );
    expect(records[0]).toMatchObject({
      source: "event-log-file",
      eventType: "Login",
      time: Date.parse("2023-03-15T01:38:19.151Z"),
      userId: SAMPLE_USER,
      sourceIp: "198.51.100.1",
      userAgent: "python-requests/2.28.2",
      clientName: null
    });
  });

  it.each([
    ["create", "2023-03-20T14:59:44.655Z", 36, 2406],
    ["delete", "2023-03-20T05:19:32.701Z", 0, 464],
    ["download", "2023-03-17T18:04:24.293Z", 100000, 296630],
    ["read", "2023-03-20T14:59:33.958Z", 27, 38019],
    ["update", "2023-03-20T14:59:59.965Z", 0, 462]
  ])("reads the SOAP API %s row", async (action, time, rows, bytes) => {
    const { records, report } = await readSample(
      join(
        APPOMNI,
        `salesforce_elf_soap_api_event/activity_audit_${action}_resource_soapapi.json`
      )
    );
    expect(report.problems).toEqual([]);
    expect(records[0]).toMatchObject({
      eventType: "API",
      time: Date.parse(time),
      clientName: "vendor/integration_app",
      entity: "Customer_Account__c",
      rows,
      bytes
    });
  });

  it("reads the unique query row's query text", async () => {
    const { records } = await readSample(
      join(
        APPOMNI,
        "salesforce_elf_unique_query_event/activity_audit_query_resource_elf_uniquequery.json"
      )
    );
    expect(records[0]?.userId).toBe("005Dn000001ab23IAA");
    expect(records[0]?.queryText).toMatch(
      /^SELECT ReportsTo\.LastModifiedById/
    );
  });
});

describe("oauth-guard analyze over every sample", () => {
  interface AnalysisDocument {
    apps: Record<string, unknown>[];
    files: { format: string }[];
    errors: unknown[];
    totals: Record<string, unknown>;
  }

  async function analyzeSamples(): Promise<{
    status: number;
    document: AnalysisDocument;
  }> {
    let stdout = "";
    const status = await main(["analyze", "--json", SAMPLES], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true }
    });
    return { status, document: JSON.parse(stdout) as AnalysisDocument };
  }

  it("reads every file without problems", async () => {
    const { status, document } = await analyzeSamples();
    expect(status).toBe(0);
    expect(document.errors).toEqual([]);
    // 15 AppOmni files and 3 New Relic files; PROVENANCE.md is not read.
    expect(document.files).toHaveLength(18);
  });

  it("totals the one app that names an id", async () => {
    const { document } = await analyzeSamples();
    expect(document.apps[0]).toMatchObject({
      appKey: "id:567000000abc0004",
      requests: 1,
      rows: 0,
      requestsWithUnknownRows: 0,
      bytes: 0,
      requestsWithUnknownBytes: 1,
      users: [SAMPLE_USER],
      sourceIpCount: 1,
      userAgentCount: 1,
      firstSeen: "2023-03-21T19:42:13.264Z",
      lastSeen: "2023-03-21T19:42:13.264Z"
    });
  });

  it("totals unattributed activity with its users and clients", async () => {
    const { document } = await analyzeSamples();
    expect(document.apps[1]).toEqual({
      appKey: "unattributed",
      connectedAppId: null,
      connectedAppNames: [],
      clientNames: ["Gearset/1.0", "vendor/integration_app"],
      users: [
        SAMPLE_USER,
        "001122334455667AAA",
        "005Dn000001ab23IAA",
        "120000033000123AbC",
        "776655443322110AAA",
        "USER_ID"
      ],
      sourceIpCount: 3,
      userAgentCount: 3,
      eventTypes: {
        API: 5,
        ApexCallout: 2,
        ApiEvent: 1,
        BulkApiResultEventStore: 1,
        ListViewEvent: 1,
        Login: 10,
        LoginEvent: 2,
        ReportEvent: 2,
        UniqueQuery: 1
      },
      requests: 25,
      rows: 1123157,
      requestsWithUnknownRows: 16,
      bytes: 346173,
      requestsWithUnknownBytes: 18,
      firstSeen: "2023-03-08T18:16:11.493Z",
      lastSeen: "2025-10-01T11:00:19.849Z"
    });
  });

  it("totals every event", async () => {
    const { document } = await analyzeSamples();
    expect(document.totals).toMatchObject({ requests: 26, rows: 1123157 });
  });
});
