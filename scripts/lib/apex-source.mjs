// Splits Apex source into comments and code, so that suppression markers
// inside string literals or code inside comments are never mistaken for
// the real thing.

/**
 * Returns `{ code, comments }`. `code` is the source with every comment and
 * string literal replaced by spaces (newlines kept, so offsets and lines
 * still match). `comments` lists `{ line, text, block }`, where text
 * includes the comment delimiters and line is where the comment starts.
 */
export function splitApexSource(source) {
  const code = source.split("");
  const comments = [];
  let line = 1;
  let index = 0;

  const blank = (start, end) => {
    for (let i = start; i < end; i++) {
      if (code[i] !== "\n") {
        code[i] = " ";
      }
    }
  };

  while (index < source.length) {
    const char = source[index];
    const next = source[index + 1];
    let end = index + 1;
    if (char === "/" && next === "/") {
      end = source.indexOf("\n", index);
      end = end === -1 ? source.length : end;
      comments.push({ line, text: source.slice(index, end), block: false });
      blank(index, end);
    } else if (char === "/" && next === "*") {
      end = source.indexOf("*/", index + 2);
      end = end === -1 ? source.length : end + 2;
      comments.push({ line, text: source.slice(index, end), block: true });
      blank(index, end);
    } else if (char === "'") {
      end = endOfStringLiteral(source, index);
      // The quotes stay, so that an annotation's argument keeps its shape.
      blank(index + 1, end - 1);
    }
    line += countNewlines(source, index, end);
    index = end;
  }
  return { code: code.join(""), comments };
}

function endOfStringLiteral(source, start) {
  let index = start + 1;
  while (index < source.length && source[index] !== "'") {
    index += source[index] === "\\" ? 2 : 1;
  }
  return Math.min(index + 1, source.length);
}

function countNewlines(source, start, end) {
  let count = 0;
  for (let i = start; i < end; i++) {
    if (source[i] === "\n") {
      count++;
    }
  }
  return count;
}

/** Returns the 1-based line of character `offset` in `text`. */
export function lineAt(text, offset) {
  return countNewlines(text, 0, offset) + 1;
}
