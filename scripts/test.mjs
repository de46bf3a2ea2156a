#!/usr/bin/env node
// `npm test`: every offline check in a fixed order, stopping at the first
// failure. Each step is also an npm script of its own.
import { spawnSync } from "node:child_process";

const STEPS = [
  ["type check", "typecheck"],
  ["lint", "lint"],
  ["format", "format:check"],
  ["shared vectors", "vectors:check"],
  ["rules file", "rules:check"],
  ["unit tests", "test:unit"],
  ["build and LWC compile", "check:lwc"],
  ["metadata", "check:metadata"],
  ["Apex", "check:apex"],
  ["policies", "check:policies"],
  ["CI workflow", "check:workflow"]
];

const started = Date.now();
const timings = [];
for (const [label, script] of STEPS) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${label} (npm run ${script})`);
  const result = spawnSync("npm", ["run", "--silent", script], {
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" }
  });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  timings.push(`${label} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✖ npm test stopped: ${label} failed (npm run ${script}).`);
    process.exit(result.status ?? 1);
  }
}
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n✔ every check passed in ${total}s: ${timings.join(", ")}`);
