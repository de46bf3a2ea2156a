/**
 * Splits a stream of JSON text into the values it contains, without
 * holding more than one value at a time:
 *
 * - a document of one object, or several objects one after another;
 * - newline-delimited JSON (one value per line), detected when the first
 *   object ends on the line where it starts, and then read line by line
 *   so that one broken line costs only that line;
 * - a top-level array, whose elements are handed out one by one.
 *
 * The splitter finds where values start and end; it does not parse them.
 * Its consumer calls JSON.parse on each value's text.
 */

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Default maximum length of one value, in UTF-16 code units. */
export const DEFAULT_MAX_VALUE_LENGTH = 64 * 1024 * 1024;

export interface JsonValueSink {
  /** Receives the text of one value and the line on which it starts. */
  value(text: string, line: number): void;
  problem(line: number, message: string): void;
}

export interface JsonValueSplitterOptions {
  maxValueLength?: number;
}

type Mode = "sequence" | "lines" | "stopped";

function isWhitespace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/** Push-based splitter. Call pushText for each chunk, then finish. */
export class JsonValueSplitter {
  private readonly sink: JsonValueSink;
  private readonly maxValueLength: number;
  private mode: Mode = "sequence";
  private text = "";
  /** Next position to scan in text. */
  private scan = 0;
  /** Line number at position `scan`. */
  private line = 1;
  private depth = 0;
  private inString = false;
  /** True between the brackets of a top-level array. */
  private inTopLevelArray = false;
  private valueStart = -1;
  private valueLine = 0;
  private valuesSeen = 0;
  private started = false;
  /** True while dropping the rest of an over-long line in line mode. */
  private skippingLine = false;

  constructor(sink: JsonValueSink, options: JsonValueSplitterOptions = {}) {
    this.sink = sink;
    this.maxValueLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  }

  pushText(chunk: string): void {
    if (this.mode === "stopped" || chunk.length === 0) {
      return;
    }
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    this.text = this.text.length > 0 ? this.text + text : text;
    this.process(false);
  }

  finish(): void {
    if (this.mode === "stopped") {
      return;
    }
    this.process(true);
    if (this.mode === "sequence") {
      if (this.valueStart >= 0 || this.depth > 0 || this.inString) {
        this.sink.problem(
          this.valueStart >= 0 ? this.valueLine : this.line,
          "The JSON ends inside a value: a closing bracket or quote is missing."
        );
      }
    }
    this.mode = "stopped";
    this.text = "";
  }

  private process(final: boolean): void {
    if (this.mode === "sequence") {
      this.scanSequence();
    }
    if (this.mode === "lines") {
      this.splitLines(final);
    }
    this.compact();
  }

  /** Drops text that no pending value needs. */
  private compact(): void {
    if (this.mode === "stopped") {
      this.text = "";
      return;
    }
    const keepFrom = this.valueStart >= 0 ? this.valueStart : this.scan;
    if (keepFrom > 0) {
      this.text = this.text.slice(keepFrom);
      this.scan -= keepFrom;
      if (this.valueStart >= 0) {
        this.valueStart = 0;
      }
    }
    if (this.valueStart >= 0 && this.text.length > this.maxValueLength) {
      this.sink.problem(
        this.valueLine,
        `The JSON value is longer than ${this.maxValueLength} characters, so the rest of the file was not read.`
      );
      this.mode = "stopped";
      this.text = "";
    }
  }

  private emit(end: number): void {
    const text = this.text.slice(this.valueStart, end).trim();
    const line = this.valueLine;
    this.valueStart = -1;
    this.valuesSeen += 1;
    if (text.length > 0) {
      this.sink.value(text, line);
    }
  }

  /** Finds the closing quote of the string whose opening quote is before `from`. */
  private closingQuote(from: number): number {
    const text = this.text;
    let index = text.indexOf('"', from);
    while (index !== -1) {
      let backslashes = 0;
      while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) {
        backslashes += 1;
      }
      if (backslashes % 2 === 0) {
        return index;
      }
      index = text.indexOf('"', index + 1);
    }
    return -1;
  }

  private scanSequence(): void {
    const text = this.text;
    const length = text.length;
    let index = this.scan;
    while (index < length) {
      if (this.inString) {
        const close = this.closingQuote(index);
        if (close === -1) {
          index = length;
          break;
        }
        this.inString = false;
        index = close + 1;
        continue;
      }
      const code = text.charCodeAt(index);
      if (code === LF) {
        this.line += 1;
      }
      if (isWhitespace(code)) {
        index += 1;
        continue;
      }
      if (this.depth === 0) {
        if (code === OPEN_BRACE) {
          this.valueStart = index;
          this.valueLine = this.line;
          this.depth = 1;
        } else if (code === OPEN_BRACKET && this.valuesSeen === 0) {
          this.inTopLevelArray = true;
          this.depth = 1;
        } else {
          this.sink.problem(
            this.line,
            "This file is not JSON events: expected an object or an array."
          );
          this.mode = "stopped";
          return;
        }
        index += 1;
        continue;
      }
      if (this.inTopLevelArray && this.depth === 1) {
        if (code === COMMA || code === CLOSE_BRACKET) {
          if (this.valueStart >= 0) {
            this.emit(index);
          }
          if (code === CLOSE_BRACKET) {
            this.inTopLevelArray = false;
            this.depth = 0;
          }
          index += 1;
          continue;
        }
        if (this.valueStart < 0) {
          this.valueStart = index;
          this.valueLine = this.line;
        }
      }
      if (code === QUOTE) {
        this.inString = true;
        index += 1;
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.depth += 1;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.depth -= 1;
        if (this.depth === 0 && !this.inTopLevelArray) {
          const startLine = this.valueLine;
          this.emit(index + 1);
          if (this.valuesSeen === 1 && startLine === this.line) {
            // The first object fits on its line: newline-delimited JSON.
            this.scan = index + 1;
            this.mode = "lines";
            return;
          }
        }
      }
      index += 1;
    }
    this.scan = index;
  }

  /**
   * Reads newline-delimited JSON: every non-blank line is one value. The
   * line counter always holds the line of position `scan`.
   */
  private splitLines(final: boolean): void {
    const text = this.text;
    let start = this.scan;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) {
        break;
      }
      if (this.skippingLine) {
        this.skippingLine = false;
      } else {
        this.lineValue(text.slice(start, newline));
      }
      this.line += 1;
      start = newline + 1;
    }
    if (final && start < text.length && !this.skippingLine) {
      this.lineValue(text.slice(start));
      start = text.length;
    }
    if (text.length - start > this.maxValueLength) {
      this.sink.problem(
        this.line,
        `The line is longer than ${this.maxValueLength} characters, so it was skipped.`
      );
      this.skippingLine = true;
      start = text.length;
    }
    this.scan = start;
  }

  private lineValue(line: string): void {
    const trimmed = line.trim();
    if (trimmed.length > 0) {
      this.sink.value(trimmed, this.line);
    }
  }
}
