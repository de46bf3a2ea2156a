/**
 * Text made safe for where it is shown. Event values come from whoever
 * called the org's API (user agents, client names, query text), so a
 * value can carry terminal escape sequences or a spreadsheet formula.
 */

/**
 * C0 and C1 control characters, DEL, the line and paragraph separators,
 * and the bidirectional overrides and isolates that can reorder what a
 * reader sees.
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Returns the text with every control character written as a visible
 * escape, so ESC (U+001B) becomes the six characters \u001b. Printable
 * text, including non-Latin scripts, is unchanged.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, escapeCharacter);
}

/** The unsafe characters that JSON.stringify writes unescaped. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes the output of JSON.stringify terminal-safe. JSON.stringify
 * escapes C0 controls but writes DEL, C1 controls, separators and
 * bidirectional marks raw. Those occur only inside strings, where a
 * \uXXXX escape stands for the same character, so the JSON still parses
 * to the same value. Indentation newlines are kept.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escapeCharacter);
}

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Returns one CSV field, quoted when needed, that a spreadsheet shows as
 * text: a value that starts like a formula gets a leading apostrophe (the
 * OWASP advice for CSV injection), and control characters are escaped.
 */
export function csvField(value: string | number | null): string {
  if (value === null) {
    return "";
  }
  if (typeof value === "number") {
    return String(value);
  }
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  const visible = terminalSafe(neutral);
  return /[",]/.test(visible) ? `"${visible.replaceAll('"', '""')}"` : visible;
}
