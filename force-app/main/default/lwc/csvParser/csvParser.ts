/**
 * Streaming CSV parser for event log files and other RFC 4180 text.
 *
 * Text arrives in chunks of any size through pushText, and the parser
 * keeps only the record that is still incomplete, so memory stays flat
 * however long the file is. It accepts CRLF, LF and CR-only line ends,
 * doubled quotes inside quoted values, commas and line breaks inside
 * quoted values, empty quoted values, a byte-order mark and a missing
 * newline after the last record. Blank lines are skipped.
 *
 * For speed the scan jumps between quotes, commas and line breaks with
 * indexOf, and a row exposes its fields as offsets into the chunk: a
 * field becomes a string only when the consumer reads it.
 *
 * Malformed input (an unterminated quote, text after a closing quote, a
 * record with the wrong number of fields) is reported with its line, and
 * reading resumes on the line after the one where the record started.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Default maximum length of one record, in UTF-16 code units. */
export const DEFAULT_MAX_RECORD_LENGTH = 4 * 1024 * 1024;

/** Maximum length of the header record, in UTF-16 code units. */
export const MAX_HEADER_LENGTH = 64 * 1024;

/** A problem in the input, with the 1-based line where its record starts. */
export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * One parsed record. The parser reuses the object for every record, so
 * read what you need inside CsvSink.row and keep no reference.
 */
export interface CsvRow {
  readonly fieldCount: number;
  /** 1-based line on which the record starts. */
  readonly line: number;
  /** Returns the field's value with doubled quotes undone. */
  field(index: number): string;
}

/** Receives what the parser reads, in order. */
export interface CsvSink {
  /**
   * Receives the first record's fields. Returns false to stop reading,
   * for example when the header shows that the file is of another kind.
   */
  header(columns: readonly string[], line: number): boolean;
  /** Receives every later record that has as many fields as the header. */
  row(row: CsvRow): void;
  problem(problem: CsvProblem): void;
}

export interface CsvParserOptions {
  /**
   * Maximum record length in UTF-16 code units. A longer record is
   * reported as probably unterminated and skipped, which bounds memory.
   */
  maxRecordLength?: number;
}

/** How a field was written, which decides how its value is read. */
const PLAIN = 0;
const QUOTED = 1;
const QUOTED_WITH_DOUBLED_QUOTES = 2;

/** Result of scanning one record. */
const RECORD_COMPLETE = 0;
const RECORD_INCOMPLETE = 1;
const RECORD_MALFORMED = 2;

class ParsedRow implements CsvRow {
  text = "";
  fieldCount = 0;
  recordStart = 0;
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  kinds: Uint8Array = new Uint8Array(64);
  private readonly parser: CsvParser;

  constructor(parser: CsvParser) {
    this.parser = parser;
  }

  get line(): number {
    return this.parser.lineAt(this.recordStart);
  }

  field(index: number): string {
    if (index < 0 || index >= this.fieldCount) {
      return "";
    }
    const value = this.text.slice(
      this.starts[index] ?? 0,
      this.ends[index] ?? 0
    );
    return this.kinds[index] === QUOTED_WITH_DOUBLED_QUOTES
      ? value.replaceAll('""', '"')
      : value;
  }

  grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const kinds = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

/** Push-based CSV parser. Call pushText for each chunk, then finish. */
export class CsvParser {
  private readonly sink: CsvSink;
  private readonly maxRecordLength: number;
  private readonly row: ParsedRow;
  /** Unread text. It always starts at the start of a record. */
  private text = "";
  /** Line number of text[0]. */
  private textLine = 1;
  /** A position in text whose line number is known, for lineAt. */
  private lineCursor = 0;
  private lineCursorLine = 1;
  private textHasCr = false;
  private columnCount = -1;
  private started = false;
  private finished = false;
  private stoppedByHeader = false;
  /** True while skipping the rest of a malformed line across chunks. */
  private skippingLine = false;
  /** Cached next positions of delimiters in text (text.length: none). */
  private nextComma = -1;
  private nextLf = -1;
  private nextCr = -1;
  private malformedMessage = "";

  constructor(sink: CsvSink, options: CsvParserOptions = {}) {
    this.sink = sink;
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
    this.row = new ParsedRow(this);
  }

  /** True once the sink has rejected the header. Later text is ignored. */
  get stopped(): boolean {
    return this.stoppedByHeader;
  }

  /** Number of columns in the header, or -1 before the header is read. */
  get headerLength(): number {
    return this.columnCount;
  }

  /** Parses the next chunk of text. */
  pushText(chunk: string): void {
    if (this.stoppedByHeader || this.finished || chunk.length === 0) {
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
    this.parse(false);
  }

  /** Parses what remains, as the end of the input. */
  finish(): void {
    if (this.stoppedByHeader || this.finished) {
      return;
    }
    this.finished = true;
    this.parse(true);
    this.text = "";
  }

  /**
   * Returns the 1-based line of a position in the current text. Calls
   * with increasing positions count only the text between them. An
   * earlier position is counted again from the start of the text.
   */
  lineAt(position: number): number {
    if (position < this.lineCursor) {
      this.lineCursor = 0;
      this.lineCursorLine = this.textLine;
    }
    this.lineCursorLine += this.countLineBreaks(this.lineCursor, position);
    this.lineCursor = position;
    return this.lineCursorLine;
  }

  private countLineBreaks(from: number, to: number): number {
    const text = this.text;
    let count = 0;
    let index = text.indexOf("\n", from);
    while (index !== -1 && index < to) {
      count += 1;
      index = text.indexOf("\n", index + 1);
    }
    if (this.textHasCr) {
      index = text.indexOf("\r", from);
      while (index !== -1 && index < to) {
        if (text.charCodeAt(index + 1) !== LF) {
          count += 1;
        }
        index = text.indexOf("\r", index + 1);
      }
    }
    return count;
  }

  private report(position: number, message: string): void {
    this.sink.problem({ line: this.lineAt(position), message });
  }

  /**
   * Returns the position just after the first line break at or after
   * `from`, or -1 when the text has none.
   * NOTE: a CR that ends the text counts as a whole line break. If the
   * next chunk starts with its LF, the line numbers that follow in the
   * file are one too high. Only recovery from a malformed record stops
   * at such a CR; complete records wait for the next chunk instead.
   */
  private afterLineBreak(from: number): number {
    const text = this.text;
    const lf = text.indexOf("\n", from);
    const cr = this.textHasCr ? text.indexOf("\r", from) : -1;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      return text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
    }
    return lf === -1 ? -1 : lf + 1;
  }

  private parse(final: boolean): void {
    const text = this.text;
    const length = text.length;
    this.resetScanState();

    let position = this.skippingLine ? this.skipRestOfLine() : 0;
    while (position < length && !this.stoppedByHeader) {
      const recordStart = position;
      const outcome = this.scanRecord(recordStart, final);
      if (outcome === RECORD_COMPLETE) {
        position = this.rowEnd;
        this.emit(recordStart);
        continue;
      }
      if (outcome === RECORD_INCOMPLETE && !this.isTooLong(recordStart)) {
        break;
      }
      position = this.skipMalformed(recordStart, final);
    }

    this.textLine = this.lineAt(Math.min(position, length));
    this.text = position >= length ? "" : text.slice(position);
    this.row.text = "";
  }

  /** Clears what the scan cached about the previous text. */
  private resetScanState(): void {
    this.textHasCr = this.text.indexOf("\r") !== -1;
    this.lineCursor = 0;
    this.lineCursorLine = this.textLine;
    this.nextComma = -1;
    this.nextLf = -1;
    this.nextCr = -1;
    this.row.text = this.text;
  }

  /**
   * Returns where the line that a malformed record left unfinished in the
   * previous chunk ends, or the text's length when it goes on further.
   */
  private skipRestOfLine(): number {
    const resume = this.afterLineBreak(0);
    if (resume === -1) {
      return this.text.length;
    }
    this.skippingLine = false;
    return resume;
  }

  /**
   * Returns true, and sets malformedMessage, when the incomplete record
   * from `recordStart` is longer than a record may be.
   */
  private isTooLong(recordStart: number): boolean {
    const isHeader = this.columnCount < 0;
    const limit = isHeader ? MAX_HEADER_LENGTH : this.maxRecordLength;
    if (this.text.length - recordStart <= limit) {
      return false;
    }
    this.malformedMessage = isHeader
      ? `The first line is longer than ${limit} characters, so this is not a CSV header.`
      : `The record is longer than ${limit} characters, so a quoted value is probably not terminated.`;
    return true;
  }

  /**
   * Reports the malformed record at `recordStart` and returns where
   * reading resumes: the line after the one where the record starts.
   */
  private skipMalformed(recordStart: number, final: boolean): number {
    this.report(recordStart, this.malformedMessage);
    const resume = this.afterLineBreak(recordStart);
    if (resume !== -1) {
      return resume;
    }
    if (!final) {
      this.skippingLine = true;
    }
    return this.text.length;
  }

  /** Position after the record that scanRecord completed last. */
  private rowEnd = 0;

  private emit(recordStart: number): void {
    const row = this.row;
    row.recordStart = recordStart;
    if (row.fieldCount === 1 && row.kinds[0] === PLAIN) {
      if (row.starts[0] === row.ends[0]) {
        return;
      }
    }
    if (this.columnCount < 0) {
      const columns: string[] = [];
      for (let index = 0; index < row.fieldCount; index += 1) {
        columns.push(row.field(index).trim());
      }
      this.columnCount = columns.length;
      if (!this.sink.header(columns, row.line)) {
        this.stoppedByHeader = true;
      }
      return;
    }
    if (row.fieldCount !== this.columnCount) {
      this.report(
        recordStart,
        `The row has ${row.fieldCount} fields but the header has ${this.columnCount}, so it was skipped.`
      );
      return;
    }
    this.sink.row(row);
  }

  /**
   * Scans one record from `start`, storing its field offsets in the row.
   * Returns RECORD_COMPLETE (and sets rowEnd), RECORD_INCOMPLETE when the
   * text ends inside the record, or RECORD_MALFORMED (and sets
   * malformedMessage).
   */
  private scanRecord(start: number, final: boolean): number {
    const text = this.text;
    const length = text.length;
    const row = this.row;
    // The loop uses locals, not row properties, because it is the hot path.
    let starts = row.starts;
    let ends = row.ends;
    let kinds = row.kinds;
    let position = start;
    let count = 0;
    for (;;) {
      if (count === starts.length) {
        row.grow();
        starts = row.starts;
        ends = row.ends;
        kinds = row.kinds;
      }
      if (position >= length) {
        // The text ends after a comma: the record's last field is empty.
        if (!final) {
          return RECORD_INCOMPLETE;
        }
        starts[count] = length;
        ends[count] = length;
        kinds[count] = PLAIN;
        row.fieldCount = count + 1;
        this.rowEnd = length;
        return RECORD_COMPLETE;
      }
      let next: number;
      if (text.charCodeAt(position) === QUOTE) {
        let kind = QUOTED;
        let close = text.indexOf('"', position + 1);
        while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
          kind = QUOTED_WITH_DOUBLED_QUOTES;
          close = text.indexOf('"', close + 2);
        }
        if (close === -1) {
          if (!final) {
            return RECORD_INCOMPLETE;
          }
          this.malformedMessage =
            "The quoted value that starts in this record has no closing quote.";
          return RECORD_MALFORMED;
        }
        if (close + 1 === length && !final) {
          // The next chunk may start with a quote that doubles this one.
          return RECORD_INCOMPLETE;
        }
        starts[count] = position + 1;
        ends[count] = close;
        kinds[count] = kind;
        next = close + 1;
      } else {
        next = this.nextDelimiter(position);
        starts[count] = position;
        ends[count] = next;
        kinds[count] = PLAIN;
      }
      count += 1;
      if (next === length) {
        if (!final) {
          return RECORD_INCOMPLETE;
        }
        row.fieldCount = count;
        this.rowEnd = length;
        return RECORD_COMPLETE;
      }
      const delimiter = text.charCodeAt(next);
      if (delimiter === COMMA) {
        position = next + 1;
        continue;
      }
      if (delimiter === LF) {
        row.fieldCount = count;
        this.rowEnd = next + 1;
        return RECORD_COMPLETE;
      }
      if (delimiter === CR) {
        if (next + 1 === length && !final) {
          return RECORD_INCOMPLETE;
        }
        row.fieldCount = count;
        this.rowEnd = text.charCodeAt(next + 1) === LF ? next + 2 : next + 1;
        return RECORD_COMPLETE;
      }
      this.malformedMessage =
        "Unexpected text after a closing quote: a quote inside a quoted value must be doubled.";
      return RECORD_MALFORMED;
    }
  }

  /** Returns the first comma or line break at or after `from`. */
  private nextDelimiter(from: number): number {
    const text = this.text;
    const length = text.length;
    if (this.nextComma < from) {
      const found = text.indexOf(",", from);
      this.nextComma = found === -1 ? length : found;
    }
    if (this.nextLf < from) {
      const found = text.indexOf("\n", from);
      this.nextLf = found === -1 ? length : found;
    }
    if (this.nextCr < from) {
      const found = this.textHasCr ? text.indexOf("\r", from) : -1;
      this.nextCr = found === -1 ? length : found;
    }
    return Math.min(this.nextComma, this.nextLf, this.nextCr);
  }
}
