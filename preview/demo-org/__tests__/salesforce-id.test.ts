import { caseSafeSuffix, demoRecordId } from "../salesforce-id";

describe("caseSafeSuffix", () => {
  it("matches a known Salesforce Id", () => {
    // 001000000000001 has no upper-case letters: every block maps to A.
    expect(caseSafeSuffix("001000000000001")).toBe("AAA");
  });

  it("marks upper-case letters per block of five", () => {
    // Block one: "A" at position 0 sets bit 0, so the suffix starts "B".
    expect(caseSafeSuffix("A00000000000000")).toBe("BAA");
    // Block three: upper case at positions 0 to 4 sets bits 0 to 4 (31).
    expect(caseSafeSuffix("0000000000ABCDE")).toBe("AA5");
  });

  it("rejects an Id that is not 15 characters", () => {
    expect(() => caseSafeSuffix("005")).toThrow(RangeError);
  });
});

describe("demoRecordId", () => {
  it("returns an 18-character Id with the key prefix", () => {
    const id = demoRecordId("005", 61);
    expect(id).toHaveLength(18);
    expect(id.startsWith("005")).toBe(true);
  });

  it("ends with the case-safe suffix of its first 15 characters", () => {
    const id = demoRecordId("0Ci", 123456);
    expect(id.slice(15)).toBe(caseSafeSuffix(id.slice(0, 15)));
  });

  it("gives each sequence number its own Id", () => {
    const ids = new Set(
      Array.from({ length: 5000 }, (_, n) => demoRecordId("005", n))
    );
    expect(ids.size).toBe(5000);
  });

  it("rejects an invalid key prefix", () => {
    expect(() => demoRecordId("05", 1)).toThrow(RangeError);
  });

  it("rejects a negative sequence number", () => {
    expect(() => demoRecordId("005", -1)).toThrow(RangeError);
  });
});
