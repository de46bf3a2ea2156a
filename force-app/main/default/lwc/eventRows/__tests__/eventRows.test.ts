import type { EventRowPage } from "oauth-guard/dto";
import {
  isOAuthLoginType,
  mapLoginHistoryRow,
  recordsOfEventRows
} from "c/eventRows";
import { refreshLoginOf } from "c/activityHistory";

function page(
  objectName: string,
  timeField: string,
  rows: Record<string, string>[]
): EventRowPage {
  return {
    objectName,
    timeField,
    fields: [],
    missingFields: [],
    rows,
    nextCursor: null
  };
}

const OAUTH_LOGIN = {
  Id: "0Ya000000000001AAA",
  LoginTime: "2025-06-01T07:00:00.000Z",
  UserId: "005000000000001",
  SourceIp: "185.220.101.33",
  LoginType: "Remote Access 2.0",
  LoginSubType: "OAuth Refresh Token",
  Application: "Parley Sales Assistant",
  Browser: "Unknown",
  CountryIso: "nl"
};

describe("isOAuthLoginType", () => {
  it.each([
    ["Remote Access 2.0", true],
    ["Remote Access Client", true],
    ["Application", false],
    [null, false]
  ])("reads %p as %p", (loginType, expected) => {
    expect(isOAuthLoginType(loginType)).toBe(expected);
  });
});

describe("mapLoginHistoryRow", () => {
  it("names the connected app of an OAuth login", () => {
    const record = mapLoginHistoryRow(OAUTH_LOGIN);
    expect(record).toMatchObject({
      time: Date.parse("2025-06-01T07:00:00.000Z"),
      eventType: "LoginHistory",
      userId: "005000000000001AAA",
      connectedAppId: null,
      connectedAppName: "Parley Sales Assistant",
      clientName: null,
      sourceIp: "185.220.101.33",
      userAgent: null,
      operation: "Remote Access 2.0",
      eventId: "0Ya000000000001AAA"
    });
  });

  it("keeps the fields the refresh login rules read", () => {
    const record = mapLoginHistoryRow(OAUTH_LOGIN);
    expect(record).not.toBeNull();
    const login = refreshLoginOf(
      record as NonNullable<typeof record>,
      "name:Parley Sales Assistant"
    );
    expect(login).toEqual({
      appScopeKey: "name:Parley Sales Assistant",
      userScopeKey: "005000000000001AAA",
      address: "185.220.101.33",
      country: "NL"
    });
  });

  it("keeps a browser login's application as its client, not an app", () => {
    const record = mapLoginHistoryRow({
      ...OAUTH_LOGIN,
      LoginType: "Application",
      Application: "Browser"
    });
    expect(record?.connectedAppName).toBeNull();
    expect(record?.clientName).toBe("Browser");
  });

  it("returns null without a usable time", () => {
    expect(mapLoginHistoryRow({ ...OAUTH_LOGIN, LoginTime: "" })).toBeNull();
    expect(
      mapLoginHistoryRow({ ...OAUTH_LOGIN, LoginTime: "yesterday" })
    ).toBeNull();
  });
});

describe("recordsOfEventRows", () => {
  it("maps real-time events with their fields", () => {
    const result = recordsOfEventRows(
      page("ApiEvent", "EventDate", [
        {
          EventDate: "2025-06-01T06:00:00.000Z",
          EventIdentifier: "e1",
          UserId: "005000000000001AAA",
          ConnectedAppId: "0H4000000000001",
          Query: "SELECT COUNT() FROM Account",
          RowsProcessed: "-1"
        }
      ])
    );
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      eventType: "ApiEvent",
      connectedAppId: "0H4000000000001CAA",
      queryText: "SELECT COUNT() FROM Account",
      rows: null,
      eventId: "e1"
    });
    expect(result.records[0]?.fields?.Query).toBe(
      "SELECT COUNT() FROM Account"
    );
  });

  it("maps LoginHistory rows by their own reader", () => {
    const result = recordsOfEventRows(
      page("LoginHistory", "LoginTime", [OAUTH_LOGIN])
    );
    expect(result.records[0]?.connectedAppName).toBe("Parley Sales Assistant");
  });

  it("reports rows without a time by position and keeps the rest", () => {
    const result = recordsOfEventRows(
      page("ReportEvent", "EventDate", [
        { EventDate: "2025-06-01T06:00:00.000Z", Operation: "ReportExported" },
        { Operation: "ReportExported" },
        { EventDate: "not a time" }
      ])
    );
    expect(result.records).toHaveLength(1);
    expect(result.problems).toEqual([
      {
        objectName: "ReportEvent",
        row: 2,
        message:
          "ReportEvent row 2 has no usable EventDate, so it was left out."
      },
      {
        objectName: "ReportEvent",
        row: 3,
        message:
          "ReportEvent row 3 has no usable EventDate, so it was left out."
      }
    ]);
  });
});
