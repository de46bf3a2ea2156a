import {
  CsvParser,
  MAX_HEADER_LENGTH,
  type CsvParserOptions,
  type CsvProblem
} from "c/csvParser";

interface Parsed {
  header: string[] | null;
  headerLine: number;
  rows: { line: number; fields: string[] }[];
  problems: CsvProblem[];
}

/** Parses text pushed in chunks of `chunkSize` characters (0: one chunk). */
function parse(
  text: string,
  chunkSize = 0,
  options: CsvParserOptions = {},
  acceptHeader = true
): Parsed {
  const parsed: Parsed = {
    header: null,
    headerLine: 0,
    rows: [],
    problems: []
  };
  const parser = new CsvParser(
    {
      header(columns, line) {
        parsed.header = [...columns];
        parsed.headerLine = line;
        return acceptHeader;
      },
      row(row) {
        const fields: string[] = [];
        for (let index = 0; index < row.fieldCount; index += 1) {
          fields.push(row.field(index));
        }
        parsed.rows.push({ line: row.line, fields });
      },
      problem(problem) {
        parsed.problems.push(problem);
      }
    },
    options
  );
  if (chunkSize <= 0) {
    parser.pushText(text);
  } else {
    for (let start = 0; start < text.length; start += chunkSize) {
      parser.pushText(text.slice(start, start + chunkSize));
    }
  }
  parser.finish();
  return parsed;
}

/** Collects results of a parser fed by explicit pushes. */
class CsvParserHarness {
  private readonly parsed: Parsed = {
    header: null,
    headerLine: 0,
    rows: [],
    problems: []
  };
  private readonly parser = new CsvParser({
    header: (columns, line) => {
      this.parsed.header = [...columns];
      this.parsed.headerLine = line;
      return true;
    },
    row: (row) => {
      const fields: string[] = [];
      for (let index = 0; index < row.fieldCount; index += 1) {
        fields.push(row.field(index));
      }
      this.parsed.rows.push({ line: row.line, fields });
    },
    problem: (problem) => {
      this.parsed.problems.push(problem);
    }
  });

  push(text: string): void {
    this.parser.pushText(text);
  }

  finish(): Parsed {
    this.parser.finish();
    return this.parsed;
  }
}

/** Parses the text split at every position, and checks all agree. */
function parseSplitEverywhere(text: string): Parsed {
  const whole = parse(text);
  for (let split = 1; split < text.length; split += 1) {
    const pieces = new CsvParserHarness();
    pieces.push(text.slice(0, split));
    pieces.push(text.slice(split));
    expect({ split, parsed: pieces.finish() }).toEqual({
      split,
      parsed: whole
    });
  }
  for (const size of [1, 2, 3, 7]) {
    expect({ size, parsed: parse(text, size) }).toEqual({
      size,
      parsed: whole
    });
  }
  return whole;
}

describe("CsvParser", () => {
  it("reads quoted fields with LF line ends", () => {
    const parsed = parse('"A","B"\n"1","2"\n"3","4"\n');
    expect(parsed.header).toEqual(["A", "B"]);
    expect(parsed.rows).toEqual([
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] }
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it("reads CRLF line ends", () => {
    const parsed = parseSplitEverywhere('"A","B"\r\n"1","2"\r\n"3","4"\r\n');
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      ["1", "2"],
      ["3", "4"]
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it("reads CR-only line ends", () => {
    const parsed = parseSplitEverywhere('"A","B"\r"1","2"\r3,4\r');
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      ["1", "2"],
      ["3", "4"]
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it("reads unquoted fields", () => {
    const parsed = parseSplitEverywhere("A,B,C\n1,,3\nx,y,z");
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      ["1", "", "3"],
      ["x", "y", "z"]
    ]);
  });

  it("strips a byte-order mark", () => {
    const parsed = parse('\ufeff"EVENT_TYPE","B"\n"API","2"\n');
    expect(parsed.header).toEqual(["EVENT_TYPE", "B"]);
  });

  it("undoes doubled quotes", () => {
    const parsed = parseSplitEverywhere(
      '"A","B"\n"say ""hi""","""https://example.com"""\n'
    );
    expect(parsed.rows[0]?.fields).toEqual([
      'say "hi"',
      '"https://example.com"'
    ]);
  });

  it("keeps commas inside quoted values", () => {
    const parsed = parseSplitEverywhere(
      '"A","B"\n"a,b","(KHTML, like Gecko)"\n'
    );
    expect(parsed.rows[0]?.fields).toEqual(["a,b", "(KHTML, like Gecko)"]);
  });

  it("reads empty quoted values", () => {
    const parsed = parseSplitEverywhere('"A","B","C"\n"","",""\n');
    expect(parsed.rows[0]?.fields).toEqual(["", "", ""]);
  });

  it("reads a last row without a newline", () => {
    const parsed = parseSplitEverywhere('"A","B"\n"1","2"');
    expect(parsed.rows).toEqual([{ line: 2, fields: ["1", "2"] }]);
  });

  it("reads an empty last field without a newline", () => {
    const parsed = parse("A,B\n1,");
    expect(parsed.rows[0]?.fields).toEqual(["1", ""]);
  });

  it("reads LF line breaks inside a quoted value", () => {
    const parsed = parseSplitEverywhere(
      '"A","B"\n"line one\nline two","x"\n"next","y"\n'
    );
    expect(parsed.rows).toEqual([
      { line: 2, fields: ["line one\nline two", "x"] },
      { line: 4, fields: ["next", "y"] }
    ]);
  });

  it("reads CRLF line breaks inside a quoted value", () => {
    const parsed = parseSplitEverywhere(
      '"A","B"\r\n"one\r\ntwo\r\nthree","x"\r\n"next","y"\r\n'
    );
    expect(parsed.rows).toEqual([
      { line: 2, fields: ["one\r\ntwo\r\nthree", "x"] },
      { line: 5, fields: ["next", "y"] }
    ]);
  });

  it("reads LF breaks inside a value in a CRLF file", () => {
    const parsed = parseSplitEverywhere(
      '"A","B"\r\n"one\ntwo","x"\r\n"next","y"\r\n'
    );
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      ["one\ntwo", "x"],
      ["next", "y"]
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4]);
  });

  it("skips blank lines", () => {
    const parsed = parse('"A","B"\n\n"1","2"\n\r\n\n');
    expect(parsed.rows).toEqual([{ line: 3, fields: ["1", "2"] }]);
    expect(parsed.problems).toEqual([]);
  });

  it("trims header names", () => {
    const parsed = parse(" A , B \n1,2\n");
    expect(parsed.header).toEqual(["A", "B"]);
  });

  it("reports a row with too few fields", () => {
    const parsed = parse('"A","B"\n"1"\n"3","4"\n');
    expect(parsed.rows).toEqual([{ line: 3, fields: ["3", "4"] }]);
    expect(parsed.problems).toEqual([
      {
        line: 2,
        message: "The row has 1 fields but the header has 2, so it was skipped."
      }
    ]);
  });

  it("reports an unterminated quote at the end", () => {
    const parsed = parse('"A","B"\n"1","2"\n"3","never closed\n');
    expect(parsed.rows).toEqual([{ line: 2, fields: ["1", "2"] }]);
    expect(parsed.problems).toEqual([
      {
        line: 3,
        message:
          "The quoted value that starts in this record has no closing quote."
      }
    ]);
  });

  it("resumes after text following a closing quote", () => {
    const parsed = parse('"A","B"\n"1","bad"x"\n"3","4"\n');
    expect(parsed.rows).toEqual([{ line: 3, fields: ["3", "4"] }]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(2);
    expect(parsed.problems[0]?.message).toMatch(/after a closing quote/);
  });

  it("resumes on the line after a broken multi-line record", () => {
    // The quote opened on line 2 closes on line 3, where text follows it.
    const parsed = parse('"A","B"\n"1","open\n"3","4"\n"5","6"\n');
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2]);
    expect(parsed.rows).toEqual([
      { line: 3, fields: ["3", "4"] },
      { line: 4, fields: ["5", "6"] }
    ]);
  });

  it("skips an over-long record and reads on", () => {
    const longValue = "x".repeat(200);
    const text = `"A","B"\n"1","${longValue}\n"3","4"\n`;
    const parsed = parse(text, 16, { maxRecordLength: 100 });
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(2);
    expect(parsed.problems[0]?.message).toMatch(/longer than 100 characters/);
    expect(parsed.rows).toEqual([{ line: 3, fields: ["3", "4"] }]);
  });

  it("skips an over-long line with no line break", () => {
    const parsed = parse(`"A","B"\n"1","${"y".repeat(300)}`, 32, {
      maxRecordLength: 100
    });
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.rows).toEqual([]);
  });

  it("skips an over-long line and reads the next one", () => {
    const parsed = parse(`"A","B"\n"1","${"y".repeat(300)}\n"3","4"\n`, 32, {
      maxRecordLength: 100
    });
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2]);
    expect(parsed.rows).toEqual([{ line: 3, fields: ["3", "4"] }]);
  });

  it("rejects a first line too long for a header", () => {
    const parsed = parse("z".repeat(MAX_HEADER_LENGTH + 10), 4096);
    expect(parsed.header).toBeNull();
    expect(parsed.problems[0]?.message).toMatch(/not a CSV header/);
  });

  it("stops when the sink rejects the header", () => {
    const parsed = parse('"A","B"\n"1","2"\n', 0, {}, false);
    expect(parsed.header).toEqual(["A", "B"]);
    expect(parsed.rows).toEqual([]);
  });

  it("ignores text after finish", () => {
    const rows: string[] = [];
    const parser = new CsvParser({
      header: () => true,
      row: (row) => rows.push(row.field(0)),
      problem: () => undefined
    });
    parser.pushText("A\n1\n");
    parser.finish();
    parser.pushText("2\n");
    parser.finish();
    expect(rows).toEqual(["1"]);
    expect(parser.headerLength).toBe(1);
    expect(parser.stopped).toBe(false);
  });

  it("returns an empty string for a missing field", () => {
    const values: string[] = [];
    const parser = new CsvParser({
      header: () => true,
      row: (row) => values.push(row.field(5), row.field(-1)),
      problem: () => undefined
    });
    parser.pushText("A\n1\n");
    parser.finish();
    expect(values).toEqual(["", ""]);
  });

  it("reads records with many fields", () => {
    const header = Array.from({ length: 150 }, (_, index) => `C${index}`);
    const row = header.map((_, index) => `"${index}"`);
    const parsed = parse(`${header.join(",")}\n${row.join(",")}\n`);
    expect(parsed.rows[0]?.fields).toHaveLength(150);
    expect(parsed.rows[0]?.fields[149]).toBe("149");
  });

  it("counts lines through many chunks", () => {
    const lines = ['"A","B"'];
    for (let index = 0; index < 500; index += 1) {
      lines.push(
        index % 50 === 0 ? `"${index}","two\nlines"` : `"${index}","x"`
      );
    }
    const parsed = parse(lines.join("\r\n") + "\r\n", 97);
    const last = parsed.rows[parsed.rows.length - 1];
    expect(parsed.rows).toHaveLength(500);
    // 10 values span two lines, so the last record starts on line 511.
    expect(last?.line).toBe(511);
  });
});

describe("parseSplitEverywhere", () => {
  it("agrees on every split of a quirky file", () => {
    const parsed = parseSplitEverywhere(
      '\ufeff"A","B"\r\n"a ""q"", b","x\r\ny"\r\n"",""\r\n"end","z"'
    );
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      ['a "q", b', "x\r\ny"],
      ["", ""],
      ["end", "z"]
    ]);
  });
});
