/**
 * Reads one activity file of either kind, event log CSV or event JSON,
 * from a stream of bytes or text. The first non-blank character decides:
 * `{` or `[` starts JSON, anything else is read as an event log file.
 *
 * The file is decoded as UTF-8 chunk by chunk, so memory stays flat
 * whatever its size. Problems are reported with the file and line, and
 * reading goes on where the rest of the file can still be read.
 */
import type { ActivityRecord, ReadProblem } from "c/activityRecord";
import { EventJsonReader } from "c/eventJson";
import { EventLogFileReader } from "c/eventLogFile";

/**
 * Bytes, or text already decoded, as Blob.stream(), Node file streams or
 * tests give them.
 */
export type ActivityInput =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

export type ActivityFileFormat =
  | "event-log-file"
  | "event-json"
  | "event-log-file-list"
  | "empty"
  | "unreadable";

/** Problems kept per file. Later ones are only counted. */
export const MAX_PROBLEMS_PER_FILE = 100;

/**
 * Bytes decoded at a time. V8 allocates strings this small in its young
 * generation, which frees them quickly. A string decoded from a 1 MiB
 * chunk goes to the large-object space, which only full garbage
 * collections free. Measured with bench/worker.mjs on a 200 MB file
 * (Node 20): peak RSS about 140 MiB with 64 KiB pieces, 250 MiB without.
 */
const DECODE_BYTES = 64 * 1024;

/** Characters checked for NUL to tell binary files from text. */
const BINARY_CHECK_LENGTH = 4096;

export interface ActivityFileReport {
  file: string;
  format: ActivityFileFormat;
  /** Rows or events found, whether or not they could be dated. */
  events: number;
  /** Records handed to onRecord. */
  records: number;
  /** Rows or events left out for lack of a usable time. */
  undated: number;
  /** EventLogFile records found: metadata about log files, not events. */
  logFileRecords: number;
  /** Bytes read, or characters for a source of text chunks. */
  bytesRead: number;
  /** The first MAX_PROBLEMS_PER_FILE problems. */
  problems: ReadProblem[];
  problemCount: number;
  /** A remark on the file that is not a problem, or null. */
  note: string | null;
}

export interface ReadActivityFileOptions {
  /** Attach every source field to each record as `fields`. */
  keepFields?: boolean;
  /** Receives bytesRead so far (see ActivityFileReport), after each chunk. */
  onProgress?: (bytesRead: number) => void;
}

interface Readers {
  csv: EventLogFileReader | null;
  json: EventJsonReader | null;
}

async function* chunksOf(
  source: ActivityInput
): AsyncGenerator<Uint8Array | string> {
  if (
    typeof ReadableStream !== "undefined" &&
    source instanceof ReadableStream
  ) {
    // Browsers do not all make ReadableStream async-iterable yet.
    const reader = source.getReader();
    try {
      for (;;) {
        // eslint-disable-next-line no-await-in-loop -- a stream is read one chunk after another
        const { done, value } = await reader.read();
        if (done) {
          return;
        }
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array | string>;
}

function firstSignificantCharacter(text: string): string | null {
  const match = /[^\s\ufeff]/.exec(text);
  return match ? match[0] : null;
}

/**
 * Reads one file and hands each activity record to onRecord. Malformed
 * input and a failing source become problems in the report, with the
 * file and line. An exception thrown by onRecord propagates.
 */
export async function readActivityFile(
  file: string,
  source: ActivityInput,
  onRecord: (record: ActivityRecord) => void,
  options: ReadActivityFileOptions = {}
): Promise<ActivityFileReport> {
  const report: ActivityFileReport = {
    file,
    format: "empty",
    events: 0,
    records: 0,
    undated: 0,
    logFileRecords: 0,
    bytesRead: 0,
    problems: [],
    problemCount: 0,
    note: null
  };
  let consumerFailure: { error: unknown } | null = null;
  const handlers = {
    record: (record: ActivityRecord): void => {
      try {
        onRecord(record);
      } catch (error) {
        consumerFailure = { error };
        throw error;
      }
    },
    problem: (line: number, message: string): void => {
      report.problemCount += 1;
      if (report.problems.length < MAX_PROBLEMS_PER_FILE) {
        report.problems.push({ file, line, message });
      }
    }
  };
  const decoder = new TextDecoder("utf-8");
  const readers: Readers = { csv: null, json: null };
  let pending = "";

  /** Chooses the reader from the first text that is not blank. */
  const start = (text: string): void => {
    const first = firstSignificantCharacter(text);
    if (first === null) {
      pending = text;
      return;
    }
    if (text.slice(0, BINARY_CHECK_LENGTH).includes("\u0000")) {
      report.format = "unreadable";
      handlers.problem(
        1,
        "This file is binary, not an event log file or JSON. Extract compressed files before reading them."
      );
      return;
    }
    if (first === "{" || first === "[") {
      report.format = "event-json";
      readers.json = new EventJsonReader(handlers, options);
      readers.json.pushText(text);
    } else {
      report.format = "event-log-file";
      readers.csv = new EventLogFileReader(handlers, options);
      readers.csv.pushText(text);
    }
  };

  const push = (text: string): void => {
    const reader = readers.csv ?? readers.json;
    if (reader === null) {
      start(pending + text);
    } else {
      reader.pushText(text);
    }
  };

  try {
    for await (const chunk of chunksOf(source)) {
      if (report.format === "unreadable") {
        break;
      }
      if (typeof chunk === "string") {
        push(chunk);
        report.bytesRead += chunk.length;
      } else if (chunk.byteLength <= DECODE_BYTES) {
        push(decoder.decode(chunk, { stream: true }));
        report.bytesRead += chunk.byteLength;
      } else {
        for (
          let offset = 0;
          offset < chunk.byteLength;
          offset += DECODE_BYTES
        ) {
          const bytes = chunk.subarray(offset, offset + DECODE_BYTES);
          push(decoder.decode(bytes, { stream: true }));
        }
        report.bytesRead += chunk.byteLength;
      }
      options.onProgress?.(report.bytesRead);
    }
    const rest = decoder.decode();
    if (report.format === "empty") {
      start(pending + rest);
    }
    const reader = readers.csv ?? readers.json;
    if (reader !== null) {
      reader.pushText(rest);
      reader.finish();
    }
  } catch (error) {
    if (consumerFailure !== null) {
      throw (consumerFailure as { error: unknown }).error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    handlers.problem(0, `Reading the file failed: ${reason}`);
  }

  finishReport(report, readers, handlers.problem);
  return report;
}

function finishReport(
  report: ActivityFileReport,
  readers: Readers,
  problem: (line: number, message: string) => void
): void {
  const csvReader = readers.csv;
  const jsonReader = readers.json;
  if (csvReader !== null) {
    report.events = csvReader.counts.rows;
    report.records = csvReader.counts.records;
    report.undated = csvReader.counts.undatedRows;
  }
  if (jsonReader !== null) {
    const counts = jsonReader.counts;
    report.events = counts.events;
    report.records = counts.records;
    report.undated = counts.undatedEvents;
    report.logFileRecords = counts.logFileRecords;
    if (counts.logFileRecords > 0 && counts.events === 0) {
      report.format = "event-log-file-list";
      report.note =
        `This file lists ${counts.logFileRecords} EventLogFile records, ` +
        "which describe log files rather than events. Download each " +
        "record's LogFile and read the CSV instead.";
    }
  }
  if (report.format === "empty") {
    problem(1, "The file is empty.");
  }
}
