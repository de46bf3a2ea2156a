// The shared vectors in policyDecision/__tests__/policyVectors.test.ts
// cover parsing and containment case by case. These tests check the parsed
// shapes and the formatting, which the vectors do not show.
import {
  formatIpRange,
  parseIpAddress,
  parseIpRange,
  rangeContains
} from "c/ipRange";
import type { IpAddress, IpRange } from "c/ipRange";

function rangeOf(text: string): IpRange {
  const range = parseIpRange(text);
  if (range === null) {
    throw new Error(`Test range "${text}" did not parse.`);
  }
  return range;
}

function addressOf(text: string): IpAddress {
  const address = parseIpAddress(text);
  if (address === null) {
    throw new Error(`Test address "${text}" did not parse.`);
  }
  return address;
}

describe("parseIpAddress", () => {
  it("returns two groups for IPv4", () => {
    expect(parseIpAddress("203.0.113.9")).toEqual({
      version: 4,
      groups: [0xcb00, 0x7109]
    });
  });

  it("returns eight groups for IPv6", () => {
    expect(parseIpAddress("2001:db8::1")).toEqual({
      version: 6,
      groups: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]
    });
  });

  it("reads a mapped address as IPv4", () => {
    expect(parseIpAddress("::FFFF:203.0.113.9")?.version).toBe(4);
  });

  it.each([null, undefined, "", "   "])("returns null for %p", (value) => {
    expect(parseIpAddress(value)).toBeNull();
  });
});

describe("parseIpRange", () => {
  it("clears host bits", () => {
    expect(parseIpRange("192.0.2.7/24")).toEqual({
      version: 4,
      groups: [0xc000, 0x0200],
      prefixLength: 24
    });
  });

  it("shifts a mapped prefix by 96 bits", () => {
    expect(parseIpRange("::ffff:203.0.113.0/120")?.prefixLength).toBe(24);
  });

  it("reads a bare mapped address as an IPv4 /32", () => {
    expect(parseIpRange("::ffff:203.0.113.9")).toEqual({
      version: 4,
      groups: [0xcb00, 0x7109],
      prefixLength: 32
    });
  });

  it.each([null, undefined, "", "/24"])("returns null for %p", (value) => {
    expect(parseIpRange(value)).toBeNull();
  });
});

describe("rangeContains", () => {
  it("compares a partial group bit by bit", () => {
    const range = rangeOf("10.0.0.0/9");
    expect(rangeContains(range, addressOf("10.127.255.255"))).toBe(true);
    expect(rangeContains(range, addressOf("10.128.0.0"))).toBe(false);
  });
});

describe("formatIpRange", () => {
  it("formats IPv4 as dotted quad and prefix", () => {
    expect(formatIpRange(rangeOf("198.51.100.77/24"))).toBe("198.51.100.0/24");
  });

  it("formats IPv6 as uncompressed lower-case groups", () => {
    expect(formatIpRange(rangeOf("2001:DB8::/32"))).toBe(
      "2001:db8:0:0:0:0:0:0/32"
    );
  });
});
