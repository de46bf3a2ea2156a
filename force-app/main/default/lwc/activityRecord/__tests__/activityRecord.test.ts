import {
  IdNormaliser,
  chooseSourceIp,
  detachText,
  normaliseId,
  parseCount,
  parseEventTime,
  presentText,
  quoteForMessage
} from "c/activityRecord";

describe("parseEventTime", () => {
  it("reads TIMESTAMP_DERIVED with milliseconds", () => {
    expect(parseEventTime("2025-10-01T11:00:03.509Z")).toBe(
      Date.parse("2025-10-01T11:00:03.509Z")
    );
  });

  it("reads TIMESTAMP_DERIVED without milliseconds", () => {
    expect(parseEventTime("2025-10-01T11:00:03Z")).toBe(
      Date.parse("2025-10-01T11:00:03Z")
    );
  });

  it("reads times on changing dates", () => {
    const times = [
      "2024-02-29T23:59:59.999Z",
      "2025-10-01T00:00:00.000Z",
      "2024-02-29T00:00:00.001Z"
    ];
    expect(times.map(parseEventTime)).toEqual(times.map(Date.parse));
  });

  it("reads EventDate with a +0000 offset", () => {
    expect(parseEventTime("2023-03-21T10:04:39.747+0000")).toBe(
      Date.parse("2023-03-21T10:04:39.747Z")
    );
  });

  it.each([
    ["an empty value", ""],
    ["free text", "yesterday"],
    ["February 30", "2025-02-30T00:00:00.000Z"],
    ["February 29 of a common year", "2025-02-29T00:00:00.000Z"],
    ["month 13", "2025-13-01T00:00:00.000Z"],
    ["day 0", "2025-10-00T00:00:00.000Z"],
    ["hour 24", "2025-10-01T24:00:00.000Z"],
    ["minute 60", "2025-10-01T12:60:00.000Z"],
    ["second 60", "2025-10-01T12:00:60.000Z"],
    ["a letter in the year", "2O25-10-01T12:00:00.000Z"],
    ["a letter in the milliseconds", "2025-10-01T12:00:00.0x0Z"],
    ["no zone", "2025-10-01T12:00:00.000"],
    ["TIMESTAMP's compact layout", "20251001120000.000"]
  ])("rejects %s", (_, text) => {
    expect(parseEventTime(text)).toBeNull();
  });
});

describe("parseCount", () => {
  it.each([
    ["100", 100],
    ["0", 0],
    ["1000364.0", 1000364],
    ["", null],
    ["-1", null],
    ["12.5", null],
    ["many", null]
  ])("reads %p as %p", (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it("reads numbers", () => {
    expect(parseCount(20680)).toBe(20680);
    expect(parseCount(-1)).toBeNull();
    expect(parseCount(null)).toBeNull();
  });
});

describe("text helpers", () => {
  it("trims present text and drops blanks", () => {
    expect(presentText("abc")).toBe("abc");
    expect(presentText(" abc ")).toBe("abc");
    expect(presentText("   ")).toBeNull();
    expect(presentText("")).toBeNull();
  });

  it("normalises ids to 18 characters", () => {
    expect(normaliseId("005Ak000001AbCd")).toBe("005Ak000001AbCdIAK");
    expect(normaliseId("USER_ID")).toBe("USER_ID");
    expect(normaliseId("  ")).toBeNull();
  });

  it("caches normalised ids", () => {
    const ids = new IdNormaliser();
    expect(ids.normalise("0H4Ak000000AbCd")).toBe("0H4Ak000000AbCdKAK");
    expect(ids.normalise("0H4Ak000000AbCd")).toBe("0H4Ak000000AbCdKAK");
    expect(ids.normalise("not-an-id")).toBe("not-an-id");
  });

  it("starts the id cache over when it is full", () => {
    const ids = new IdNormaliser();
    for (let index = 0; index < 9000; index += 1) {
      ids.normalise(`id-${index}`);
    }
    expect(ids.normalise("005Ak000001AbCd")).toBe("005Ak000001AbCdIAK");
  });

  it("detaches text without changing it", () => {
    const source = "prefix-198.51.100.200-suffix";
    expect(detachText(source.slice(7, 21))).toBe("198.51.100.200");
  });

  it.each(["", "__proto__", "123", "007", "-0", "constructor"])(
    "detaches the property-like text %p unchanged",
    (text) => {
      expect(detachText(text)).toBe(text);
    }
  );

  it("shortens long values in messages", () => {
    expect(quoteForMessage("short")).toBe("short");
    expect(quoteForMessage("x".repeat(100))).toBe(`${"x".repeat(80)}…`);
  });
});

describe("chooseSourceIp", () => {
  it("prefers CLIENT_IP", () => {
    expect(chooseSourceIp("198.51.100.1", "198.51.100.2")).toBe("198.51.100.1");
  });

  it("uses SOURCE_IP for Salesforce's own marker", () => {
    expect(chooseSourceIp("Salesforce.com IP", "198.51.100.2")).toBe(
      "198.51.100.2"
    );
  });

  it("keeps the marker when nothing else is known", () => {
    expect(chooseSourceIp("Salesforce.com IP", null)).toBe("Salesforce.com IP");
  });

  it("accepts values that are not addresses", () => {
    expect(chooseSourceIp("w.x.y.z", "w.x.y.z")).toBe("w.x.y.z");
    expect(chooseSourceIp(null, null)).toBeNull();
  });
});
