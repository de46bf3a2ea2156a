import { spawnSync } from "node:child_process";
import { join } from "node:path";

const REPO = join(__dirname, "../..");
const BIN = join(REPO, "bin/oauth-guard.mjs");
const DATA = join(
  REPO,
  "force-app/main/default/lwc/eventLogFile/__tests__/data"
);

function runBin(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 120_000
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr
  };
}

// The bin builds the bundle on first use, which can take a few seconds.
jest.setTimeout(120_000);

describe("oauth-guard bin", () => {
  it("exits 0 when every file was read", () => {
    const result = runBin([
      "analyze",
      "--json",
      join(DATA, "restapi-three-apps.csv")
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).totals.requests).toBe(8);
  });

  it("exits 1 when an input had problems", () => {
    const result = runBin(["analyze", join(DATA, "wrong-field-count.csv")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/wrong-field-count\.csv:3: /);
  });

  it("exits 2 for a usage error", () => {
    const result = runBin(["analyze"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Name at least one file or folder/);
  });
});
