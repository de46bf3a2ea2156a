// Parses XML into a small element tree whose nodes carry their line
// numbers, using fast-xml-parser 5's validator and `captureMetaData`.
import { XMLParser, XMLValidator } from "fast-xml-parser";

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  commentPropName: "#comment"
});
const metadataSymbol = XMLParser.getMetaDataSymbol();

/**
 * Returns `{ root }` for well-formed XML, where root is the document
 * element as `{ name, attributes, line, children, text }`, or
 * `{ error: { line, column, message } }` when the XML is malformed.
 */
export function parseXmlDocument(text) {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    return { error: { line, column: col, message: msg } };
  }
  const lineStarts = findLineStarts(text);
  const elements = toElements(parser.parse(text), lineStarts);
  if (elements.length !== 1) {
    return {
      error: {
        line: 1,
        column: 1,
        message: `expected one root element, found ${elements.length}`
      }
    };
  }
  return { root: elements[0] };
}

function toElements(nodes, lineStarts) {
  const elements = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ":@");
    if (name === "#text" || name === "#comment" || name.startsWith("?")) {
      continue;
    }
    const content = node[name];
    elements.push({
      name,
      attributes: node[":@"] ?? {},
      line: lineOf(node[metadataSymbol]?.startIndex ?? 0, lineStarts),
      children: toElements(content, lineStarts),
      text: content
        .filter((child) => "#text" in child)
        .map((child) => String(child["#text"]))
        .join("")
    });
  }
  return elements;
}

function findLineStarts(text) {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "\n") {
      starts.push(index + 1);
    }
  }
  return starts;
}

/** Converts a character offset into a 1-based line by binary search. */
function lineOf(offset, lineStarts) {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low + 1;
}
