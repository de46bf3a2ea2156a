/**
 * IP addresses and CIDR ranges, IPv4 and IPv6. The Apex class IpRange
 * implements the same rules, and vectors/policy-vectors.json contains the
 * cases both must agree on.
 *
 * Rules:
 * - Surrounding whitespace is ignored. Anything else that is not an
 *   address parses as null, so placeholders such as `Salesforce.com IP`
 *   match no range instead of failing.
 * - IPv4 is four decimal parts from 0 to 255 without leading zeros, so
 *   that `010.0.0.1` is never read as octal by one reader and as decimal
 *   by another.
 * - IPv6 accepts `::` once, hexadecimal groups of one to four digits and
 *   an IPv4 tail (`::ffff:192.0.2.1`). Zone indexes (`%eth0`) and brackets
 *   are rejected.
 * - An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is read as the IPv4
 *   address it carries, and so is a mapped range of prefix 96 or longer.
 * - A range without `/` is a single address. Host bits after the prefix
 *   are ignored, so `192.0.2.7/24` is read as `192.0.2.0/24`.
 */

export type IpVersion = 4 | 6;

/** An address as 16-bit groups: two for IPv4, eight for IPv6. */
export interface IpAddress {
  version: IpVersion;
  groups: readonly number[];
}

/** A CIDR range: the network address (host bits cleared) and its prefix. */
export interface IpRange extends IpAddress {
  prefixLength: number;
}

const IPV4_PART = /^\d{1,3}$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV6_CHARACTERS = /^[0-9A-Fa-f:.]+$/;
const PREFIX_LENGTH = /^\d{1,3}$/;
const IPV6_GROUP_COUNT = 8;
const MAPPED_PREFIX_BITS = 96;

function hasLeadingZero(part: string): boolean {
  return part.length > 1 && part.startsWith("0");
}

/** Parses dotted-quad IPv4 into two 16-bit groups, or returns null. */
function parseIpv4Groups(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) {
    return null;
  }
  const octets: number[] = [];
  for (const part of parts) {
    if (!IPV4_PART.test(part) || hasLeadingZero(part)) {
      return null;
    }
    const octet = Number(part);
    if (octet > 255) {
      return null;
    }
    octets.push(octet);
  }
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return [a * 256 + b, c * 256 + d];
}

/**
 * Parses colon-separated IPv6 groups. `allowIpv4Tail` permits a dotted
 * IPv4 address as the last part, which then counts as two groups.
 */
function parseIpv6Groups(
  text: string,
  allowIpv4Tail: boolean
): number[] | null {
  if (text === "") {
    return [];
  }
  const parts = text.split(":");
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] ?? "";
    const isLast = index === parts.length - 1;
    if (part.includes(".")) {
      const tail = allowIpv4Tail && isLast ? parseIpv4Groups(part) : null;
      if (tail === null) {
        return null;
      }
      groups.push(...tail);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** Parses IPv6 text into eight 16-bit groups, or returns null. */
function parseIpv6(text: string): number[] | null {
  if (!IPV6_CHARACTERS.test(text)) {
    return null;
  }
  const gap = text.indexOf("::");
  if (gap !== text.lastIndexOf("::")) {
    return null;
  }
  if (gap < 0) {
    const groups = parseIpv6Groups(text, true);
    return groups !== null && groups.length === IPV6_GROUP_COUNT
      ? groups
      : null;
  }
  const head = parseIpv6Groups(text.slice(0, gap), false);
  const tail = parseIpv6Groups(text.slice(gap + 2), true);
  if (head === null || tail === null) {
    return null;
  }
  // "::" stands for at least one group of zeros.
  const missing = IPV6_GROUP_COUNT - head.length - tail.length;
  if (missing < 1) {
    return null;
  }
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** True for ::ffff:0:0/96, the IPv4-mapped block. */
function isIpv4Mapped(groups: readonly number[]): boolean {
  return (
    groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff
  );
}

/** Parses an IPv4 or IPv6 address; returns null for anything else. */
export function parseIpAddress(
  text: string | null | undefined
): IpAddress | null {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") {
    return null;
  }
  if (!trimmed.includes(":")) {
    const groups = parseIpv4Groups(trimmed);
    return groups === null ? null : { version: 4, groups };
  }
  const groups = parseIpv6(trimmed);
  if (groups === null) {
    return null;
  }
  return isIpv4Mapped(groups)
    ? { version: 4, groups: groups.slice(6) }
    : { version: 6, groups };
}

function maximumPrefix(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

/** Clears every bit after the first prefixLength bits. */
function maskGroups(groups: readonly number[], prefixLength: number): number[] {
  return groups.map((group, index) => {
    const bits = Math.min(16, Math.max(0, prefixLength - index * 16));
    const mask = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    return group & mask;
  });
}

/**
 * Parses a CIDR range such as `203.0.113.0/24` or `2001:db8::/32`, or a
 * single address. Returns null when the text is not one.
 */
export function parseIpRange(text: string | null | undefined): IpRange | null {
  const trimmed = text?.trim() ?? "";
  const parts = trimmed.split("/");
  if (parts.length > 2) {
    return null;
  }
  const [addressText = "", prefixText] = parts;

  // The mapped form is decided on the written address, before it is
  // turned into IPv4, so that its prefix can be shifted by 96 bits.
  const written = addressText.includes(":") ? parseIpv6(addressText) : null;
  const address = parseIpAddress(addressText);
  if (address === null || addressText !== addressText.trim()) {
    return null;
  }

  const writtenVersion: IpVersion = written === null ? 4 : 6;
  let prefixLength = maximumPrefix(writtenVersion);
  if (prefixText !== undefined) {
    if (!PREFIX_LENGTH.test(prefixText) || hasLeadingZero(prefixText)) {
      return null;
    }
    prefixLength = Number(prefixText);
    if (prefixLength > maximumPrefix(writtenVersion)) {
      return null;
    }
  }

  if (written !== null && address.version === 4) {
    // A mapped range shorter than /96 covers more than IPv4 addresses, so
    // it stays IPv6 and never matches an address read as IPv4.
    if (prefixLength < MAPPED_PREFIX_BITS) {
      return {
        version: 6,
        groups: maskGroups(written, prefixLength),
        prefixLength
      };
    }
    prefixLength -= MAPPED_PREFIX_BITS;
  }
  return {
    version: address.version,
    groups: maskGroups(address.groups, prefixLength),
    prefixLength
  };
}

/** True when the address lies inside the range. */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.version !== address.version) {
    return false;
  }
  const masked = maskGroups(address.groups, range.prefixLength);
  return masked.every((group, index) => group === range.groups[index]);
}

/** Formats a range in a canonical form, for messages and tables. */
export function formatIpRange(range: IpRange): string {
  if (range.version === 4) {
    const [high = 0, low = 0] = range.groups;
    const octets = [high >> 8, high & 0xff, low >> 8, low & 0xff];
    return `${octets.join(".")}/${range.prefixLength}`;
  }
  const hex = range.groups.map((group) => group.toString(16)).join(":");
  return `${hex}/${range.prefixLength}`;
}
