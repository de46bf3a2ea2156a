import {
  JsonValueSplitter,
  type JsonValueSplitterOptions
} from "c/jsonValueSplitter";

interface Split {
  values: { text: string; line: number }[];
  problems: { line: number; message: string }[];
}

function split(
  text: string,
  chunkSize = 0,
  options: JsonValueSplitterOptions = {}
): Split {
  const result: Split = { values: [], problems: [] };
  const splitter = new JsonValueSplitter(
    {
      value: (value, line) => result.values.push({ text: value, line }),
      problem: (line, message) => result.problems.push({ line, message })
    },
    options
  );
  if (chunkSize <= 0) {
    splitter.pushText(text);
  } else {
    for (let start = 0; start < text.length; start += chunkSize) {
      splitter.pushText(text.slice(start, start + chunkSize));
    }
  }
  splitter.finish();
  return result;
}

/** Splits the text at every chunk size up to 8 and checks all agree. */
function splitAnyhow(text: string): Split {
  const whole = split(text);
  for (let size = 1; size <= 8; size += 1) {
    expect({ size, result: split(text, size) }).toEqual({
      size,
      result: whole
    });
  }
  return whole;
}

describe("JsonValueSplitter", () => {
  it("returns one pretty-printed object", () => {
    const result = splitAnyhow('{\n  "a": 1,\n  "b": "}"\n}\n');
    expect(result.values).toEqual([
      { text: '{\n  "a": 1,\n  "b": "}"\n}', line: 1 }
    ]);
    expect(result.problems).toEqual([]);
  });

  it("returns the elements of a top-level array", () => {
    const result = splitAnyhow('[\n  {"a": [1, 2]},\n  {"b": "x,]"}\n]\n');
    expect(result.values).toEqual([
      { text: '{"a": [1, 2]}', line: 2 },
      { text: '{"b": "x,]"}', line: 3 }
    ]);
  });

  it("returns scalar array elements as text", () => {
    const result = split('[1, "two", null]');
    expect(result.values.map((value) => value.text)).toEqual([
      "1",
      '"two"',
      "null"
    ]);
  });

  it("reads newline-delimited values line by line", () => {
    const result = splitAnyhow('{"a":1}\n\n{"b":2}\r\n{"c":3}');
    expect(result.values).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":2}', line: 3 },
      { text: '{"c":3}', line: 4 }
    ]);
  });

  it("hands a broken line on to the consumer", () => {
    const result = split('{"a":1}\n{"b":\n{"c":3}\n');
    expect(result.values.map((value) => value.line)).toEqual([1, 2, 3]);
    expect(result.values[1]?.text).toBe('{"b":');
  });

  it("reads multi-line objects one after another", () => {
    const result = splitAnyhow('{\n"a": 1\n}\n{\n"b": 2\n}\n');
    expect(result.values).toEqual([
      { text: '{\n"a": 1\n}', line: 1 },
      { text: '{\n"b": 2\n}', line: 4 }
    ]);
  });

  it("skips escaped quotes inside strings", () => {
    const result = splitAnyhow('{"a": "say \\"}\\" \\\\"}\n');
    expect(result.values[0]?.text).toBe('{"a": "say \\"}\\" \\\\"}');
  });

  it("strips a byte-order mark", () => {
    const result = split('\ufeff{"a": 1}');
    expect(result.values[0]?.text).toBe('{"a": 1}');
  });

  it("reports text that is not JSON", () => {
    const result = split("EVENT_TYPE,TIMESTAMP\n");
    expect(result.values).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: 1,
        message: "This file is not JSON events: expected an object or an array."
      }
    ]);
  });

  it("reports a value that never closes", () => {
    const result = split('{\n"a": [1, 2\n}\n');
    expect(result.problems).toEqual([
      {
        line: 1,
        message:
          "The JSON ends inside a value: a closing bracket or quote is missing."
      }
    ]);
  });

  it("stops at a value longer than the limit", () => {
    const result = split(`{\n"a": "${"x".repeat(100)}"\n}`, 10, {
      maxValueLength: 50
    });
    expect(result.values).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/longer than 50 characters/);
  });

  it("skips a line longer than the limit", () => {
    const result = split(`{"a":1}\n{"b":"${"x".repeat(100)}"}\n{"c":3}\n`, 10, {
      maxValueLength: 50
    });
    expect(result.values.map((value) => value.text)).toEqual([
      '{"a":1}',
      '{"c":3}'
    ]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(2);
  });

  it("ignores text after finish", () => {
    const values: string[] = [];
    const splitter = new JsonValueSplitter({
      value: (value) => values.push(value),
      problem: () => undefined
    });
    splitter.pushText('{"a":1}');
    splitter.finish();
    splitter.pushText('{"b":2}');
    splitter.finish();
    expect(values).toEqual(['{"a":1}']);
  });
});
