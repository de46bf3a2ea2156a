#!/usr/bin/env node
// `npm run bench`: generates a synthetic REST API event log file and
// measures the guard core's reader and aggregation against the same work
// done with papaparse, csv-parse and uDSV. Each run is a separate process
// (bench/worker.mjs), so peak RSS is measured per parser. Throughput is
// the file size in MB (10^6 bytes) over wall time, median of --runs.
//
// Two measurements:
// - reader and aggregation: every parser feeds the guard core's column
//   mapper and aggregator, as `oauth-guard analyze` does (the goal);
// - parsing alone: every parser builds a string for every field.
//
// Options:
//   --size-mb N       size of the main file (default 200)
//   --runs N          runs per parser and measurement (default 3)
//   --parsers a,b     parsers to run (default ours,papaparse,csv-parse,udsv)
//   --memory-check    also run ours on a 1,000 MB file, to show that peak
//                     memory does not grow with file size (not run in CI)
//   --data-dir DIR    where generated files are kept between runs
//                     (default: <tmp>/oauth-guard-bench)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCliBuilt } from "../scripts/build-cli.mjs";
import { generateEventLog } from "./generate-event-log.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const ALL_PARSERS = ["ours", "papaparse", "csv-parse", "udsv"];
const PEER_PACKAGES = {
  papaparse: "papaparse",
  "csv-parse": "csv-parse",
  udsv: "udsv"
};
const GENERATOR_VERSION = 3;
const SEED = 1;
const SMALL_FILE_MB = 50;
const MEMORY_CHECK_MB = 1000;
const GOAL_RATIO = 1.5;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

const sizeMb = Number(option("size-mb", "200"));
const runs = Number(option("runs", "3"));
const parsers = option("parsers", ALL_PARSERS.join(",")).split(",");
const dataDir = option("data-dir", join(tmpdir(), "oauth-guard-bench"));
const memoryCheck = process.argv.includes("--memory-check");

for (const parser of parsers) {
  if (!ALL_PARSERS.includes(parser)) {
    console.error(
      `bench: unknown parser "${parser}"; use ${ALL_PARSERS.join(", ")}.`
    );
    process.exit(2);
  }
}
if (!(sizeMb > 0) || !(runs > 0)) {
  console.error("bench: --size-mb and --runs must be positive numbers.");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const missing = parsers.filter((parser) => {
  const name = PEER_PACKAGES[parser];
  if (name === undefined) {
    return false;
  }
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  console.error(
    `bench: ${missing.join(", ")} not installed. Run \`npm ci\` (they are devDependencies).`
  );
  process.exit(1);
}

const megabytes = (bytes) => bytes / 1_000_000;
const mebibytes = (bytes) => bytes / (1024 * 1024);

/** Returns the path of a generated file of this size, generating it once. */
function eventLogFile(sizeInMegabytes) {
  mkdirSync(dataDir, { recursive: true });
  const path = join(
    dataDir,
    `restapi-v${GENERATOR_VERSION}-seed${SEED}-${sizeInMegabytes}mb.csv`
  );
  if (!existsSync(path)) {
    const started = Date.now();
    const partial = `${path}.partial`;
    const { rows } = generateEventLog({
      sizeMb: sizeInMegabytes,
      seed: SEED,
      out: partial
    });
    renameSync(partial, path);
    console.log(
      `generated ${path}: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
  }
  return path;
}

function runWorker(core, parser, file, mode) {
  const result = spawnSync(
    process.execPath,
    [join(benchDir, "worker.mjs"), parser, file, core, mode],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }
  );
  if (result.status !== 0) {
    throw new Error(
      `bench: ${parser} failed with status ${result.status}:\n${result.stderr}`
    );
  }
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

function median(values) {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every parser `runs` times in the given mode, in turn so that a
 * burst of load on the machine hits all of them, checks that all agree,
 * and returns one summary row per parser.
 */
function measure(core, file, mode) {
  const fileBytes = statSync(file).size;
  const results = new Map(parsers.map((parser) => [parser, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const parser of parsers) {
      const result = runWorker(core, parser, file, mode);
      results.get(parser).push(result);
      console.log(
        `  ${mode} run ${round + 1} ${parser.padEnd(9)} ${result.seconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(2)} s CPU, peak RSS ${mebibytes(result.peakRssBytes).toFixed(0)} MiB`
      );
    }
  }
  const reference = JSON.stringify(results.get(parsers[0])[0].checks);
  for (const [parser, parserResults] of results) {
    for (const result of parserResults) {
      if (JSON.stringify(result.checks) !== reference) {
        console.error(
          `bench: ${parser} disagrees with ${parsers[0]}:\n  ${JSON.stringify(result.checks)}\n  ${reference}`
        );
        process.exit(1);
      }
    }
  }
  console.log(`  every parser produced the same figures: ${reference}`);
  return parsers.map((parser) => {
    const parserResults = results.get(parser);
    const seconds = median(parserResults.map((result) => result.seconds));
    return {
      parser,
      seconds,
      cpuSeconds: median(parserResults.map((result) => result.cpuSeconds)),
      throughput: megabytes(fileBytes) / seconds,
      peakRss: Math.max(...parserResults.map((result) => result.peakRssBytes))
    };
  });
}

function printSummary(title, summary) {
  const papaparse = summary.find((row) => row.parser === "papaparse");
  console.log(`\n${title}`);
  console.log(
    `${"parser".padEnd(10)} ${"wall s".padStart(7)} ${"MB/s".padStart(6)} ${"x papaparse".padStart(12)} ${"CPU s".padStart(6)} ${"x papaparse".padStart(12)} ${"peak RSS MiB".padStart(13)}`
  );
  for (const row of summary) {
    const ratio = papaparse
      ? (row.throughput / papaparse.throughput).toFixed(2)
      : "n/a";
    const cpuRatio = papaparse
      ? (papaparse.cpuSeconds / row.cpuSeconds).toFixed(2)
      : "n/a";
    console.log(
      `${row.parser.padEnd(10)} ${row.seconds.toFixed(2).padStart(7)} ${row.throughput.toFixed(1).padStart(6)} ${ratio.padStart(12)} ${row.cpuSeconds.toFixed(2).padStart(6)} ${cpuRatio.padStart(12)} ${mebibytes(row.peakRss).toFixed(0).padStart(13)}`
    );
  }
}

const core = (await ensureCliBuilt()).replace(
  /oauth-guard\.mjs$/,
  "activity-core.mjs"
);
const mainFile = eventLogFile(sizeMb);
console.log(
  `\nbench: ${parsers.join(", ")} on ${mainFile} (${megabytes(statSync(mainFile).size).toFixed(0)} MB), ${runs} run(s) each, Node ${process.version}\n`
);

const aggregated = measure(core, mainFile, "aggregate");
const parsedOnly = measure(core, mainFile, "parse");
printSummary("Reader and aggregation (the goal):", aggregated);
printSummary("Parsing alone, every field as a string:", parsedOnly);
console.log(
  "(medians; wall time is what a user waits, CPU time is less disturbed by other load on the machine)"
);

const ours = aggregated.find((row) => row.parser === "ours");
const papaparse = aggregated.find((row) => row.parser === "papaparse");
if (ours && papaparse) {
  const ratio = ours.throughput / papaparse.throughput;
  console.log(
    `\nGoal, at least ${GOAL_RATIO}x papaparse's throughput: ${ratio >= GOAL_RATIO ? "met" : "NOT met"} (${ratio.toFixed(2)}x).`
  );
}

if (ours) {
  const sizes = [
    SMALL_FILE_MB,
    sizeMb,
    ...(memoryCheck ? [MEMORY_CHECK_MB] : [])
  ];
  console.log(
    "\nPeak RSS of ours by file size (flat means memory does not grow with the file):"
  );
  for (const size of [...new Set(sizes)].sort(
    (first, second) => first - second
  )) {
    if (size === sizeMb) {
      console.log(
        `  ${String(size).padStart(5)} MB: peak RSS ${mebibytes(ours.peakRss).toFixed(0)} MiB, ${ours.throughput.toFixed(1)} MB/s (the runs above)`
      );
      continue;
    }
    const result = runWorker(core, "ours", eventLogFile(size), "aggregate");
    console.log(
      `  ${String(size).padStart(5)} MB: peak RSS ${mebibytes(result.peakRssBytes).toFixed(0)} MiB, ${(megabytes(result.bytes) / result.seconds).toFixed(1)} MB/s`
    );
  }
  if (!memoryCheck) {
    console.log(`  (add --memory-check for a ${MEMORY_CHECK_MB} MB file)`);
  }
}
