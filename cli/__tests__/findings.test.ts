import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FindingSetupError,
  evidencePackPaths,
  parseAllowlistFile,
  toolVersion
} from "../findings";
import { EXIT_INPUT_PROBLEMS, EXIT_OK, EXIT_USAGE, main } from "../oauth-guard";

const REPO = join(__dirname, "../..");
const RULES_FILE = join(REPO, "rules/indicator-rules.json");

/** An API event log file: a Tor exit pulling Cases, and a quiet row. */
const API_LOG = [
  "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,CLIENT_IP,USER_AGENT,CONNECTED_APP_ID,METHOD_NAME,ROWS_PROCESSED,QUERY",
  'API,2025-10-01T10:00:00.000Z,R1,005000000000001,185.220.101.33,python-requests/2.32.4,0H4000000000001,query,10000,"SELECT Id, Subject FROM Case LIMIT 10000"',
  "API,2025-10-01T11:00:00.000Z,R2,005000000000002,198.51.100.9,Mozilla/5.0,0H4000000000001,query,5,SELECT Id FROM Account"
].join("\n");

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

let folder = "";
let logPath = "";

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "oauth-guard-findings-"));
  logPath = join(folder, "api.csv");
  writeFileSync(logPath, API_LOG);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(
    path,
    typeof content === "string" ? content : JSON.stringify(content)
  );
  return path;
}

async function run(args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    rulesFile: RULES_FILE,
    now: () => Date.parse("2026-01-01T00:00:00.000Z")
  });
  return { status, stdout, stderr };
}

interface FindingsDocument {
  findings: { ruleId: string; severity: string; appKey: string | null }[];
  findingsBySeverity: Record<string, number>;
  suppressions: { ruleId: string; entryName: string; events: number }[];
  rulesNotRun: { ruleId: string }[];
  ruleProblems: { name: string; code: string }[];
  history: { apps: string[] };
}

async function runJson(args: string[]): Promise<FindingsDocument> {
  const { stdout } = await run(["analyze", "--json", ...args, logPath]);
  return JSON.parse(stdout) as FindingsDocument;
}

describe("analyze findings", () => {
  it("lists findings by severity in JSON", async () => {
    const document = await runJson([]);
    expect(document.findings.map((finding) => finding.ruleId)).toEqual([
      "IP-185.220.101.33",
      "QUERY-CASE-LIMIT-10000",
      "UA-PYTHON-REQUESTS-2.32.4"
    ]);
    expect(document.findingsBySeverity).toEqual({
      High: 0,
      Medium: 2,
      Low: 1
    });
    expect(document.history.apps).toEqual(["id:0H4000000000001CAA"]);
  });

  it("prints findings after the summary", async () => {
    const { status, stdout } = await run(["analyze", logPath]);
    expect(status).toBe(EXIT_OK);
    expect(stdout).toContain(
      "Findings: 3 (0 high, 2 medium, 1 low), most severe first:"
    );
    expect(stdout).toContain("  MEDIUM IP-185.220.101.33: ");
    expect(stdout).toContain(
      "Rule FIRST-SEEN-APP did not run: No baseline was given"
    );
  });

  it("says when nothing was found", async () => {
    const quiet = write(
      "quiet.csv",
      "EVENT_TYPE,TIMESTAMP_DERIVED,USER_AGENT\nAPI,2025-10-01T10:00:00Z,curl/8.0"
    );
    const { stdout } = await run(["analyze", quiet]);
    expect(stdout).toContain("Findings: none.");
  });

  it("applies an admin's rules over the shipped ones", async () => {
    const rules = write("mine.json", [
      { name: "UA_Python_Requests_2_32_4", active: false },
      {
        name: "Mozilla",
        ruleId: "UA-MOZILLA",
        title: "Browser",
        severity: "Low",
        kind: "UserAgent",
        matchKind: "Substring",
        field: "USER_AGENT",
        pattern: "mozilla"
      }
    ]);
    const document = await runJson(["--rules", rules]);
    expect(document.findings.map((finding) => finding.ruleId)).toEqual([
      "IP-185.220.101.33",
      "QUERY-CASE-LIMIT-10000",
      "UA-MOZILLA"
    ]);
  });

  it("names unusable rules and exits 1", async () => {
    const rules = write("bad.json", [
      { name: "Broken", ruleId: "X", title: "X", severity: "Huge" }
    ]);
    const { status, stdout } = await run([
      "analyze",
      "--rules",
      rules,
      logPath
    ]);
    expect(status).toBe(EXIT_INPUT_PROBLEMS);
    expect(stdout).toContain(
      'Skipped: Indicator rule Broken (X) has the severity "Huge".'
    );
  });

  it("suppresses allowlisted matches and says so", async () => {
    const allowlist = write("allow.json", [
      { name: "Support_Exports", kind: "User", value: "005000000000001" }
    ]);
    const document = await runJson(["--allowlist", allowlist]);
    expect(document.findings.map((finding) => finding.ruleId)).toEqual([
      "IP-185.220.101.33",
      "UA-PYTHON-REQUESTS-2.32.4"
    ]);
    // The user's rows are also kept out of the export volumes.
    expect(
      document.suppressions.filter(
        (suppression) => !suppression.ruleId.startsWith("EXPORT-VOLUME")
      )
    ).toEqual([
      {
        ruleId: "QUERY-CASE-LIMIT-10000",
        entryName: "Support_Exports",
        entryKind: "User",
        entryValue: "005000000000001",
        events: 1
      }
    ]);
    const { stdout } = await run([
      "analyze",
      "--allowlist",
      allowlist,
      logPath
    ]);
    expect(stdout).toContain(
      "Allowlist entry Support_Exports (User 005000000000001) suppressed 1 " +
        "match(es) of QUERY-CASE-LIMIT-10000."
    );
  });

  it("runs first-seen rules against a baseline", async () => {
    const baseline = write("base.json", {
      history: { apps: ["id:0H4000000000009AAA"], refreshLoginOrigins: [] }
    });
    const document = await runJson(["--baseline", baseline]);
    expect(document.rulesNotRun).toEqual([]);
    expect(document.findings).toContainEqual(
      expect.objectContaining({
        ruleId: "FIRST-SEEN-APP",
        appKey: "id:0H4000000000001CAA"
      })
    );
  });

  it.each([
    [
      ["--baseline", "missing.json"],
      "Reading the baseline missing.json failed"
    ],
    [["--rules", "missing.json"], "Reading the rules file missing.json failed"],
    [
      ["--allowlist", "missing.json"],
      "Reading the allowlist missing.json failed"
    ]
  ])("rejects %j", async (args, message) => {
    const { status, stderr } = await run(["analyze", ...args, logPath]);
    expect(status).toBe(EXIT_USAGE);
    expect(stderr).toContain(message);
  });

  it("rejects an invalid baseline", async () => {
    const baseline = write("base.json", "{}");
    const { status, stderr } = await run([
      "analyze",
      "--baseline",
      baseline,
      logPath
    ]);
    expect(status).toBe(EXIT_USAGE);
    expect(stderr).toContain('has neither "history" nor "apps"');
  });

  it("rejects a missing shipped rules file", async () => {
    let stderr = "";
    const status = await main(["analyze", logPath], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      rulesFile: join(folder, "none.json")
    });
    expect(status).toBe(EXIT_USAGE);
    expect(stderr).toContain("The shipped rules file");
  });
});

describe("analyze --evidence-pack", () => {
  it("writes JSON and CSV with each input's hash", async () => {
    const prefix = join(folder, "pack");
    const { status, stderr } = await run([
      "analyze",
      "--evidence-pack",
      prefix,
      logPath
    ]);
    expect(status).toBe(EXIT_OK);
    expect(stderr).toContain(`evidence pack written to ${prefix}.json`);
    const pack = JSON.parse(readFileSync(`${prefix}.json`, "utf8")) as {
      createdAt: string;
      inputs: { role: string; name: string; sha256: string; bytes: number }[];
      findings: unknown[];
      madeBy: { method: string };
    };
    expect(pack.createdAt).toBe("2026-01-01T00:00:00.000Z");
    expect(pack.findings).toHaveLength(3);
    expect(pack.inputs.map((input) => input.role)).toEqual([
      "activity",
      "rules"
    ]);
    expect(pack.inputs[0]).toMatchObject({
      name: logPath,
      sha256: createHash("sha256").update(API_LOG).digest("hex"),
      bytes: Buffer.byteLength(API_LOG)
    });
    expect(pack.madeBy.method).toBe(
      `oauth-guard analyze --evidence-pack ${prefix} ${logPath}`
    );
    expect(readFileSync(`${prefix}.csv`, "utf8")).toContain(
      "finding,IP-185.220.101.33:"
    );
  });

  it("reports a pack it cannot write", async () => {
    const { status, stderr } = await run([
      "analyze",
      "--evidence-pack",
      join(folder, "no/such/folder/pack"),
      logPath
    ]);
    expect(status).toBe(EXIT_INPUT_PROBLEMS);
    expect(stderr).toContain("Writing the evidence pack");
  });
});

describe("findings helpers", () => {
  it("names the pack files", () => {
    expect(evidencePackPaths("out/pack.JSON")).toEqual({
      json: "out/pack.json",
      csv: "out/pack.csv"
    });
    expect(evidencePackPaths("pack")).toEqual({
      json: "pack.json",
      csv: "pack.csv"
    });
  });

  it("reads allowlist entries with defaults", () => {
    expect(
      parseAllowlistFile(
        '[{"name":"A","kind":"IpRange","value":"10.0.0.0/8"}]',
        "a.json"
      )
    ).toEqual([
      {
        name: "A",
        kind: "IpRange",
        value: "10.0.0.0/8",
        reason: null,
        active: true
      }
    ]);
  });

  it.each([
    ["nope", "a.json is not valid JSON"],
    ["{}", "a.json must be a JSON list"],
    ['[{"name":"A"}]', "a.json, entry 1: give name, kind and value"]
  ])("rejects the allowlist %s", (text, message) => {
    expect(() => parseAllowlistFile(text, "a.json")).toThrow(FindingSetupError);
    expect(() => parseAllowlistFile(text, "a.json")).toThrow(message);
  });

  it("reads the project version beside the rules", () => {
    expect(toolVersion(RULES_FILE)).toMatch(/^\d+\.\d+\.\d+/);
    expect(toolVersion(join(tmpdir(), "x", "rules.json"))).toBe("unknown");
  });
});
