#!/usr/bin/env node
// `npm run deploy -- --target-org ALIAS [more sf flags]`: builds the
// deployable tree, then deploys it with the Salesforce CLI from build/.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const extraArgs = process.argv.slice(2);
if (!extraArgs.some((arg) => arg === "--target-org" || arg === "-o")) {
  console.error(
    "Missing --target-org. Usage: npm run deploy -- --target-org ALIAS"
  );
  process.exit(2);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: "inherit",
    env: {
      ...process.env,
      SF_DISABLE_AUTOUPDATE: "true",
      SF_DISABLE_TELEMETRY: "true"
    }
  });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

const projectRoot = process.cwd();
run(process.execPath, [join(projectRoot, "scripts/build.mjs")], projectRoot);
run(
  join(projectRoot, "node_modules/.bin/sf"),
  ["project", "deploy", "start", "--source-dir", "force-app", ...extraArgs],
  join(projectRoot, "build")
);
