#!/usr/bin/env node
// One benchmark run, in its own process so that peak memory is measured
// per parser. It reads an event log file with the named parser, maps
// every row to an activity record with the guard core's column mapper,
// and aggregates the records per app, user and day as `oauth-guard
// analyze` does. It prints one JSON line with the time, peak RSS and the
// totals, which the runner compares across parsers.
//
// In the "parse" mode it only parses: each peer counts rows and the
// characters of every field, and ours reads every field as a string too,
// so that all of them build the same strings.
//
// Usage: node bench/worker.mjs <ours|papaparse|csv-parse|udsv> <file> <core bundle> [aggregate|parse]
import { createReadStream, statSync } from "node:fs";
import { pathToFileURL } from "node:url";

// Every parser reads the same way as the command line: 64 KiB at a time,
// decoded by Node (papaparse and csv-parse through the same streams).
const READ_CHUNK_BYTES = 64 * 1024;
const textStreamOptions = { highWaterMark: READ_CHUNK_BYTES, encoding: "utf8" };
const [parserName, file, coreBundle, mode = "aggregate"] =
  process.argv.slice(2);
const core = await import(pathToFileURL(coreBundle).href);

/** Field source over a parser's array of strings. */
class ArrayFields {
  values = [];

  field(index) {
    return this.values[index] ?? "";
  }
}

/** Creates the row consumer every peer shares: header first, then rows. */
function createRowConsumer() {
  return mode === "parse"
    ? createCountingConsumer()
    : createAggregatingConsumer();
}

function createAggregatingConsumer() {
  const aggregator = new core.ActivityAggregator();
  const fields = new ArrayFields();
  let mapper = null;
  let undated = 0;
  return {
    row(values) {
      if (mapper === null) {
        mapper = new core.EventLogRowMapper(values.map((name) => name.trim()));
        return;
      }
      fields.values = values;
      const record = mapper.map(fields);
      if (record === null) {
        undated += 1;
      } else {
        aggregator.add(record);
      }
    },
    checks() {
      return aggregateChecks(aggregator, undated);
    }
  };
}

function createCountingConsumer() {
  let rows = 0;
  let characters = 0;
  return {
    row(values) {
      rows += 1;
      for (const value of values) {
        characters += value.length;
      }
    },
    checks() {
      return { rows, characters };
    }
  };
}

function aggregateChecks(aggregator, undated) {
  const summaries = aggregator.summaries();
  const totals = aggregator.totals;
  return {
    requests: totals.requests,
    rows: totals.rows,
    requestsWithUnknownRows: totals.requestsWithUnknownRows,
    bytes: totals.bytes,
    apps: summaries.length,
    users: summaries.reduce((sum, app) => sum + app.users.length, 0),
    userAgents: summaries.reduce((sum, app) => sum + app.userAgentCount, 0),
    undated
  };
}

/** Parses with the guard core's CSV parser alone, reading every field. */
async function runOursParseOnly() {
  const consumer = createCountingConsumer();
  const values = [];
  const parser = new core.CsvParser({
    header(columns) {
      consumer.row(columns);
      return true;
    },
    row(row) {
      values.length = row.fieldCount;
      for (let index = 0; index < row.fieldCount; index += 1) {
        values[index] = row.field(index);
      }
      consumer.row(values);
    },
    problem(problem) {
      throw new Error(`line ${problem.line}: ${problem.message}`);
    }
  });
  for await (const text of createReadStream(file, textStreamOptions)) {
    parser.pushText(text);
  }
  parser.finish();
  return consumer;
}

async function runOurs() {
  if (mode === "parse") {
    return runOursParseOnly();
  }
  const aggregator = new core.ActivityAggregator();
  const report = await core.readActivityFile(
    file,
    createReadStream(file, textStreamOptions),
    (record) => aggregator.add(record)
  );
  return { checks: () => aggregateChecks(aggregator, report.undated) };
}

async function runPapaparse() {
  const { default: Papa } = await import("papaparse");
  const consumer = createRowConsumer();
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file, textStreamOptions), {
      chunk(results) {
        for (const row of results.data) {
          if (row.length > 1 || row[0] !== "") {
            consumer.row(row);
          }
        }
      },
      complete: resolve,
      error: reject
    });
  });
  return consumer;
}

async function runCsvParse() {
  const { parse } = await import("csv-parse");
  const consumer = createRowConsumer();
  const parser = createReadStream(file, textStreamOptions).pipe(
    parse({ bom: true })
  );
  await new Promise((resolve, reject) => {
    parser.on("readable", () => {
      let row;
      while ((row = parser.read()) !== null) {
        consumer.row(row);
      }
    });
    parser.on("end", resolve);
    parser.on("error", reject);
  });
  return consumer;
}

async function runUdsv() {
  const { inferSchema, initParser } = await import("udsv");
  const consumer = createRowConsumer();
  let parser = null;
  const onRow = (row) => {
    consumer.row(row);
  };
  for await (const text of createReadStream(file, textStreamOptions)) {
    if (parser === null) {
      const schema = inferSchema(text);
      // uDSV skips the header itself, so hand its names to the consumer.
      consumer.row(schema.cols.map((column) => column.name));
      parser = initParser(schema);
    }
    parser.chunk(text, parser.stringArrs, onRow);
  }
  parser?.end();
  return consumer;
}

const RUNNERS = {
  ours: runOurs,
  papaparse: runPapaparse,
  "csv-parse": runCsvParse,
  udsv: runUdsv
};

const run = RUNNERS[parserName];
if (run === undefined) {
  console.error(
    `Unknown parser "${parserName}": use one of ${Object.keys(RUNNERS).join(", ")}.`
  );
  process.exit(2);
}
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const consumer = await run();
const checks = consumer.checks();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStarted);
console.log(
  JSON.stringify({
    parser: parserName,
    mode,
    bytes: statSync(file).size,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    checks
  })
);
