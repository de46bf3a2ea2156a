import type { AuditEntry } from "oauth-guard/dto";
import { sha256Hex } from "c/sha256";
import {
  AUDIT_TRAIL_COLUMNS,
  archiveExport,
  auditTrailCsv,
  csvField,
  neutraliseFormula,
  restoreNeutralisedValue,
  toCsv
} from "c/csvExport";

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tindented", "'\tindented"],
    ["\rreturn", "'\rreturn"]
  ])("prefixes %j", (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it("prefixes a value that already starts with a quote", () => {
    expect(neutraliseFormula("'=x")).toBe("''=x");
  });

  it("leaves ordinary text alone", () => {
    expect(neutraliseFormula("Acme Sync")).toBe("Acme Sync");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("")).toBe("");
  });

  it("round-trips through restoreNeutralisedValue", () => {
    for (const value of ["=1", "'", "''=x", "plain", "-", "", "@"]) {
      expect(restoreNeutralisedValue(neutraliseFormula(value))).toBe(value);
    }
  });
});

describe("csvField", () => {
  it("writes null and undefined as empty cells", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("writes numbers and booleans as they are", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(42)).toBe("42");
    expect(csvField(true)).toBe("true");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("neutralises before quoting", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(
      '"\'=HYPERLINK(""http://x"",""y"")"'
    );
    expect(csvField("\r=1")).toBe('"\'\r=1"');
  });
});

describe("toCsv", () => {
  it("ends every line with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["1", 2],
          [null, "=x"]
        ]
      )
    ).toBe("a,b\r\n1,2\r\n,'=x\r\n");
  });

  it("writes only the header for no rows", () => {
    expect(toCsv(["a"], [])).toBe("a\r\n");
  });

  it("rejects a row of the wrong length", () => {
    expect(() => toCsv(["a", "b"], [["1"]])).toThrow(
      "CSV row 1 has 1 values, but the header has 2 columns."
    );
  });
});

describe("auditTrailCsv", () => {
  const entry = {
    kind: "Outcome",
    recordId: "a02000000000002AAA",
    name: "OUT-2",
    sequence: 2,
    previousHash: "a".repeat(64),
    hash: "b".repeat(64),
    recordedAt: "2025-06-01T00:00:00.000Z",
    appName: "=cmd|' /C calc'!A0",
    error: 'failed, then "retried"',
    outcome: "Failed"
  } as AuditEntry;

  it("writes a header with every column", () => {
    const [header] = auditTrailCsv([]).split("\r\n");
    expect(header?.split(",")).toEqual([...AUDIT_TRAIL_COLUMNS]);
  });

  it("orders records by sequence and neutralises their values", () => {
    const first = { ...entry, sequence: 1, appName: "Acme", error: null };
    const lines = auditTrailCsv([entry, first]).split("\r\n");
    expect(lines[1]?.startsWith("1,Outcome,OUT-2,")).toBe(true);
    expect(lines[2]).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines[2]).toContain(',"failed, then ""retried""",');
    expect(lines[3]).toBe("");
  });
});

describe("archiveExport", () => {
  function entryAt(sequence: number): AuditEntry {
    return {
      kind: "Outcome",
      recordId: `a02${sequence}`,
      name: `OUT-${sequence}`,
      sequence,
      previousHash: null,
      hash: "c".repeat(64),
      recordedAt: "2024-01-01T00:00:00.000Z"
    } as AuditEntry;
  }

  it("exports the records up to the cut with their checksum", () => {
    const result = archiveExport([entryAt(3), entryAt(1), entryAt(2)], 2);
    expect(result.recordCount).toBe(2);
    expect(result.csv).toBe(auditTrailCsv([entryAt(1), entryAt(2)]));
    expect(result.exportSha256).toBe(sha256Hex(result.csv));
    expect(result.exportSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
