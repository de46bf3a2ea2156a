// The findings engine and `oauth-guard analyze` over real event data
// published by others, kept in ../shared/samples next to this
// repository, with the shipped rules from rules/indicator-rules.json.
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyHistory, type ActivityHistory } from "c/activityHistory";
import { readActivityFile } from "c/activityImport";
import type { ActivityRecord } from "c/activityRecord";
import { findFindings, type FindingReport } from "c/findingEngine";
import { parseRulesFile, readFindingRules } from "c/findingRules";
import { main } from "../oauth-guard";

const REPO = join(__dirname, "../..");
const SAMPLES = join(REPO, "../shared/samples");
const RULES_FILE = join(REPO, "rules/indicator-rules.json");
const API_DOWNLOAD = join(
  SAMPLES,
  "appomni-event-examples/salesforce_rtem_apieventstream/activity_audit_download_resource_apieventstream.json"
);
const LOGIN_SAMPLE = join(SAMPLES, "newrelic/login_sample.csv");

if (!existsSync(SAMPLES)) {
  throw new Error(
    `The samples folder ${SAMPLES} is missing: this suite needs ../shared/samples next to the repository.`
  );
}

const { rules } = readFindingRules(
  parseRulesFile(readFileSync(RULES_FILE, "utf8"), RULES_FILE)
);

async function readRecords(path: string): Promise<ActivityRecord[]> {
  const records: ActivityRecord[] = [];
  await readActivityFile(
    path,
    createReadStream(path),
    (record) => records.push(record),
    { keepFields: true }
  );
  return records;
}

async function findingsOf(
  path: string,
  baseline: ActivityHistory | null = null
): Promise<FindingReport> {
  return findFindings(await readRecords(path), { rules, baseline });
}

describe("ApiEvent download sample", () => {
  it("raises export volume on the unattributed row", async () => {
    const report = await findingsOf(API_DOWNLOAD);
    const volume = report.findings.find(
      (finding) => finding.ruleId === "EXPORT-VOLUME-APP"
    );
    expect(volume).toMatchObject({
      appKey: "unattributed",
      day: "2023-03-21",
      rows: 1000364,
      count: 1,
      severity: "Medium"
    });
    expect(volume?.events[0]?.userAgent).toBe("python-requests/2.28.2");
  });

  it("raises export volume for its user too", async () => {
    // The one event names its user, so the per-app finding does as well.
    const report = await findingsOf(API_DOWNLOAD);
    expect(
      report.findings
        .filter((finding) => finding.kind === "ExportVolume")
        .map((finding) => [finding.ruleId, finding.user])
    ).toEqual([
      ["EXPORT-VOLUME-APP", "000000000000123AbC"],
      ["EXPORT-VOLUME-USER", "000000000000123AbC"]
    ]);
  });

  it("matches no published user agent", async () => {
    const report = await findingsOf(API_DOWNLOAD);
    expect(
      report.findings.filter((finding) => finding.kind === "UserAgent")
    ).toEqual([]);
  });
});

describe("New Relic login sample", () => {
  it("raises nothing above low without a baseline", async () => {
    const report = await findingsOf(LOGIN_SAMPLE);
    expect(
      report.findings.filter((finding) => finding.severity !== "Low")
    ).toEqual([]);
    expect(report.rulesNotRun.map((rule) => rule.ruleId)).toEqual([
      "FIRST-SEEN-APP",
      "REFRESH-NEW-COUNTRY",
      "REFRESH-NEW-IP"
    ]);
  });

  it("records the Gearset refresh logins in its history", async () => {
    const report = await findingsOf(LOGIN_SAMPLE);
    // The address fields hold the placeholder w.x.y.z, so only the
    // country is kept.
    expect(report.history.refreshLoginOrigins).toEqual([
      {
        scope: "App",
        key: "client:Gearset/1.0",
        field: "COUNTRY",
        values: ["US"]
      },
      { scope: "User", key: "USER_ID", field: "COUNTRY", values: ["US"] }
    ]);
  });

  it("raises nothing above low against its own history", async () => {
    const first = await findingsOf(LOGIN_SAMPLE);
    const report = await findingsOf(LOGIN_SAMPLE, first.history);
    expect(
      report.findings.filter((finding) => finding.severity !== "Low")
    ).toEqual([]);
    expect(report.rulesNotRun).toEqual([]);
  });

  it("raises nothing above low against an empty baseline", async () => {
    const report = await findingsOf(LOGIN_SAMPLE, emptyHistory());
    expect(
      report.findings.filter((finding) => finding.severity !== "Low")
    ).toEqual([]);
  });
});

describe("oauth-guard analyze findings over every sample", () => {
  interface Run {
    status: number;
    stdout: string;
    stderr: string;
  }

  async function run(
    args: string[],
    now = Date.parse("2026-01-01T00:00:00.000Z")
  ): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const status = await main(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      rulesFile: RULES_FILE,
      now: () => now
    });
    return { status, stdout, stderr };
  }

  it("lists the findings under a findings key", async () => {
    const { status, stdout } = await run(["analyze", "--json", SAMPLES]);
    const document = JSON.parse(stdout) as {
      findings: { ruleId: string; appKey: string | null; rows: number }[];
      rulesNotRun: { ruleId: string }[];
      findingNotes: string[];
    };
    expect(status).toBe(0);
    expect(document.findings).toContainEqual(
      expect.objectContaining({
        ruleId: "EXPORT-VOLUME-APP",
        appKey: "unattributed",
        rows: 1000364
      })
    );
    expect(document.findingNotes[0]).toBe(
      "No baseline was given, so the first-seen rules (FirstSeenApp and " +
        "NewRefreshLoginOrigin) did not run."
    );
  });

  it("prints the findings after the summary", async () => {
    const { stdout } = await run(["analyze", SAMPLES]);
    expect(stdout).toContain("Findings: ");
    expect(stdout).toMatch(/MEDIUM EXPORT-VOLUME-APP: /);
  });

  it("finds nothing new against its own output", async () => {
    const folder = mkdtempSync(join(tmpdir(), "oauth-guard-baseline-"));
    try {
      const first = await run(["analyze", "--json", SAMPLES]);
      const baseline = join(folder, "baseline.json");
      writeFileSync(baseline, first.stdout);
      const { stdout } = await run([
        "analyze",
        "--json",
        "--baseline",
        baseline,
        SAMPLES
      ]);
      const document = JSON.parse(stdout) as {
        findings: { kind: string }[];
        rulesNotRun: unknown[];
      };
      expect(document.rulesNotRun).toEqual([]);
      expect(
        document.findings.filter(
          (finding) =>
            finding.kind === "FirstSeenApp" ||
            finding.kind === "NewRefreshLoginOrigin"
        )
      ).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("writes the same evidence pack twice but for its date", async () => {
    const folder = mkdtempSync(join(tmpdir(), "oauth-guard-pack-"));
    try {
      const pack = join(folder, "pack");
      const read = (path: string): Record<string, unknown> =>
        JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      const args = ["analyze", "--evidence-pack", pack, SAMPLES];
      const written = await run(args, Date.parse("2026-01-01T00:00:00Z"));
      const one = read(`${pack}.json`);
      await run(args, Date.parse("2026-02-01T00:00:00Z"));
      const two = read(`${pack}.json`);
      expect(written.stderr).toContain(`evidence pack written to ${pack}.json`);
      expect(one.createdAt).toBe("2026-01-01T00:00:00.000Z");
      expect(two.createdAt).toBe("2026-02-01T00:00:00.000Z");
      expect({ ...two, createdAt: one.createdAt }).toEqual(one);
      expect(readFileSync(`${pack}.csv`, "utf8")).toContain(
        "EXPORT-VOLUME-APP"
      );
      const inputs = one.inputs as { role: string; sha256: string }[];
      expect(inputs.filter((input) => input.role === "activity")).toHaveLength(
        18
      );
      expect(inputs.every((input) => /^[0-9a-f]{64}$/.test(input.sha256))).toBe(
        true
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
