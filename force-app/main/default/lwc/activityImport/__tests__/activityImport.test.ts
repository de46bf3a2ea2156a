import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  TextDecoder as NodeTextDecoder,
  TextEncoder as NodeTextEncoder
} from "node:util";
import {
  MAX_PROBLEMS_PER_FILE,
  readActivityFile,
  type ActivityInput
} from "c/activityImport";
import type { ActivityRecord } from "c/activityRecord";

// Browsers and Node have these, but Jest's jsdom environment does not.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder,
  TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder,
  ReadableStream: globalThis.ReadableStream ?? NodeReadableStream
});

const LWC = join(__dirname, "../..");
const CSV_DATA = join(LWC, "eventLogFile/__tests__/data");
const JSON_DATA = join(LWC, "eventJson/__tests__/data");

function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Splits bytes into chunks of `size` bytes. */
function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
  }
}

async function read(
  source: ActivityInput,
  file = "input"
): Promise<{
  records: ActivityRecord[];
  report: Awaited<ReturnType<typeof readActivityFile>>;
}> {
  const records: ActivityRecord[] = [];
  const report = await readActivityFile(file, source, (record) =>
    records.push(record)
  );
  return { records, report };
}

describe("readActivityFile", () => {
  it("reads an event log file from bytes", async () => {
    const bytes = bytesOf(join(CSV_DATA, "restapi-three-apps.csv"));
    const { records, report } = await read(chunks(bytes, 100), "rest.csv");
    expect(records).toHaveLength(8);
    expect(report).toEqual({
      file: "rest.csv",
      format: "event-log-file",
      events: 8,
      records: 8,
      undated: 0,
      logFileRecords: 0,
      bytesRead: bytes.length,
      problems: [],
      problemCount: 0,
      note: null
    });
  });

  it("strips a byte-order mark split across chunks", async () => {
    const bytes = bytesOf(join(CSV_DATA, "byte-order-mark.csv"));
    const { records, report } = await read(chunks(bytes, 1));
    expect(report.problems).toEqual([]);
    expect(records).toHaveLength(2);
  });

  it("decodes characters split across chunks", async () => {
    const text =
      '"EVENT_TYPE","TIMESTAMP_DERIVED","USER_NAME"\n' +
      '"API","2025-10-01T12:00:00.000Z","zoë@例え.jp"\n';
    const bytes = new TextEncoder().encode(text);
    const { records } = await read(chunks(bytes, 1));
    expect(records[0]?.username).toBe("zoë@例え.jp");
  });

  it("reads chunks larger than its decode size", async () => {
    const row = '"API","2025-10-01T12:00:00.000Z","198.51.100.7"\n';
    const text = `"EVENT_TYPE","TIMESTAMP_DERIVED","CLIENT_IP"\n${row.repeat(5000)}`;
    const { records, report } = await read([new TextEncoder().encode(text)]);
    expect(report.problems).toEqual([]);
    expect(records).toHaveLength(5000);
  });

  it("reads JSON events", async () => {
    const bytes = bytesOf(join(JSON_DATA, "api-events-array.json"));
    const { records, report } = await read(chunks(bytes, 64));
    expect(report.format).toBe("event-json");
    expect(report.events).toBe(3);
    expect(records).toHaveLength(3);
  });

  it("reads text chunks", async () => {
    const { records, report } = await read([
      "  \n",
      '{"EventDate": "2025-10-01T12:00:00Z"}'
    ]);
    expect(report.format).toBe("event-json");
    expect(report.bytesRead).toBe(40);
    expect(records).toHaveLength(1);
  });

  it("reads a web ReadableStream", async () => {
    const bytes = bytesOf(join(CSV_DATA, "crlf-line-ends.csv"));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks(bytes, 200)) {
          controller.enqueue(chunk);
        }
        controller.close();
      }
    });
    const { records } = await read(stream);
    expect(records).toHaveLength(3);
  });

  it("describes a list of EventLogFile records", async () => {
    const bytes = bytesOf(join(JSON_DATA, "event-log-file-list.json"));
    const { report } = await read([bytes]);
    expect(report.format).toBe("event-log-file-list");
    expect(report.logFileRecords).toBe(2);
    expect(report.problemCount).toBe(0);
    expect(report.note).toMatch(/lists 2 EventLogFile records/);
  });

  it("reports an empty file", async () => {
    const { report } = await read(["", "  \n"]);
    expect(report.format).toBe("empty");
    expect(report.problems).toEqual([
      { file: "input", line: 1, message: "The file is empty." }
    ]);
  });

  it("reports a binary file", async () => {
    const gzipHeader = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x41, 0x42]);
    const { report } = await read([gzipHeader, gzipHeader]);
    expect(report.format).toBe("unreadable");
    expect(report.problems[0]?.message).toMatch(/binary/);
  });

  it("reports a read failure and keeps what it read", async () => {
    async function* failing(): AsyncGenerator<string> {
      yield '"EVENT_TYPE","TIMESTAMP_DERIVED"\n"API","2025-10-01T12:00:00Z"\n';
      await Promise.resolve();
      throw new Error("EIO: i/o error, read");
    }
    const { records, report } = await read(failing(), "broken.csv");
    expect(records).toHaveLength(1);
    expect(report.problems).toEqual([
      {
        file: "broken.csv",
        line: 0,
        message: "Reading the file failed: EIO: i/o error, read"
      }
    ]);
  });

  it("passes on an exception from onRecord", async () => {
    const text =
      '"EVENT_TYPE","TIMESTAMP_DERIVED"\n"API","2025-10-01T12:00:00Z"\n';
    await expect(
      readActivityFile("input", [text], () => {
        throw new RangeError("consumer failed");
      })
    ).rejects.toThrow("consumer failed");
  });

  it("keeps the first problems and counts the rest", async () => {
    const lines = ['"EVENT_TYPE","TIMESTAMP_DERIVED"'];
    for (let index = 0; index < MAX_PROBLEMS_PER_FILE + 20; index += 1) {
      lines.push('"API",""');
    }
    const { report } = await read([lines.join("\n")]);
    expect(report.problems).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(report.problemCount).toBe(MAX_PROBLEMS_PER_FILE + 20);
    expect(report.undated).toBe(MAX_PROBLEMS_PER_FILE + 20);
  });

  it("reports progress after each chunk", async () => {
    const seen: number[] = [];
    await readActivityFile(
      "input",
      [new Uint8Array([0x7b]), new Uint8Array([0x7d])],
      () => undefined,
      { onProgress: (bytes) => seen.push(bytes) }
    );
    expect(seen).toEqual([1, 2]);
  });
});
