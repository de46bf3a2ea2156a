import {
  TextDecoder as NodeTextDecoder,
  TextEncoder as NodeTextEncoder
} from "node:util";
import type {
  EventLogFileInfo,
  EventRowPage,
  EventSourceStatus
} from "oauth-guard/dto";
import {
  orgActivityRecords,
  readOrgActivity,
  type OrgActivityApi
} from "c/orgActivity";

// Browsers have these, but Jest's jsdom environment does not.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder,
  TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder
});

const NOW = Date.parse("2025-06-03T09:00:00.000Z");
const DAY = "2025-06-01T00:00:00.000Z";

function status(source: string, available = true): EventSourceStatus {
  return {
    source,
    available,
    reasonCode: available ? "available" : "missing-permission",
    reason: available
      ? `${source} can be read.`
      : `Reading ${source} requires a permission.`,
    eventTypes: [],
    missingPermissions: []
  };
}

function fileInfo(
  id: string,
  eventType = "ApiTotalUsage",
  readableInApex = true
): EventLogFileInfo {
  return {
    id,
    eventType,
    logDate: DAY,
    interval: "Daily",
    sequence: 1,
    logFileLength: 100,
    createdDate: "2025-06-02T03:00:00.000Z",
    fileKey: `${eventType}|${DAY}|Daily|${id}`,
    readableInApex
  };
}

const CSV = [
  '"EVENT_TYPE","TIMESTAMP_DERIVED","REQUEST_ID","CONNECTED_APP_NAME","ROWS_PROCESSED"',
  '"ApiTotalUsage","2025-06-01T10:00:00.000Z","r1","Parley","10"',
  '"ApiTotalUsage","bad time","r2","Parley","10"'
].join("\r\n");

function rowPage(
  objectName: string,
  times: string[],
  nextCursor: string | null = null
): EventRowPage {
  const timeField = objectName === "LoginHistory" ? "LoginTime" : "EventDate";
  return {
    objectName,
    timeField,
    fields: [timeField],
    missingFields: objectName === "ApiEvent" ? ["Query"] : [],
    rows: times.map((time, index) => ({
      [timeField]: time,
      EventIdentifier: `${objectName}-${time}-${index}`
    })),
    nextCursor
  };
}

function api(overrides: Partial<OrgActivityApi> = {}): OrgActivityApi {
  return {
    detectSources: jest
      .fn()
      .mockResolvedValue([
        status("EventLogFile"),
        status("ApiEvent"),
        status("ReportEvent", false),
        status("BulkApiResultEventStore"),
        status("LoginHistory")
      ]),
    listEventLogFiles: jest.fn().mockResolvedValue({
      files: [fileInfo("0AT1"), fileInfo("0AT2", "ApiTotalUsage", false)],
      nextCursor: null
    }),
    readEventLogFile: jest
      .fn()
      .mockImplementation((fileId: string) =>
        Promise.resolve({ file: fileInfo(fileId), csv: CSV })
      ),
    readRealTimeEvents: jest
      .fn()
      .mockImplementation((objectName: string) =>
        Promise.resolve(
          rowPage(objectName, [
            "2025-06-02T08:00:00.000Z",
            "2025-06-01T08:00:00.000Z"
          ])
        )
      ),
    readLoginHistory: jest
      .fn()
      .mockResolvedValue(
        rowPage("LoginHistory", ["2025-06-01T07:00:00.000Z", ""])
      ),
    ...overrides
  };
}

describe("readOrgActivity", () => {
  it("reads every available source from the window's start", async () => {
    const source = api();
    const activity = await readOrgActivity(source, { now: NOW });
    expect(activity.since).toBe("2025-05-27T09:00:00.000Z");
    expect(activity.files.map((file) => file.info.id)).toEqual(["0AT1"]);
    expect(activity.files[0]?.records).toHaveLength(1);
    expect(activity.rowSources.map((read) => read.source)).toEqual([
      "ApiEvent",
      "BulkApiResultEventStore",
      "LoginHistory"
    ]);
    expect(source.readRealTimeEvents).toHaveBeenCalledWith(
      "ApiEvent",
      "2025-05-27T09:00:00.000Z",
      null
    );
    expect(source.readLoginHistory).toHaveBeenCalledWith(
      "2025-05-27T09:00:00.000Z",
      null
    );
  });

  it("names what it left out and why", async () => {
    const activity = await readOrgActivity(api(), { now: NOW });
    const notes = activity.notes.join("\n");
    expect(notes).toMatch(/1 event log file\(s\) are too large for Apex/);
    expect(notes).toMatch(/ApiTotalUsage\|.*0AT1 has 1 unreadable row\(s\)/);
    expect(notes).toMatch(
      /ReportEvent was not read: Reading ReportEvent requires a permission\./
    );
    expect(notes).toMatch(/ApiEvent lacks these fields in this org.*Query/);
    expect(notes).toMatch(/1 LoginHistory row\(s\) had no usable time/);
  });

  it("leaves row counts to files of the same events", async () => {
    const listEventLogFiles = jest.fn().mockResolvedValue({
      files: [fileInfo("0AT1"), fileInfo("0AT3", "RestApi")],
      nextCursor: null
    });
    const readRealTimeEvents = jest
      .fn()
      .mockImplementation((objectName: string) => {
        const page = rowPage(objectName, [
          "2025-06-02T08:00:00.000Z",
          "2025-06-01T08:00:00.000Z"
        ]);
        page.rows.forEach((row) => {
          row.RowsProcessed = "7";
          row.Query = "SELECT Id FROM Case";
        });
        return Promise.resolve(page);
      });
    const activity = await readOrgActivity(
      api({ listEventLogFiles, readRealTimeEvents }),
      { now: NOW }
    );
    const apiEvents = activity.rowSources.find(
      (read) => read.source === "ApiEvent"
    );
    // The RestApi file covers 2025-06-01: that event keeps its query but
    // its rows are counted from the file. ApiTotalUsage has no rows.
    expect(apiEvents?.records.map((record) => record.rows)).toEqual([7, null]);
    expect(apiEvents?.records.map((record) => record.queryText)).toEqual([
      "SELECT Id FROM Case",
      "SELECT Id FROM Case"
    ]);
    expect(activity.notes.join("\n")).toMatch(
      /1 ApiEvent event\(s\) fall in the periods of the API or RestApi event log files read/
    );
    const bulk = activity.rowSources.find(
      (read) => read.source === "BulkApiResultEventStore"
    );
    expect(bulk?.records.map((record) => record.rows)).toEqual([7, 7]);
    expect(orgActivityRecords(activity)).toHaveLength(2 + 2 + 2 + 1);
  });

  it("reads the daily file, not the hourly files of its day", async () => {
    const hourly: EventLogFileInfo = {
      ...fileInfo("0AT4"),
      interval: "Hourly",
      logDate: "2025-06-01T05:00:00.000Z"
    };
    const otherDay: EventLogFileInfo = {
      ...hourly,
      id: "0AT5",
      logDate: "2025-06-02T05:00:00.000Z"
    };
    const source = api({
      listEventLogFiles: jest.fn().mockResolvedValue({
        files: [otherDay, fileInfo("0AT1"), hourly],
        nextCursor: null
      })
    });
    const activity = await readOrgActivity(source, { now: NOW });
    expect(activity.files.map((file) => file.info.id)).toEqual([
      "0AT5",
      "0AT1"
    ]);
    expect(activity.notes).toContain(
      "1 hourly event log file(s) were not read, as the daily file of the same type and day holds their events."
    );
  });

  it("follows cursors and stops at the page limit", async () => {
    const readRealTimeEvents = jest
      .fn()
      .mockImplementation((objectName: string) =>
        Promise.resolve(
          rowPage(objectName, ["2025-06-02T08:00:00.000Z"], "next")
        )
      );
    const activity = await readOrgActivity(api({ readRealTimeEvents }), {
      now: NOW,
      maxPages: 3
    });
    expect(readRealTimeEvents).toHaveBeenCalledTimes(6);
    expect(readRealTimeEvents).toHaveBeenNthCalledWith(
      2,
      "ApiEvent",
      expect.any(String),
      "next"
    );
    const apiEvents = activity.rowSources[0];
    expect(apiEvents?.complete).toBe(false);
    expect(activity.notes.join("\n")).toMatch(
      /Only the newest 3 ApiEvent rows were read/
    );
  });

  it("notes a list of files cut short", async () => {
    const listEventLogFiles = jest
      .fn()
      .mockResolvedValue({ files: [fileInfo("0AT1")], nextCursor: "more" });
    const activity = await readOrgActivity(api({ listEventLogFiles }), {
      now: NOW,
      maxPages: 2
    });
    expect(listEventLogFiles).toHaveBeenCalledTimes(2);
    expect(activity.notes.join("\n")).toMatch(
      /Only the newest 2 event log files were listed/
    );
  });

  it("keeps reading when one source fails", async () => {
    const failure = Object.assign(new Error("denied"), {
      body: { message: "Insufficient privileges." }
    });
    const activity = await readOrgActivity(
      api({
        readEventLogFile: jest.fn().mockRejectedValue(failure),
        readRealTimeEvents: jest.fn().mockRejectedValue(failure)
      }),
      { now: NOW }
    );
    const notes = activity.notes.join("\n");
    expect(notes).toMatch(/0AT1 could not be read: Insufficient privileges\./);
    expect(notes).toMatch(/ApiEvent could not be read: Insufficient/);
    expect(activity.files).toEqual([]);
    expect(activity.rowSources.map((read) => read.source)).toEqual([
      "LoginHistory"
    ]);
  });

  it("notes a listing that fails", async () => {
    const activity = await readOrgActivity(
      api({
        listEventLogFiles: jest
          .fn()
          .mockRejectedValue(new Error("Listing failed."))
      }),
      { now: NOW }
    );
    expect(activity.notes.join("\n")).toMatch(
      /Event log files could not be listed: Listing failed\./
    );
  });

  it("says when the org did not report a source", async () => {
    const activity = await readOrgActivity(
      api({ detectSources: jest.fn().mockResolvedValue([]) }),
      { now: NOW }
    );
    expect(activity.notes).toContain(
      "EventLogFile was not read: the org did not report it as a source."
    );
    expect(orgActivityRecords(activity)).toEqual([]);
  });

  it("reads only files of the window and stops listing there", async () => {
    const old: EventLogFileInfo = {
      ...fileInfo("0AT9"),
      logDate: "2025-05-20T00:00:00.000Z",
      createdDate: "2025-05-21T03:00:00.000Z"
    };
    const listEventLogFiles = jest.fn().mockResolvedValue({
      files: [fileInfo("0AT1"), old],
      nextCursor: "more"
    });
    const source = api({ listEventLogFiles });
    const activity = await readOrgActivity(source, { now: NOW });
    expect(listEventLogFiles).toHaveBeenCalledTimes(1);
    expect(activity.files.map((file) => file.info.id)).toEqual(["0AT1"]);
    expect(source.readEventLogFile).toHaveBeenCalledTimes(1);
    expect(activity.notes).toContain(
      "Event log files of periods before 2025-05-27T09:00:00.000Z were not read, as they fall outside the window."
    );
  });
});
