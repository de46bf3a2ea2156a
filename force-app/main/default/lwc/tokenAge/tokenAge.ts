/**
 * Ages of OAuth tokens in whole days, whether a token is stale or old, and
 * the age buckets of the age chart.
 *
 * Rules:
 * - A whole day count is floor((later - earlier) / 86,400,000) over UTC
 *   epoch milliseconds, so calendar days, time zones and daylight saving
 *   play no part. A later time before the earlier one (clock skew between
 *   the org and the browser) counts as 0 days.
 * - Stale: the token has gone unused for more than staleAfterDays whole
 *   days. A token that was never used (LastUsedDate null) counts from its
 *   creation. With 90, a token unused for exactly 90 days, or 90 days and
 *   any part of a day, is not stale, and one unused for 91 whole days is.
 * - Old: the token was created more than oldAfterDays whole days ago, with
 *   the same edge as stale.
 * - "Never used" means LastUsedDate is null, whatever the value of UseCount.
 *
 * The reference time ("now") is always passed in, so that one page load or
 * one snapshot job judges every token against the same instant.
 */
import type { OAuthTokenRow } from "oauth-guard/dto";

export const MILLISECONDS_PER_DAY = 86_400_000;

/** The two day thresholds, always taken from the settings. */
export interface AgeThresholds {
  staleAfterDays: number;
  oldAfterDays: number;
}

export interface TokenAge {
  /** Whole days since the token was created. */
  ageDays: number;
  /** Whole days since the token was last used, or null when never used. */
  daysSinceLastUse: number | null;
  /** Whole days without use, counted from creation if never used. */
  unusedDays: number;
  isStale: boolean;
  isOld: boolean;
}

// Date.parse accepts many informal formats. Only ISO 8601 with an explicit
// zone is accepted here, so a date without one is never read as local time.
const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO 8601 timestamp with a zone (`Z`, `+00:00` or `+0000`) into
 * UTC epoch milliseconds. Returns null for anything else.
 */
export function parseTimestamp(value: string): number | null {
  if (!ISO_TIMESTAMP.test(value)) {
    return null;
  }
  // Apex may write offsets as +0000, but ECMAScript's date format needs +00:00.
  const withColon = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const milliseconds = Date.parse(withColon);
  return Number.isNaN(milliseconds) ? null : milliseconds;
}

/** Counts the whole days from `earlier` to `later`, never below 0. */
export function wholeDaysBetween(earlier: number, later: number): number {
  if (later <= earlier) {
    return 0;
  }
  return Math.floor((later - earlier) / MILLISECONDS_PER_DAY);
}

/**
 * Computes the age of a token from epoch milliseconds. The inventory calls
 * this with timestamps it parsed once per row.
 */
export function ageFromTimes(
  createdAt: number,
  lastUsedAt: number | null,
  now: number,
  thresholds: AgeThresholds
): TokenAge {
  const ageDays = wholeDaysBetween(createdAt, now);
  const daysSinceLastUse =
    lastUsedAt === null ? null : wholeDaysBetween(lastUsedAt, now);
  const unusedDays = daysSinceLastUse ?? ageDays;
  return {
    ageDays,
    daysSinceLastUse,
    unusedDays,
    isStale: unusedDays > thresholds.staleAfterDays,
    isOld: ageDays > thresholds.oldAfterDays
  };
}

/**
 * Returns the latest instant at which a token may have last been used (or
 * been created, if never used) and still count as stale at `now`. This is
 * the stale rule above restated, so that a caller can count stale tokens
 * with one comparison each.
 */
export function latestStaleInstant(
  now: number,
  staleAfterDays: number
): number {
  return now - (staleAfterDays + 1) * MILLISECONDS_PER_DAY;
}

/** Returns the latest creation instant that counts as old at `now`. */
export function latestOldInstant(now: number, oldAfterDays: number): number {
  return now - (oldAfterDays + 1) * MILLISECONDS_PER_DAY;
}

/**
 * Computes the age of one token row at `now` (UTC epoch milliseconds).
 * Throws a RangeError naming the field when a date is not ISO 8601.
 */
export function ageToken(
  token: Pick<OAuthTokenRow, "createdDate" | "lastUsedDate">,
  now: number,
  thresholds: AgeThresholds
): TokenAge {
  const createdAt = parseTimestamp(token.createdDate);
  if (createdAt === null) {
    throw new RangeError(
      `Invalid createdDate "${token.createdDate}": ` +
        "expected an ISO 8601 timestamp with a zone."
    );
  }
  let lastUsedAt: number | null = null;
  if (token.lastUsedDate !== null) {
    lastUsedAt = parseTimestamp(token.lastUsedDate);
    if (lastUsedAt === null) {
      throw new RangeError(
        `Invalid lastUsedDate "${token.lastUsedDate}": ` +
          "expected an ISO 8601 timestamp with a zone."
      );
    }
  }
  return ageFromTimes(createdAt, lastUsedAt, now, thresholds);
}

/** One bar of the age chart: ages in [minDays, maxDays). */
export interface AgeBucket {
  id: string;
  label: string;
  minDays: number;
  /** Exclusive upper bound, or null for the open-ended last bucket. */
  maxDays: number | null;
}

const OPEN_ENDED_BUCKET: AgeBucket = {
  id: "3-years-or-more",
  label: "3 years or more",
  minDays: 1095,
  maxDays: null
};

/** Age chart buckets in ascending order. A year counts as 365 days. */
export const AGE_BUCKETS: readonly AgeBucket[] = [
  { id: "under-30-days", label: "Under 30 days", minDays: 0, maxDays: 30 },
  { id: "30-to-89-days", label: "30–89 days", minDays: 30, maxDays: 90 },
  { id: "90-to-179-days", label: "90–179 days", minDays: 90, maxDays: 180 },
  { id: "180-to-364-days", label: "180–364 days", minDays: 180, maxDays: 365 },
  { id: "1-to-2-years", label: "1–2 years", minDays: 365, maxDays: 730 },
  { id: "2-to-3-years", label: "2–3 years", minDays: 730, maxDays: 1095 },
  OPEN_ENDED_BUCKET
];

/** Returns the bucket that contains an age in whole days. */
export function ageBucketOf(ageDays: number): AgeBucket {
  const bucket = AGE_BUCKETS.find(
    (candidate) => candidate.maxDays === null || ageDays < candidate.maxDays
  );
  return bucket ?? OPEN_ENDED_BUCKET;
}

/** One bar of the chart, in the shape the tokenAgeChart component takes. */
export interface AgeBucketCount {
  id: string;
  label: string;
  count: number;
}

/** Counts ages per bucket, listing every bucket, empty ones included. */
export function countByAgeBucket(ages: Iterable<number>): AgeBucketCount[] {
  const counts = new Map<string, number>();
  for (const ageDays of ages) {
    const id = ageBucketOf(ageDays).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return AGE_BUCKETS.map((bucket) => ({
    id: bucket.id,
    label: bucket.label,
    count: counts.get(bucket.id) ?? 0
  }));
}
