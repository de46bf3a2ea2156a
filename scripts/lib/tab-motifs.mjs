// Reads the allowed CustomTab <motif> values, which the Metadata API WSDL
// types as a plain string, from the `sf schema generate tab` command of
// @salesforce/plugin-sobject (installed with @salesforce/cli).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Path of the command module that lists the motifs. */
export function tabCommandPath() {
  const entry = require.resolve("@salesforce/plugin-sobject");
  return join(dirname(entry), "commands", "schema", "generate", "tab.js");
}

/**
 * Returns the motif values, such as "Custom19: Wrench", trimmed. Throws an
 * Error naming the file when the list cannot be found, so that a CLI
 * upgrade that moves it fails loudly instead of dropping the check.
 */
export async function loadTabMotifs() {
  const { default: ts } = await import("typescript");
  const path = tabCommandPath();
  const source = ts.createSourceFile(
    path,
    readFileSync(path, "utf8"),
    ts.ScriptTarget.Latest
  );
  const values = [];
  const visit = (node) => {
    if (ts.isArrayLiteralExpression(node)) {
      const texts = node.elements
        .filter(ts.isStringLiteral)
        .map((element) => element.text.trim());
      if (texts.length > 0 && texts.every(isMotif)) {
        values.push(...texts);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (values.length === 0) {
    throw new Error(`no CustomTab motif list found in ${path}`);
  }
  return values;
}

function isMotif(text) {
  return /^Custom\d+: \S/.test(text);
}
