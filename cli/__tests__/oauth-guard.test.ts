import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeFsError } from "../input-files";
import {
  EXIT_INPUT_PROBLEMS,
  EXIT_OK,
  EXIT_USAGE,
  main,
  parseTimeOption
} from "../oauth-guard";

const REPO = join(__dirname, "../..");
const CSV_DATA = join(
  REPO,
  "force-app/main/default/lwc/eventLogFile/__tests__/data"
);
const JSON_DATA = join(
  REPO,
  "force-app/main/default/lwc/eventJson/__tests__/data"
);
const REST_LOG = join(CSV_DATA, "restapi-three-apps.csv");
const ACME_ID = "0H4Ak000000AbCdKAK";

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(
  args: string[],
  options: { now?: () => number; isTTY?: boolean } = {}
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: {
      write: (text: string) => (stderr += text),
      isTTY: options.isTTY ?? false
    },
    now: options.now
  });
  return { status, stdout, stderr };
}

let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "oauth-guard-cli-"));
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe("oauth-guard usage", () => {
  it("prints help", async () => {
    const result = await run(["--help"]);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/^Usage: oauth-guard analyze/);
  });

  it("prints help for analyze", async () => {
    const result = await run(["analyze", "-h"]);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/--since <time>/);
  });

  it.each([
    [[], /missing command/],
    [["report"], /unknown command "report"/],
    [["analyze"], /Name at least one file or folder/],
    [["analyze", "--json", "--csv", "x"], /Choose one of --json and --csv/],
    [["analyze", "--since", "last week", "x"], /Invalid --since "last week"/],
    [["analyze", "--verbose", "x"], /Unknown option '--verbose'/],
    [
      ["analyze", "--since", "2025-10-02", "--until", "2025-10-01", "x"],
      /--until must be later than --since/
    ]
  ])("rejects %p", async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});

describe("oauth-guard analyze", () => {
  it("prints a per-app table", async () => {
    const result = await run(["analyze", REST_LOG]);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stderr).toBe("");
    const acmeLine = result.stdout
      .split("\n")
      .find((line) => line.startsWith(ACME_ID));
    expect(acmeLine?.split(/\s{2,}/)).toEqual([
      ACME_ID,
      "4",
      "350",
      "1",
      "84992",
      "2",
      "2",
      "2",
      "2025-10-01T09:00:00.000Z",
      "2025-10-02T00:00:00.000Z"
    ]);
    expect(result.stdout).toMatch(/client names: vendor\/integration_app/);
  });

  it("prints the same figures as JSON", async () => {
    const result = await run(["analyze", "--json", REST_LOG]);
    expect(result.status).toBe(EXIT_OK);
    const document = JSON.parse(result.stdout);
    expect(document.errors).toEqual([]);
    expect(document.apps[0]).toMatchObject({
      appKey: `id:${ACME_ID}`,
      requests: 4,
      rows: 350,
      requestsWithUnknownRows: 1,
      bytes: 84992,
      sourceIpCount: 2,
      userAgentCount: 2,
      firstSeen: "2025-10-01T09:00:00.000Z",
      lastSeen: "2025-10-02T00:00:00.000Z"
    });
    expect(document.totals.requests).toBe(8);
    expect(document.daily).toHaveLength(6);
    expect(document.files[0]).toMatchObject({
      format: "event-log-file",
      records: 8
    });
  });

  it("prints CSV", async () => {
    const result = await run(["analyze", "--csv", REST_LOG]);
    const lines = result.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^app_key,connected_app_id,/);
    expect(lines[1]).toBe(
      `id:${ACME_ID},${ACME_ID},,,4,350,1,84992,2,2,2,2025-10-01T09:00:00.000Z,2025-10-02T00:00:00.000Z`
    );
  });

  it("filters by --since and --until", async () => {
    const result = await run([
      "analyze",
      "--json",
      "--since",
      "2025-10-01T10:00:00Z",
      "--until",
      "2025-10-01",
      REST_LOG
    ]);
    const document = JSON.parse(result.stdout);
    expect(document.totals.requests).toBe(5);
    expect(document.recordsOutsideRange).toBe(3);
    expect(document.totals.firstSeen).toBe("2025-10-01T10:00:00.000Z");
    expect(document.totals.lastSeen).toBe("2025-10-01T23:59:59.999Z");
  });

  it("reads folders and reports every file's problems", async () => {
    const result = await run(["analyze", "--json", CSV_DATA, JSON_DATA]);
    expect(result.status).toBe(EXIT_INPUT_PROBLEMS);
    const document = JSON.parse(result.stdout) as {
      files: { file: string }[];
      errors: { file: string; line: number; message: string }[];
    };
    const files = document.files.map((file) =>
      file.file.slice(REPO.length + 1)
    );
    expect(files).toContain(
      "force-app/main/default/lwc/eventLogFile/__tests__/data/byte-order-mark.csv"
    );
    expect(files).toContain(
      "force-app/main/default/lwc/eventJson/__tests__/data/api-events.ndjson"
    );
    const problemFiles = new Set(
      document.errors.map((error) => error.file.split("/").pop())
    );
    expect([...problemFiles].sort()).toEqual([
      "broken-line.ndjson",
      "not-an-event-log.csv",
      "text-after-closing-quote.csv",
      "unterminated-quote.csv",
      "unusable-time.csv",
      "wrong-field-count.csv"
    ]);
    for (const error of document.errors) {
      expect(error.line).toBeGreaterThan(0);
      expect(error.message.length).toBeGreaterThan(10);
    }
  });

  it("prints problems after the summary on stderr", async () => {
    const broken = scratchFile(
      "broken.csv",
      '"EVENT_TYPE","TIMESTAMP_DERIVED"\n"API","2025-10-01T12:00:00Z"\n"API"\n'
    );
    const result = await run(["analyze", broken]);
    expect(result.status).toBe(EXIT_INPUT_PROBLEMS);
    expect(result.stdout).toMatch(/1 request\(s\)/);
    expect(result.stderr).toBe(
      `${broken}:3: The row has 1 fields but the header has 2, so it was skipped.\n`
    );
  });

  it("reports a missing path", async () => {
    const result = await run(["analyze", join(scratch, "nowhere.csv")]);
    expect(result.status).toBe(EXIT_INPUT_PROBLEMS);
    expect(result.stderr).toMatch(
      /nowhere\.csv:0: The file or folder was not found\./
    );
  });

  it("reports a folder without activity files", async () => {
    mkdirSync(join(scratch, "empty"));
    writeFileSync(join(scratch, "empty", "notes.txt"), "hello");
    const result = await run(["analyze", join(scratch, "empty")]);
    expect(result.status).toBe(EXIT_INPUT_PROBLEMS);
    expect(result.stderr).toMatch(/The folder has no \.csv, \.json/);
    expect(result.stdout).toMatch(/No activity found in 0 file/);
  });

  it("notes a list of log files without failing", async () => {
    const result = await run([
      "analyze",
      join(JSON_DATA, "event-log-file-list.json")
    ]);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/lists 2 EventLogFile records/);
  });

  it("counts the problems it does not list", async () => {
    const lines = ['"EVENT_TYPE","TIMESTAMP_DERIVED"'];
    for (let index = 0; index < 105; index += 1) {
      lines.push('"API","bad"');
    }
    const path = scratchFile("many.csv", lines.join("\n"));
    const result = await run(["analyze", path]);
    expect(result.stderr).toMatch(/5 more problem\(s\) not shown\.\n$/);
  });
});

describe("control characters in values", () => {
  const header =
    '"EVENT_TYPE","TIMESTAMP_DERIVED","CONNECTED_APP_NAME","CLIENT_NAME","USER_AGENT"\n';
  const row =
    '"API","2025-10-01T12:00:00Z","Evil\u001b[2J App","=cmd|x\u0007","ua\u009b31m"\n';

  it("never reach the terminal raw in text output", async () => {
    const path = scratchFile("evil.csv", header + row);
    const result = await run(["analyze", path]);
    expect(result.stdout).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
    );
    expect(result.stdout).toMatch(/Evil\\u001b\[2J App/);
    expect(result.stdout).toMatch(/=cmd\|x\\u0007/);
  });

  it("never reach the terminal raw in JSON output", async () => {
    const path = scratchFile("evil.csv", header + row);
    const result = await run(["analyze", "--json", path]);
    expect(result.stdout).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/
    );
    const document = JSON.parse(result.stdout);
    expect(document.apps[0].connectedAppNames).toEqual(["Evil\u001b[2J App"]);
  });

  it("are neutralised in CSV output", async () => {
    const path = scratchFile("evil.csv", header + row);
    const result = await run(["analyze", "--csv", path]);
    expect(result.stdout).toMatch(/,'=cmd\|x\\u0007,/);
    expect(result.stdout).not.toMatch(
      /[\u0000-\u0009\u000b\u000c\u000e-\u001f]/
    );
  });

  it("are escaped in file names and messages", async () => {
    const path = scratchFile(
      "bad\u001bname.csv",
      '"EVENT_TYPE","TIMESTAMP_DERIVED"\n"API","\u001b[31m"\n'
    );
    const result = await run(["analyze", path]);
    expect(result.stderr).not.toMatch(/\u001b/);
    expect(result.stderr).toMatch(
      /bad\\u001bname\.csv:2: TIMESTAMP_DERIVED "\\u001b\[31m"/
    );
  });
});

describe("progress", () => {
  it("stays quiet for a short run", async () => {
    const result = await run(["analyze", REST_LOG]);
    expect(result.stderr).toBe("");
  });

  it("reports on stderr once a run takes a few seconds", async () => {
    let clock = 0;
    const now = (): number => {
      clock += 5000;
      return clock;
    };
    const result = await run(["analyze", REST_LOG], { now });
    expect(result.stderr).toMatch(
      /^oauth-guard: read 0 of 0 MB \(100%\), file 1 of 1\n/
    );
  });

  it("rewrites one line on a terminal", async () => {
    let clock = 0;
    const now = (): number => {
      clock += 5000;
      return clock;
    };
    const result = await run(["analyze", REST_LOG], { now, isTTY: true });
    expect(result.stderr).toMatch(/^\roauth-guard: read .*\n$/);
  });
});

describe("parseTimeOption", () => {
  it("reads a date as UTC midnight", () => {
    expect(parseTimeOption("since", "2025-10-01", false)).toBe(
      Date.parse("2025-10-01T00:00:00Z")
    );
  });

  it("reads an until date as the end of that day", () => {
    expect(parseTimeOption("until", "2025-10-01", true)).toBe(
      Date.parse("2025-10-02T00:00:00Z")
    );
  });

  it("reads a time with an offset", () => {
    expect(parseTimeOption("since", "2025-10-01T12:00:00+02:00", false)).toBe(
      Date.parse("2025-10-01T10:00:00Z")
    );
  });
});

describe("input files", () => {
  it("searches folders recursively in path order", async () => {
    const nested = join(scratch, "b", "nested");
    mkdirSync(nested, { recursive: true });
    const header = '"EVENT_TYPE","TIMESTAMP_DERIVED"\n';
    writeFileSync(
      join(nested, "late.CSV"),
      `${header}"API","2025-10-01T12:00:00Z"\n`
    );
    writeFileSync(
      join(scratch, "a.json"),
      '{"EventDate": "2025-10-01T11:00:00Z"}'
    );
    writeFileSync(join(scratch, "b", "skip.txt"), "not read");
    const result = await run(["analyze", "--json", scratch]);
    const document = JSON.parse(result.stdout) as { files: { file: string }[] };
    expect(document.files.map((file) => file.file)).toEqual([
      join(scratch, "a.json"),
      join(nested, "late.CSV")
    ]);
  });

  it("describes file system errors in plain words", () => {
    expect(describeFsError({ code: "EACCES" })).toBe(
      "Permission to read it was denied."
    );
    expect(describeFsError(new Error("EIO: i/o error"))).toBe("EIO: i/o error");
    expect(describeFsError("odd")).toBe("odd");
  });
});
