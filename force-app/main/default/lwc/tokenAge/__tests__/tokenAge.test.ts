import {
  AGE_BUCKETS,
  MILLISECONDS_PER_DAY,
  ageBucketOf,
  ageFromTimes,
  ageToken,
  countByAgeBucket,
  latestOldInstant,
  latestStaleInstant,
  parseTimestamp,
  wholeDaysBetween
} from "c/tokenAge";

const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const THRESHOLDS = { staleAfterDays: 90, oldAfterDays: 180 };

function isoBefore(milliseconds: number): string {
  return new Date(NOW - milliseconds).toISOString();
}

function days(count: number): number {
  return count * MILLISECONDS_PER_DAY;
}

describe("parseTimestamp", () => {
  it("reads a UTC timestamp with milliseconds", () => {
    expect(parseTimestamp("2025-06-01T12:00:00.000Z")).toBe(NOW);
  });

  it("reads a timestamp without seconds", () => {
    expect(parseTimestamp("2025-06-01T12:00Z")).toBe(NOW);
  });

  it("reads an offset with a colon", () => {
    expect(parseTimestamp("2025-06-01T14:00:00.000+02:00")).toBe(NOW);
  });

  it("reads an Apex-style offset without a colon", () => {
    expect(parseTimestamp("2025-06-01T12:00:00.000+0000")).toBe(NOW);
  });

  it("rejects a timestamp without a zone", () => {
    expect(parseTimestamp("2025-06-01T12:00:00")).toBeNull();
  });

  it("rejects a date alone", () => {
    expect(parseTimestamp("2025-06-01")).toBeNull();
  });

  it("rejects free text", () => {
    expect(parseTimestamp("yesterday")).toBeNull();
  });

  it("rejects an impossible month", () => {
    expect(parseTimestamp("2025-13-01T00:00:00Z")).toBeNull();
  });
});

describe("wholeDaysBetween", () => {
  it("counts exactly one day as 1", () => {
    expect(wholeDaysBetween(0, days(1))).toBe(1);
  });

  it("counts one millisecond short of a day as 0", () => {
    expect(wholeDaysBetween(0, days(1) - 1)).toBe(0);
  });

  it("floors partial days", () => {
    expect(wholeDaysBetween(0, days(2) + days(1) / 2)).toBe(2);
  });

  it("counts a later time before the earlier one as 0", () => {
    expect(wholeDaysBetween(days(5), days(3))).toBe(0);
  });
});

describe("ageFromTimes", () => {
  it("reports age in whole days since creation", () => {
    const age = ageFromTimes(NOW - days(10) - 5, null, NOW, THRESHOLDS);
    expect(age.ageDays).toBe(10);
  });

  it("reports null days since use for a token never used", () => {
    const age = ageFromTimes(NOW - days(10), null, NOW, THRESHOLDS);
    expect(age.daysSinceLastUse).toBeNull();
  });

  it("counts unused days from creation when never used", () => {
    const age = ageFromTimes(NOW - days(10), null, NOW, THRESHOLDS);
    expect(age.unusedDays).toBe(10);
  });

  it("counts unused days from the last use", () => {
    const age = ageFromTimes(NOW - days(100), NOW - days(3), NOW, THRESHOLDS);
    expect(age.daysSinceLastUse).toBe(3);
    expect(age.unusedDays).toBe(3);
  });

  it("treats a token created after now as 0 days old", () => {
    const age = ageFromTimes(NOW + 1000, null, NOW, THRESHOLDS);
    expect(age.ageDays).toBe(0);
  });
});

describe("stale edge", () => {
  it("is not stale after exactly 90 days unused", () => {
    const age = ageFromTimes(NOW - days(200), NOW - days(90), NOW, THRESHOLDS);
    expect(age.isStale).toBe(false);
  });

  it("is not stale after 90 days and 1 millisecond", () => {
    const lastUsed = NOW - days(90) - 1;
    const age = ageFromTimes(NOW - days(200), lastUsed, NOW, THRESHOLDS);
    expect(age.isStale).toBe(false);
  });

  it("is not stale 1 millisecond before 91 days", () => {
    const lastUsed = NOW - days(91) + 1;
    const age = ageFromTimes(NOW - days(200), lastUsed, NOW, THRESHOLDS);
    expect(age.isStale).toBe(false);
  });

  it("is stale after exactly 91 days unused", () => {
    const age = ageFromTimes(NOW - days(200), NOW - days(91), NOW, THRESHOLDS);
    expect(age.isStale).toBe(true);
  });

  it("judges a never-used token by its creation", () => {
    expect(ageFromTimes(NOW - days(91), null, NOW, THRESHOLDS).isStale).toBe(
      true
    );
    expect(ageFromTimes(NOW - days(90), null, NOW, THRESHOLDS).isStale).toBe(
      false
    );
  });

  it("follows the threshold it is given", () => {
    const age = ageFromTimes(NOW - days(200), NOW - days(31), NOW, {
      staleAfterDays: 30,
      oldAfterDays: 180
    });
    expect(age.isStale).toBe(true);
  });
});

describe("old edge", () => {
  it("is not old at exactly 180 days", () => {
    expect(ageFromTimes(NOW - days(180), NOW, NOW, THRESHOLDS).isOld).toBe(
      false
    );
  });

  it("is not old at 180 days and 1 millisecond", () => {
    const createdAt = NOW - days(180) - 1;
    expect(ageFromTimes(createdAt, NOW, NOW, THRESHOLDS).isOld).toBe(false);
  });

  it("is old at 181 days", () => {
    expect(ageFromTimes(NOW - days(181), NOW, NOW, THRESHOLDS).isOld).toBe(
      true
    );
  });

  it("is old whatever the last use", () => {
    const age = ageFromTimes(NOW - days(400), NOW - 1, NOW, THRESHOLDS);
    expect(age.isOld).toBe(true);
    expect(age.isStale).toBe(false);
  });
});

describe("cut-off instants", () => {
  const offsets = [
    days(89),
    days(90),
    days(90) + 1,
    days(91) - 1,
    days(91),
    days(180),
    days(181) - 1,
    days(181),
    days(181) + 1
  ];

  it.each(offsets)("agree with the stale rule %p ms back", (offset) => {
    const lastUsed = NOW - offset;
    const age = ageFromTimes(NOW - days(500), lastUsed, NOW, THRESHOLDS);
    expect(lastUsed <= latestStaleInstant(NOW, 90)).toBe(age.isStale);
  });

  it.each(offsets)("agree with the old rule %p ms back", (offset) => {
    const createdAt = NOW - offset;
    const age = ageFromTimes(createdAt, null, NOW, THRESHOLDS);
    expect(createdAt <= latestOldInstant(NOW, 180)).toBe(age.isOld);
  });
});

describe("ageToken", () => {
  it("ages a row from its ISO dates", () => {
    const age = ageToken(
      { createdDate: isoBefore(days(91)), lastUsedDate: null },
      NOW,
      THRESHOLDS
    );
    expect(age.ageDays).toBe(91);
    expect(age.isStale).toBe(true);
  });

  it("reads the last used date", () => {
    const age = ageToken(
      { createdDate: isoBefore(days(300)), lastUsedDate: isoBefore(days(2)) },
      NOW,
      THRESHOLDS
    );
    expect(age.daysSinceLastUse).toBe(2);
  });

  it("throws naming an invalid created date", () => {
    expect(() =>
      ageToken({ createdDate: "soon", lastUsedDate: null }, NOW, THRESHOLDS)
    ).toThrow('Invalid createdDate "soon"');
  });

  it("throws naming an invalid last used date", () => {
    expect(() =>
      ageToken(
        { createdDate: isoBefore(days(1)), lastUsedDate: "2025-01-01" },
        NOW,
        THRESHOLDS
      )
    ).toThrow('Invalid lastUsedDate "2025-01-01"');
  });
});

describe("ageBucketOf", () => {
  it.each([
    [0, "under-30-days"],
    [29, "under-30-days"],
    [30, "30-to-89-days"],
    [89, "30-to-89-days"],
    [90, "90-to-179-days"],
    [179, "90-to-179-days"],
    [180, "180-to-364-days"],
    [364, "180-to-364-days"],
    [365, "1-to-2-years"],
    [729, "1-to-2-years"],
    [730, "2-to-3-years"],
    [1094, "2-to-3-years"],
    [1095, "3-years-or-more"],
    [10000, "3-years-or-more"]
  ])("puts %i days in %s", (ageDays, id) => {
    expect(ageBucketOf(ageDays).id).toBe(id);
  });

  it("leaves no gap between buckets", () => {
    const upperBounds = AGE_BUCKETS.slice(0, -1).map(
      (bucket) => bucket.maxDays
    );
    const lowerBounds = AGE_BUCKETS.slice(1).map((bucket) => bucket.minDays);
    expect(lowerBounds).toEqual(upperBounds);
  });

  it("puts a non-number in the open-ended bucket", () => {
    expect(ageBucketOf(Number.NaN).id).toBe("3-years-or-more");
  });
});

describe("countByAgeBucket", () => {
  it("lists every bucket in order", () => {
    const counts = countByAgeBucket([]);
    expect(counts.map((count) => count.id)).toEqual(
      AGE_BUCKETS.map((bucket) => bucket.id)
    );
  });

  it("counts empty buckets as 0", () => {
    const counts = countByAgeBucket([]);
    expect(counts.every((count) => count.count === 0)).toBe(true);
  });

  it("counts ages into their buckets", () => {
    const counts = countByAgeBucket([1, 2, 45, 400, 2000]);
    const byId = new Map(counts.map((count) => [count.id, count.count]));
    expect(byId.get("under-30-days")).toBe(2);
    expect(byId.get("30-to-89-days")).toBe(1);
    expect(byId.get("1-to-2-years")).toBe(1);
    expect(byId.get("3-years-or-more")).toBe(1);
  });

  it("carries each bucket's label", () => {
    expect(countByAgeBucket([])[0]?.label).toBe("Under 30 days");
  });
});
