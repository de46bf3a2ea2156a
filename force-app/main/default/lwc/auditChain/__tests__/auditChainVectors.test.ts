// Checks auditChain against the shared vectors in vectors/audit-chain.json.
// The Apex class AuditChain is tested against the same file (through the
// generated AuditChainVectors class), so that the hash Apex writes is the
// hash the page recomputes.
import type { AuditEntry } from "oauth-guard/dto";
import {
  canonicalForm,
  computeHash,
  emptyAuditEntry,
  verifyChain,
  type ChainHead,
  type ChainProblem
} from "c/auditChain";

interface VectorRecord {
  record: Partial<AuditEntry> & Pick<AuditEntry, "kind" | "sequence">;
  canonical: string;
  computedHash: string;
}

interface ChainCase {
  name: string;
  head: ChainHead;
  records: VectorRecord[];
  expectedProblems: ChainProblem[];
  expectedArchivedThrough: number | null;
}

const EMPTY_ENTRY: AuditEntry = emptyAuditEntry("Request");

function loadCases(): ChainCase[] {
  const parsed = jest.requireActual<object>(
    "../../../../../../vectors/audit-chain.json"
  );
  if (!Array.isArray(parsed)) {
    throw new Error("vectors/audit-chain.json must hold a list of cases.");
  }
  return parsed as ChainCase[];
}

const CASES = loadCases();

function entryOf(record: VectorRecord["record"]): AuditEntry {
  return { ...EMPTY_ENTRY, ...record };
}

describe.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
  "vector %s",
  (_name, testCase) => {
    it("builds each canonical form", () => {
      for (const { record, canonical } of testCase.records) {
        expect(canonicalForm(entryOf(record))).toBe(canonical);
      }
    });

    it("computes each hash", () => {
      for (const { record, computedHash } of testCase.records) {
        expect(computeHash(entryOf(record))).toBe(computedHash);
      }
    });

    it("finds the expected problems", () => {
      const verdict = verifyChain(
        testCase.records.map(({ record }) => entryOf(record)),
        testCase.head
      );
      expect(verdict.problems).toEqual(testCase.expectedProblems);
      expect(verdict.intact).toBe(testCase.expectedProblems.length === 0);
      expect(verdict.archivedThrough).toBe(testCase.expectedArchivedThrough);
    });
  }
);
