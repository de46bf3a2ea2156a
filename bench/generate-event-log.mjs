#!/usr/bin/env node
// Writes a synthetic REST API event log file shaped like the CSV in
// EventLogFile.LogFile: every value quoted, LF line ends, 15-character
// ids, user agents with commas and parentheses, some doubled quotes,
// empty values, unknown row counts (-1) and rows that name no app.
// Like a daily log file, it covers one UTC day whatever its size. Users,
// apps and addresses are drawn uniformly from fixed pools, which gives
// caches no help. The output is deterministic for a given size and seed.
//
// Usage: node bench/generate-event-log.mjs [--size-mb N] [--seed N] [--out FILE]
import { closeSync, openSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

const COLUMNS = [
  "EVENT_TYPE",
  "TIMESTAMP",
  "REQUEST_ID",
  "ORGANIZATION_ID",
  "USER_ID",
  "RUN_TIME",
  "CPU_TIME",
  "URI",
  "SESSION_KEY",
  "LOGIN_KEY",
  "USER_TYPE",
  "REQUEST_STATUS",
  "DB_TOTAL_TIME",
  "ENTITY_NAME",
  "DB_BLOCKS",
  "DB_CPU_TIME",
  "METHOD",
  "MEDIA_TYPE",
  "STATUS_CODE",
  "USER_AGENT",
  "ROWS_PROCESSED",
  "NUMBER_FIELDS",
  "REQUEST_SIZE",
  "RESPONSE_SIZE",
  "CONNECTED_APP_ID",
  "CLIENT_NAME",
  "API_FAMILY",
  "API_VERSION",
  "TIMESTAMP_DERIVED",
  "USER_ID_DERIVED",
  "CLIENT_IP",
  "URI_ID_DERIVED"
];

const USER_AGENTS = [
  "python-requests/2.32.4",
  "Python/3.11 aiohttp/3.12.15",
  "Salesforce-Multi-Org-Fetcher/1.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "SFDC-Callout/62.0",
  "Jakarta Commons-HttpClient/3.1",
  'integration-agent "nightly", build 7',
  "curl/8.5.0",
  "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"
];

const ENTITIES = ["Account", "Contact", "Opportunity", "Case", "User", "Lead"];
const CLIENT_NAMES = ["", "", "", "vendor/integration_app", "DataLoader"];
const METHODS = ["GET", "GET", "GET", "POST", "PATCH", "DELETE"];
const ID_CHARACTERS =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Small, fast, seedable PRNG (mulberry32). */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Returns the 18-character form of a 15-character Salesforce id. */
function eighteenCharacterId(id) {
  let suffix = "";
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const character = id[block * 5 + position];
      if (character >= "A" && character <= "Z") {
        bits |= 1 << position;
      }
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id + suffix;
}

function quote(value) {
  return `"${String(value).replaceAll('"', '""')}"`;
}

/**
 * Writes the file and returns its row count. Generation is streamed in
 * blocks, so memory stays small for any size.
 */
export function generateEventLog({ sizeMb, seed, out }) {
  const random = createRandom(seed);
  const pick = (values) => values[Math.floor(random() * values.length)];
  const idOf = (prefix, length) => {
    let id = prefix;
    while (id.length < length) {
      id += ID_CHARACTERS[Math.floor(random() * ID_CHARACTERS.length)];
    }
    return id;
  };
  const apps = Array.from({ length: 40 }, () => idOf("0H4", 15));
  const users = Array.from({ length: 500 }, () => idOf("005", 15));
  const derivedUserIds = new Map(
    users.map((user) => [user, eighteenCharacterId(user)])
  );
  const addresses = Array.from(
    { length: 300 },
    (_, index) => `198.51.${Math.floor(index / 250)}.${index % 250}`
  );
  const organizationId = idOf("00D", 15);
  const targetBytes = sizeMb * 1_000_000;
  // Rows average about 470 bytes, so this spreads the rows over one day.
  const averageStepMs = Math.max(1, (86_400_000 * 470) / targetBytes);
  const file = openSync(out, "w");
  let written = 0;
  let rows = 0;
  let time = Date.UTC(2025, 9, 1);
  try {
    const header = `${COLUMNS.map(quote).join(",")}\n`;
    writeSync(file, header);
    written += Buffer.byteLength(header);
    while (written < targetBytes) {
      const block = [];
      for (let index = 0; index < 2000; index += 1) {
        time += Math.floor(random() * 2 * averageStepMs);
        const stamp = new Date(time).toISOString();
        const compact = `${stamp.slice(0, 4)}${stamp.slice(5, 7)}${stamp.slice(8, 10)}${stamp.slice(11, 13)}${stamp.slice(14, 16)}${stamp.slice(17, 23)}`;
        const user = pick(users);
        const entity = pick(ENTITIES);
        const roll = random();
        const rowsProcessed =
          roll < 0.02
            ? "-1"
            : roll < 0.05
              ? ""
              : String(Math.floor(random() * 2000));
        const values = [
          "RestApi",
          compact,
          idOf("TID:", 22),
          organizationId,
          user,
          Math.floor(random() * 900),
          Math.floor(random() * 300),
          `/services/data/v62.0/query?q=SELECT+Id,Name+FROM+${entity}+LIMIT+${Math.floor(random() * 10000)}`,
          idOf("", 16),
          idOf("", 16),
          "Standard",
          "S",
          Math.floor(random() * 90_000_000),
          entity,
          Math.floor(random() * 20000),
          Math.floor(random() * 400),
          pick(METHODS),
          "application/json",
          "200",
          pick(USER_AGENTS),
          rowsProcessed,
          Math.floor(random() * 40),
          Math.floor(random() * 4000),
          Math.floor(random() * 900_000),
          random() < 0.2 ? "" : pick(apps),
          pick(CLIENT_NAMES),
          "REST",
          "62.0",
          stamp,
          derivedUserIds.get(user),
          pick(addresses),
          ""
        ];
        block.push(values.map(quote).join(","));
      }
      const text = `${block.join("\n")}\n`;
      writeSync(file, text);
      written += Buffer.byteLength(text);
      rows += block.length;
    }
  } finally {
    closeSync(file);
  }
  return { rows, bytes: written };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? fallback : process.argv[index + 1];
  };
  const sizeMb = Number(option("size-mb", "200"));
  const seed = Number(option("seed", "1"));
  const out = option("out", `restapi-${sizeMb}mb.csv`);
  const { rows, bytes } = generateEventLog({ sizeMb, seed, out });
  console.log(`${out}: ${rows} rows, ${bytes} bytes`);
}
