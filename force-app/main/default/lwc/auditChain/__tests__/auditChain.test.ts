import type { AuditEntry, AuditTrailPage } from "oauth-guard/dto";
import {
  CANONICAL_FORMAT,
  InvalidAuditEntryError,
  MAXIMUM_TRAIL_PAGES,
  canonicalForm,
  computeHash,
  describeProblem,
  describeVerdict,
  readAuditTrail,
  verifyChain,
  verifyChainInTasks,
  withNullFields,
  type ChainProblem
} from "c/auditChain";

function outcome(sequence: number, previousHash: string | null): AuditEntry {
  const entry: AuditEntry = {
    kind: "Outcome",
    recordId: `a02${String(sequence).padStart(15, "0")}`,
    name: `OUT-${sequence}`,
    sequence,
    previousHash,
    hash: "",
    recordedAt: "2025-06-01T00:00:00.000Z",
    actorId: null,
    actorName: null,
    reason: null,
    appKey: null,
    appName: "Acme Sync",
    scope: null,
    targetUserId: null,
    targetHandles: null,
    tokensRequested: null,
    requestSequence: 1,
    handle: `handle-${sequence}`,
    userId: "005000000000001AAA",
    tokenCreatedDate: "2024-01-01T00:00:00.000Z",
    outcome: "Revoked",
    path: "ApexRevokeToken",
    error: null,
    firstSequence: null,
    lastSequence: null,
    hashAtCut: null,
    recordsRemoved: null,
    exportSha256: null,
    status: null,
    revoked: null,
    alreadyGone: null,
    failed: null,
    jobId: null,
    action: null,
    jobName: null,
    cronExpression: null
  };
  return { ...entry, hash: computeHash(entry) };
}

/** Builds count outcome records chained from sequence first. */
function chainOf(first: number, count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previousHash: string | null = null;
  for (let sequence = first; sequence < first + count; sequence += 1) {
    const entry = outcome(sequence, previousHash);
    entries.push(entry);
    previousHash = entry.hash;
  }
  return entries;
}

function headOf(entries: AuditEntry[]): { sequence: number; hash: string } {
  const last = entries[entries.length - 1];
  if (!last) {
    throw new Error("headOf needs at least one entry");
  }
  return { sequence: last.sequence, hash: last.hash };
}

describe("canonicalForm", () => {
  it("starts with the format and the kind", () => {
    const lines = canonicalForm(outcome(1, null)).split("\n");
    expect(lines[0]).toBe(CANONICAL_FORMAT);
    expect(lines[1]).toBe("kind=Outcome");
    expect(lines[2]).toBe("sequence=1");
    expect(lines[3]).toBe("previousHash");
  });

  it("ignores fields the kind does not hash", () => {
    const entry = outcome(1, null);
    const withStatus: AuditEntry = {
      ...entry,
      status: "Completed",
      revoked: 9
    };
    expect(canonicalForm(withStatus)).toBe(canonicalForm(entry));
  });

  it("rejects an unknown kind", () => {
    const entry = {
      ...outcome(1, null),
      kind: "Note"
    } as unknown as AuditEntry;
    expect(() => canonicalForm(entry)).toThrow(/kind "Note" is unknown/);
  });

  it("rejects a fractional number", () => {
    const entry = { ...outcome(1, null), sequence: 1.5 };
    expect(() => canonicalForm(entry)).toThrow(InvalidAuditEntryError);
  });

  it("rejects a value that is not text or a number", () => {
    const entry = {
      ...outcome(1, null),
      error: true
    } as unknown as AuditEntry;
    expect(() => canonicalForm(entry)).toThrow(/error is a boolean/);
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain", () => {
    const entries = chainOf(1, 4);
    const verdict = verifyChain(entries, headOf(entries));
    expect(verdict.intact).toBe(true);
    expect(verdict.recordCount).toBe(4);
    expect(verdict.firstSequence).toBe(1);
    expect(verdict.lastSequence).toBe(4);
  });

  it("accepts records in any order", () => {
    const entries = chainOf(1, 4);
    const verdict = verifyChain([...entries].reverse(), headOf(entries));
    expect(verdict.problems).toEqual([]);
  });

  it("reports a record whose fields cannot be hashed as altered", () => {
    const entries = chainOf(1, 2);
    const broken = { ...entries[1], error: 7 } as unknown as AuditEntry;
    const verdict = verifyChain(
      [entries[0] as AuditEntry, broken],
      headOf(entries)
    );
    expect(verdict.problems).toEqual([
      { kind: "altered", sequence: 2, entryKind: "Outcome", name: "OUT-2" }
    ]);
  });

  it("reports every record removed when only the head remains", () => {
    const verdict = verifyChain([], { sequence: 3, hash: "a".repeat(64) });
    expect(verdict.problems).toEqual([
      { kind: "removed", firstSequence: 1, lastSequence: 3 }
    ]);
  });

  it("reports a head that names an older record", () => {
    const entries = chainOf(1, 3);
    const verdict = verifyChain(entries, { sequence: 2, hash: "b".repeat(64) });
    expect(verdict.problems).toEqual([
      { kind: "head-mismatch", headSequence: 2, lastSequence: 3 }
    ]);
  });

  it("reports a head whose hash differs", () => {
    const entries = chainOf(1, 3);
    const verdict = verifyChain(entries, { sequence: 3, hash: "c".repeat(64) });
    expect(verdict.problems).toEqual([
      { kind: "head-mismatch", headSequence: 3, lastSequence: 3 }
    ]);
  });

  it("counts a removal after an older archive from that archive's cut", () => {
    // An archive record states a cut at 4. Records 5 and 6 are missing
    // too, and records 7 onwards remain.
    const entries = chainOf(7, 2);
    const archive: AuditEntry = {
      ...outcome(9, entries[1]?.hash ?? null),
      kind: "Archive",
      firstSequence: 1,
      lastSequence: 4,
      hashAtCut: "d".repeat(64)
    };
    const sealed = { ...archive, hash: computeHash(archive) };
    const all = [...entries, sealed];
    const verdict = verifyChain(all, headOf(all));
    expect(verdict.problems).toEqual([
      { kind: "removed", firstSequence: 5, lastSequence: 6 }
    ]);
  });
});

describe("describeProblem", () => {
  const cases: [ChainProblem, string][] = [
    [
      { kind: "altered", sequence: 3, entryKind: "Outcome", name: "OUT-3" },
      "Record 3 (token outcome OUT-3) was altered: its content no longer matches its hash."
    ],
    [
      { kind: "altered", sequence: 3, entryKind: "Archive", name: null },
      "Record 3 (archive record) was altered: its content no longer matches its hash."
    ],
    [
      { kind: "link-broken", sequence: 4, entryKind: "Request", name: "REV-4" },
      "Record 4 (revocation request REV-4) does not chain to the record before it: its previous hash differs, so one of the two was altered or replaced."
    ],
    [
      { kind: "removed", firstSequence: 5, lastSequence: 5 },
      "Record 5 was removed without an archive record."
    ],
    [
      { kind: "removed", firstSequence: 5, lastSequence: 8 },
      "Records 5 to 8 were removed without an archive record."
    ],
    [
      { kind: "duplicate", sequence: 6 },
      "Two or more records have sequence 6, but OAuth Guard writes one record per sequence."
    ],
    [
      { kind: "archive-mismatch", sequence: 5, archiveSequence: 9 },
      "Record 5 does not chain to the cut that archive record 9 states: the hash at the cut differs."
    ],
    [
      { kind: "head-mismatch", headSequence: null, lastSequence: 4 },
      "The chain head is missing, so removal of the newest records cannot be ruled out."
    ],
    [
      { kind: "head-mismatch", headSequence: 4, lastSequence: 4 },
      "Record 4 differs from the hash the chain head stores for it."
    ],
    [
      { kind: "head-mismatch", headSequence: 4, lastSequence: 6 },
      "The newest record is 6, but the chain head names record 4, so the head was altered or records were added outside OAuth Guard."
    ],
    [
      { kind: "counts-mismatch", sequence: 1, name: "REV-1" },
      "Record 1 (revocation request REV-1) states counts that differ from its token outcomes, so its counts were altered."
    ]
  ];

  it.each(cases)("describes %j", (problem, expected) => {
    expect(describeProblem(problem)).toBe(expected);
  });
});

describe("describeVerdict", () => {
  it("names the range of an intact trail", () => {
    const entries = chainOf(1, 2);
    expect(describeVerdict(verifyChain(entries, headOf(entries)))).toBe(
      "Audit trail intact: 2 records, records 1 to 2."
    );
  });

  it("names an archive cut", () => {
    expect(
      describeVerdict({
        intact: true,
        recordCount: 2,
        firstSequence: 5,
        lastSequence: 6,
        archivedThrough: 4,
        problems: []
      })
    ).toBe(
      "Audit trail intact: 2 records, records 5 to 6. Records up to 4 were " +
        "archived, and the archive record's hash at the cut matches."
    );
  });

  it("states an empty trail", () => {
    expect(
      describeVerdict(verifyChain([], { sequence: null, hash: null }))
    ).toBe("Audit trail intact: no records yet.");
  });

  it("counts problems", () => {
    const problem: ChainProblem = { kind: "duplicate", sequence: 1 };
    const verdict = {
      intact: false,
      recordCount: 2,
      firstSequence: 1,
      lastSequence: 1,
      archivedThrough: null,
      problems: [problem]
    };
    expect(describeVerdict(verdict)).toBe(
      "Audit trail not intact: 1 problem found."
    );
    expect(describeVerdict({ ...verdict, problems: [problem, problem] })).toBe(
      "Audit trail not intact: 2 problems found."
    );
  });
});

describe("readAuditTrail", () => {
  function page(
    entries: AuditEntry[],
    nextCursor: string | null
  ): AuditTrailPage {
    return { entries, nextCursor, headSequence: 3, headHash: "f".repeat(64) };
  }

  it("reads every page and the head of the last", async () => {
    const [first, second, third] = chainOf(1, 3);
    const listPage = jest
      .fn<Promise<AuditTrailPage>, [string | null]>()
      .mockResolvedValueOnce(
        page([first as AuditEntry, second as AuditEntry], "2")
      )
      .mockResolvedValueOnce(page([third as AuditEntry], null));
    const progress: number[] = [];

    const trail = await readAuditTrail(listPage, (read) => progress.push(read));

    expect(listPage.mock.calls).toEqual([[null], ["2"]]);
    expect(trail.entries.map((entry) => entry.sequence)).toEqual([1, 2, 3]);
    expect(trail.head).toEqual({ sequence: 3, hash: "f".repeat(64) });
    expect(progress).toEqual([2, 3]);
  });

  it("stops a cursor that never ends", async () => {
    const listPage = jest
      .fn<Promise<AuditTrailPage>, [string | null]>()
      .mockResolvedValue(page([], "again"));

    await expect(readAuditTrail(listPage)).rejects.toThrow(
      `did not end within ${MAXIMUM_TRAIL_PAGES} pages`
    );
    expect(listPage).toHaveBeenCalledTimes(MAXIMUM_TRAIL_PAGES);
  });
});

describe("withNullFields", () => {
  /** Drops the null fields, as Apex does when it returns a DTO as JSON. */
  function withoutNulls<Value extends object>(value: Value): Value {
    return Object.fromEntries(
      Object.entries(value).filter(([, field]) => field !== null)
    ) as Value;
  }

  it("lets a trail from Apex verify as intact", async () => {
    const entries = chainOf(1, 3);
    const apexPage = withoutNulls({
      entries: entries.map((entry) => withoutNulls(entry)),
      nextCursor: null,
      headSequence: 3,
      headHash: entries[2]?.hash ?? null
    });

    const trail = await readAuditTrail(() =>
      Promise.resolve(withNullFields(apexPage))
    );

    expect(trail.entries).toEqual(entries);
    expect(verifyChain(trail.entries, trail.head).intact).toBe(true);
  });

  it("restores a missing cursor and head as null", () => {
    const restored = withNullFields({
      entries: []
    } as unknown as AuditTrailPage);
    expect(restored).toEqual({
      entries: [],
      nextCursor: null,
      headSequence: null,
      headHash: null
    });
  });

  it("keeps values that are present", () => {
    const [entry] = chainOf(1, 1);
    const restored = withNullFields({
      entries: [entry as AuditEntry],
      nextCursor: "1",
      headSequence: 1,
      headHash: entry?.hash ?? null
    });
    expect(restored.entries[0]).toEqual(entry);
    expect(restored.nextCursor).toBe("1");
  });
});

describe("verifyChainInTasks", () => {
  it("returns verifyChain's verdict for an intact chain", async () => {
    const entries = chainOf(1, 7);
    const head = { sequence: 7, hash: entries[6]?.hash ?? null };
    const yieldControl = jest.fn(() => Promise.resolve());
    const verdict = await verifyChainInTasks(entries, head, yieldControl, 3);
    expect(verdict).toEqual(verifyChain(entries, head));
    expect(verdict.intact).toBe(true);
    expect(yieldControl).toHaveBeenCalledTimes(3);
  });

  it("names the same altered and duplicate records", async () => {
    const entries = chainOf(1, 5);
    const altered = { ...(entries[2] as AuditEntry), error: "changed" };
    const tampered = [
      entries[0],
      entries[1],
      altered,
      entries[3],
      entries[4],
      entries[4]
    ] as AuditEntry[];
    const head = { sequence: 5, hash: entries[4]?.hash ?? null };
    const verdict = await verifyChainInTasks(tampered, head, () =>
      Promise.resolve()
    );
    expect(verdict).toEqual(verifyChain(tampered, head));
    expect(verdict.problems.map((problem) => problem.kind)).toEqual([
      "duplicate",
      "altered"
    ]);
  });
});
