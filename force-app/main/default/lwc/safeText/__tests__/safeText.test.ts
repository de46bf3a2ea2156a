import { csvField, terminalSafe, terminalSafeJson } from "c/safeText";

describe("terminalSafe", () => {
  it("escapes ESC as visible text", () => {
    expect(terminalSafe("a\u001b[31mred")).toBe("a\\u001b[31mred");
  });

  it("escapes line breaks, tabs and NUL", () => {
    expect(terminalSafe("a\r\nb\tc\u0000")).toBe(
      "a\\u000d\\u000ab\\u0009c\\u0000"
    );
  });

  it("escapes C1 controls and DEL", () => {
    expect(terminalSafe("\u009b2J\u007f")).toBe("\\u009b2J\\u007f");
  });

  it("escapes bidirectional overrides", () => {
    expect(terminalSafe("abc\u202edef\u2066")).toBe("abc\\u202edef\\u2066");
  });

  it("keeps printable text from any script", () => {
    expect(terminalSafe("Zoë 東京 python-requests/2.32.4")).toBe(
      "Zoë 東京 python-requests/2.32.4"
    );
  });
});

describe("terminalSafeJson", () => {
  it("escapes what JSON.stringify leaves raw", () => {
    const json = JSON.stringify({ agent: "x\u009b\u202ey\u001b" }, null, 2);
    const safe = terminalSafeJson(json);
    expect(safe).not.toContain("\u009b");
    expect(safe).not.toContain("\u202e");
    expect(safe).not.toContain("\u001b");
    expect(JSON.parse(safe)).toEqual({ agent: "x\u009b\u202ey\u001b" });
  });

  it("keeps indentation", () => {
    expect(terminalSafeJson('{\n  "a": 1\n}')).toBe('{\n  "a": 1\n}');
  });
});

describe("csvField", () => {
  it("writes plain text as it is", () => {
    expect(csvField("acme")).toBe("acme");
  });

  it("quotes commas and doubles quotes", () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
  });

  it.each(["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)"])(
    "neutralises the formula %s",
    (value) => {
      expect(csvField(value)).toBe(`'${value}`);
    }
  );

  it("neutralises a leading tab and escapes it", () => {
    expect(csvField("\t=1")).toBe("'\\u0009=1");
  });

  it("writes numbers and null", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
  });
});
