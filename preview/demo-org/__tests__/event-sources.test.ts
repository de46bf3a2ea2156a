import type {
  ActivitySummaryPage,
  CapturedLogFile,
  EventLogFilePage,
  EventRowPage,
  EventSourceStatus
} from "oauth-guard/dto";
import { summariseApps } from "c/activityView";
import { APEX_METHODS } from "../apex-methods";
import type { ApexErrorResponse } from "../apex-error";
import type { ApexCallContext } from "../apex-method";
import { INCIDENT_APP_NAME } from "../app-catalog";
import { DemoOrg } from "../demo-org";
import { INCIDENT_USER_AGENT, TOR_EXIT_IP } from "../event-sources";
import { invokeApexMethod } from "../invoke";

const org = new DemoOrg({ userCount: 40 });
const asAdmin: ApexCallContext = { org, runningUser: org.runningUsers.admin };
const asViewer: ApexCallContext = {
  org,
  runningUser: org.runningUsers.viewer
};

function call(method: string, params: object, context = asAdmin) {
  return invokeApexMethod(
    APEX_METHODS,
    `EventSourceController.${method}`,
    params,
    context
  );
}

async function allSummaries() {
  const pages: ActivitySummaryPage[] = [];
  let cursor: string | null = null;
  do {
    const page = (await call("listActivitySummaries", {
      since: null,
      cursor
    })) as ActivitySummaryPage;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages.flatMap((page) => page.summaries);
}

describe("EventSourceController.detectSources", () => {
  it("reports every source for the admin", async () => {
    const sources = (await call("detectSources", {})) as EventSourceStatus[];
    expect(sources.map((source) => source.source)).toEqual([
      "EventLogFile",
      "ApiEvent",
      "ReportEvent",
      "BulkApiResultEventStore",
      "LoginHistory"
    ]);
    expect(sources.every((source) => source.available)).toBe(true);
    expect(sources[0]?.eventTypes).toEqual([
      "ApiTotalUsage",
      "BulkApi2",
      "Login",
      "Logout"
    ]);
  });

  it("names the viewer's missing permission", async () => {
    const sources = (await call(
      "detectSources",
      {},
      asViewer
    )) as EventSourceStatus[];
    const apiEvent = sources.find((source) => source.source === "ApiEvent");
    expect(apiEvent?.available).toBe(false);
    expect(apiEvent?.missingPermissions).toEqual([
      "ViewRealTimeEventMonitoringData"
    ]);
  });
});

describe("EventSourceController.listActivitySummaries", () => {
  it("puts the incident app on top", async () => {
    const apps = summariseApps(await allSummaries());
    expect(apps[0]?.appName).toBe(INCIDENT_APP_NAME);
  });

  it("includes an unattributed row", async () => {
    const apps = summariseApps(await allSummaries());
    expect(apps.some((app) => app.appKey === "unattributed")).toBe(true);
  });

  it("records the Tor exit and client", async () => {
    const summaries = await allSummaries();
    const incident = summaries.filter(
      (summary) =>
        summary.appName === INCIDENT_APP_NAME &&
        summary.eventType === "ApiTotalUsage"
    );
    const ips = incident.flatMap((summary) => summary.sourceIps.values);
    const agents = incident.flatMap((summary) => summary.userAgents.values);
    expect(ips).toContain(TOR_EXIT_IP);
    expect(agents).toContain(INCIDENT_USER_AGENT);
  });

  it("returns newest day first", async () => {
    const days = (await allSummaries()).map((summary) => summary.day);
    expect(days).toEqual([...days].sort().reverse());
  });
});

describe("EventSourceController files", () => {
  it("marks one captured file too large", async () => {
    const files = (await call("listCapturedFiles", {
      since: null
    })) as CapturedLogFile[];
    const tooLarge = files.filter((file) => file.status === "TooLarge");
    expect(tooLarge).toHaveLength(1);
    expect(tooLarge[0]?.logFileLength).toBeGreaterThan(12 * 1024 * 1024);
    expect(files.filter((file) => file.status === "Captured")).toHaveLength(9);
  });

  it("reads a small file's CSV", async () => {
    const page = (await call("listEventLogFiles", {
      eventType: "Login",
      cursor: null
    })) as EventLogFilePage;
    const fileId = page.files[0]?.id;
    const content = (await call("readEventLogFile", { fileId })) as {
      csv: string;
    };
    expect(content.csv.startsWith('"EVENT_TYPE"')).toBe(true);
  });

  it("rejects reading a too large file", async () => {
    const page = (await call("listEventLogFiles", {
      eventType: "ApiTotalUsage",
      cursor: null
    })) as EventLogFilePage;
    const large = page.files.find((file) => !file.readableInApex);
    await expect(
      call("readEventLogFile", { fileId: large?.id })
    ).rejects.toMatchObject({
      body: { message: expect.stringContaining("too large for Apex") }
    } satisfies Partial<ApexErrorResponse> | object);
  });
});

describe("EventSourceController real-time events", () => {
  it("rejects the viewer without permission", async () => {
    await expect(
      call(
        "readRealTimeEvents",
        { objectName: "ApiEvent", since: null, cursor: null },
        asViewer
      )
    ).rejects.toMatchObject({
      body: { message: expect.stringContaining("Real-Time Event Monitoring") }
    });
  });

  const twoDaysAgo = new Date(
    org.now.getTime() - 2 * 24 * 3_600_000
  ).toISOString();

  it("returns ApiEvent rows with queries, newest first", async () => {
    const page = (await call("readRealTimeEvents", {
      objectName: "ApiEvent",
      since: twoDaysAgo,
      cursor: null
    })) as EventRowPage;
    expect(page.rows.length).toBeGreaterThan(0);
    const times = page.rows.map((row) => row.EventDate ?? "");
    expect(times).toEqual([...times].sort().reverse());
    expect(page.rows.some((row) => row.Query?.includes("COUNT()"))).toBe(true);
  });

  it("keeps rows before since out", async () => {
    const page = (await call("readRealTimeEvents", {
      objectName: "ReportEvent",
      since: org.now.toISOString(),
      cursor: null
    })) as EventRowPage;
    expect(page.rows).toEqual([]);
  });

  it("rejects a bad since", async () => {
    await expect(
      call("readLoginHistory", { since: "yesterday", cursor: null })
    ).rejects.toMatchObject({
      body: { message: expect.stringContaining('"yesterday" is invalid') }
    });
  });

  it("returns login history rows of several days", async () => {
    const page = (await call("readLoginHistory", {
      since: new Date(org.now.getTime() - 7 * 24 * 3_600_000).toISOString(),
      cursor: null
    })) as EventRowPage;
    const days = new Set(page.rows.map((row) => row.LoginTime?.slice(0, 10)));
    expect(days.size).toBe(4);
    expect(
      page.rows.every((row) => row.LoginType === "Remote Access 2.0")
    ).toBe(true);
  });
});
