#!/usr/bin/env node
// The `oauth-guard` command. The command line is TypeScript (cli/ and the
// guard core), so this wrapper runs the bundle that
// scripts/build-cli.mjs makes, rebuilding it first when a source changed.
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureCliBuilt } from "../scripts/build-cli.mjs";

const entry = await ensureCliBuilt();
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  rulesFile: fileURLToPath(
    new URL("../rules/indicator-rules.json", import.meta.url)
  )
});
