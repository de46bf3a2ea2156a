import type { AuditEntry, AuditTrailPage } from "oauth-guard/dto";
import { identifyApp } from "c/appKey";
import {
  describeProblem,
  readAuditTrail,
  verifyChain,
  withNullFields,
  type ChainVerdict
} from "c/auditChain";
import { archiveExport } from "c/csvExport";
import { AuraHandledException } from "../apex-error";
import type { ApexCallContext } from "../apex-method";
import { TAMPERED_SEQUENCE } from "../audit-history";
import {
  AUDIT_PAGE_SIZE,
  archiveAuditTrail,
  listAuditTrail,
  planAuditArchive
} from "../audit-trail";
import { DemoOrg } from "../demo-org";
import { getRevocationStatus, requestRevocation } from "../revocation";
import { LINK_INTERVAL_MS, LINK_SIZE, QUEUE_DELAY_MS } from "../revocation-job";
import { configureRevocationDemo } from "../revocation-state";

const START = Date.UTC(2025, 5, 2, 12, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

function createOrg(options: { tamper?: boolean; userCount?: number } = {}) {
  const org = new DemoOrg({ userCount: options.userCount ?? 300 });
  const clock = { now: START };
  configureRevocationDemo(org, {
    clock: () => clock.now,
    tamper: options.tamper ?? false
  });
  const admin: ApexCallContext = { org, runningUser: org.runningUsers.admin };
  // The viewer has OAuth Guard Auditor, which enables archiving.
  const auditor: ApexCallContext = {
    org,
    runningUser: org.runningUsers.viewer
  };
  return { org, clock, admin, auditor };
}

async function readTrail(context: ApexCallContext) {
  return readAuditTrail(async (cursor) =>
    withNullFields(await listAuditTrail(context, cursor))
  );
}

async function verdictOf(context: ApexCallContext): Promise<ChainVerdict> {
  const trail = await readTrail(context);
  return verifyChain(trail.entries, trail.head);
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(AuraHandledException);
  return (error as Error).message;
}

describe("the seeded audit history", () => {
  const { admin } = createOrg();

  it("verifies as intact", async () => {
    const verdict = await verdictOf(admin);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    expect(verdict.recordCount).toBe(8);
  });

  it("lists requests and outcomes in sequence order", async () => {
    const page = await listAuditTrail(admin, null);
    expect(
      page.entries.map((entry) => `${entry.sequence} ${entry.name ?? ""}`)
    ).toEqual([
      "1 REV-000001",
      "2 OUT-0000001",
      "3 OUT-0000002",
      "4 REV-000002",
      "5 OUT-0000003",
      "6 OUT-0000004",
      "7 REV-000003",
      "8 OUT-0000005"
    ]);
    expect(page.headSequence).toBe(8);
    expect("nextCursor" in page).toBe(false);
  });

  it("leaves null fields out as Apex does", async () => {
    const page = await listAuditTrail(admin, null);
    const first = page.entries[0] as Partial<AuditEntry>;
    expect("previousHash" in first).toBe(false);
    expect(
      page.entries.flatMap((entry): unknown[] => Object.values(entry))
    ).not.toContain(null);
  });

  it("reads the records after a cursor", async () => {
    const page = await listAuditTrail(admin, "6");
    expect(page.entries.map((entry) => entry.sequence)).toEqual([7, 8]);
  });

  it("rejects a cursor that is not a sequence", async () => {
    expect(await rejection(listAuditTrail(admin, "page-2"))).toBe(
      'The audit trail cursor "page-2" is invalid. Load the audit trail again from the first page.'
    );
  });
});

describe("tamper mode", () => {
  it("alters a record so that its hash no longer matches", async () => {
    const { admin } = createOrg({ tamper: true });
    const verdict = await verdictOf(admin);
    expect(verdict.intact).toBe(false);
    expect(verdict.problems).toEqual([
      {
        kind: "altered",
        sequence: TAMPERED_SEQUENCE,
        entryKind: "Request",
        name: "REV-000002"
      }
    ]);
    expect(describeProblem(verdict.problems[0] as never)).toBe(
      "Record 4 (revocation request REV-000002) was altered: its content no longer matches its hash."
    );
  });
});

describe("a revocation in the audit trail", () => {
  const { org, clock, admin } = createOrg({ userCount: 5000 });
  let pages: AuditTrailPage[];

  beforeAll(async () => {
    const app = org.apps.find(
      (candidate) => candidate.definition.name === "Parley Sales Assistant"
    );
    const appKey = identifyApp({
      applicationId: app?.applicationId ?? null,
      appName: "Parley Sales Assistant"
    }).key;
    const request = await requestRevocation(admin, {
      appKey,
      scope: "App",
      handles: null,
      userId: null,
      reason: "INC-4711",
      typedName: "Parley Sales Assistant"
    });
    clock.now +=
      QUEUE_DELAY_MS +
      Math.ceil(request.tokensRequested / LINK_SIZE) * LINK_INTERVAL_MS;
    await getRevocationStatus(admin, request.id, null);
    pages = [];
    let cursor: string | null = null;
    do {
      const page: AuditTrailPage = await listAuditTrail(admin, cursor);
      pages.push(page);
      cursor = page.nextCursor ?? null;
    } while (cursor !== null);
  });

  it("pages 1,000 records at a time", () => {
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(pages[0]?.nextCursor).toBe(String(AUDIT_PAGE_SIZE));
  });

  it("still verifies as intact", async () => {
    const verdict = await verdictOf(admin);
    expect(verdict.problems).toEqual([]);
    expect(verdict.recordCount).toBeGreaterThan(3000);
  });
});

describe("archiving", () => {
  const { clock, admin, auditor } = createOrg();

  it("rejects a user without the archive permission", async () => {
    expect(await rejection(planAuditArchive(admin, null))).toBe(
      "Archiving audit records needs the Archive OAuth Guard Audit custom permission, which your user does not have."
    );
  });

  it("plans the records older than 365 days", async () => {
    const plan = await planAuditArchive(auditor, null);
    const latest = new Date(START - 365 * DAY_MS).toISOString();
    expect(plan).toEqual({
      before: latest,
      latestAllowedBefore: latest,
      firstSequence: 1,
      cutSequence: 6,
      recordCount: 6,
      notes: [
        `Audit records stay at least 365 days, so only records written before ${latest} may be archived.`
      ]
    });
  });

  it("plans nothing before the first record", async () => {
    const plan = await planAuditArchive(
      auditor,
      new Date(START - 1000 * DAY_MS).toISOString()
    );
    expect(plan.cutSequence).toBeUndefined();
    expect(plan.firstSequence).toBeUndefined();
    expect(plan.recordCount).toBe(0);
  });

  it("rejects a time without a zone", async () => {
    expect(
      await rejection(planAuditArchive(auditor, "2024-01-01T00:00:00"))
    ).toBe(
      'The time "2024-01-01T00:00:00" is not an ISO 8601 timestamp with a zone, such as 2025-01-01T00:00:00Z.'
    );
  });

  it.each([
    [{ reason: " " }, /^Enter a reason for the archive/],
    [{ exportSha256: "ABC" }, /^The export checksum must be the SHA-256/],
    [
      { cutSequence: 7 },
      /^Records up to 7 cannot be archived now: archive at most up to 6\. /
    ]
  ])("rejects %j", async (overrides, message) => {
    const params = {
      cutSequence: 6,
      exportSha256: "a".repeat(64),
      reason: "Exported to the records vault",
      ...overrides
    };
    expect(await rejection(archiveAuditTrail(auditor, params))).toMatch(
      message
    );
  });

  it("removes the records and still verifies", async () => {
    const before = await readTrail(auditor);
    const exported = archiveExport(before.entries, 6);
    clock.now += 60_000;
    const archive = await archiveAuditTrail(auditor, {
      cutSequence: 6,
      exportSha256: exported.exportSha256,
      reason: "Exported to the records vault"
    });
    expect(archive).toMatchObject({
      kind: "Archive",
      name: "ARC-00001",
      sequence: 9,
      firstSequence: 1,
      lastSequence: 6,
      recordsRemoved: 6,
      exportSha256: exported.exportSha256,
      hashAtCut: before.entries[5]?.hash
    });
    const verdict = await verdictOf(auditor);
    expect(verdict.problems).toEqual([]);
    expect(verdict.archivedThrough).toBe(6);
    expect(verdict.firstSequence).toBe(7);
  });

  it("finds nothing more to archive", async () => {
    const plan = await planAuditArchive(auditor, null);
    expect(plan.cutSequence).toBeUndefined();
  });
});
