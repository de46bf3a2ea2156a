// Enforces the PMD suppression policy for Apex: a rule may be suppressed
// on one line (`// NOPMD RuleName - reason`) or on one method
// (`@SuppressWarnings('PMD.RuleName')` with a `// reason` comment on the
// line above or the same line), always naming the rule and a reason.
import { lineAt, splitApexSource } from "./apex-source.mjs";

const NOPMD_FORMAT = /^\/\/\s*NOPMD\s+([A-Za-z0-9]+)\s+-\s+\S/;
const NOPMD_USAGE = "// NOPMD RuleName - reason";
const ANNOTATION_START = /@SuppressWarnings\s*\(/gi;
const LEADING_ANNOTATION = /^\s*@\w+(\s*\([^)]*\))?/;

/**
 * Checks one Apex file. `ruleNames` are the rules in the ruleset. Returns
 * `{ errors, nopmdRules }`: errors as `[{ line, message }]`, and a Map from
 * line to the rule that line's well-formed NOPMD names.
 */
export function checkSuppressions(source, ruleNames) {
  const { code, comments } = splitApexSource(source);
  const errors = [];
  const nopmdRules = new Map();
  for (const comment of comments.filter((c) => c.text.includes("NOPMD"))) {
    const rule = checkNopmd(comment, ruleNames, errors);
    if (rule) {
      nopmdRules.set(comment.line, rule);
    }
  }
  for (const match of code.matchAll(ANNOTATION_START)) {
    checkAnnotation(source, code, comments, match.index, ruleNames, errors);
  }
  return { errors, nopmdRules };
}

/**
 * Reports violations that a NOPMD hid although it names another rule:
 * PMD's NOPMD silences every rule on its line. `suppressed` lists this
 * file's suppressed violations from ApexAnalysis.java.
 */
export function checkNopmdScope(nopmdRules, suppressed) {
  const errors = [];
  for (const violation of suppressed) {
    const namedRule = nopmdRules.get(violation.line);
    if (violation.suppressor.includes("NOPMD") && namedRule) {
      if (namedRule !== violation.rule) {
        errors.push({
          line: violation.line,
          message:
            `the NOPMD for ${namedRule} also hides ${violation.rule} ` +
            `(${violation.message}): NOPMD silences every rule on its ` +
            `line, so fix ${violation.rule}`
        });
      }
    }
  }
  return errors;
}

function checkNopmd(comment, ruleNames, errors) {
  const match = NOPMD_FORMAT.exec(comment.text);
  let problem = null;
  if (comment.block) {
    problem = `NOPMD must be a line comment: ${NOPMD_USAGE}`;
  } else if (!match) {
    problem = `NOPMD must name one rule and give a reason: ${NOPMD_USAGE}`;
  } else if (!ruleNames.includes(match[1])) {
    problem = `NOPMD names ${match[1]}, which is not a rule in the ruleset`;
  }
  if (problem) {
    errors.push({ line: comment.line, message: problem });
    return null;
  }
  return match[1];
}

function checkAnnotation(source, code, comments, start, ruleNames, errors) {
  const line = lineAt(code, start);
  const close = code.indexOf(")", start);
  const argument = /'((?:[^'\\]|\\.)*)'/.exec(source.slice(start, close));
  const entries = (argument?.[1] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => /^(PMD|all)\b/i.test(entry));
  if (entries.length === 0) {
    return;
  }
  const report = (message) => errors.push({ line, message });

  for (const entry of entries) {
    const rule = /^PMD\.(\w+)$/.exec(entry)?.[1];
    if (!rule) {
      report(
        `@SuppressWarnings('${entry}') suppresses every rule: name one, ` +
          "as 'PMD.RuleName'"
      );
    } else if (!ruleNames.includes(rule)) {
      report(
        `@SuppressWarnings names ${rule}, which is not a rule in the ruleset`
      );
    }
  }
  const target = annotatedDeclaration(code.slice(close + 1));
  if (target !== "method") {
    report(
      `@SuppressWarnings on a ${target} is not allowed: suppress one rule ` +
        `on one method or one line (${NOPMD_USAGE})`
    );
  }
  if (!hasReasonComment(code, comments, line)) {
    report(
      "@SuppressWarnings needs a // comment giving the reason, on the line " +
        "above or the same line"
    );
  }
}

/** Classifies the declaration that follows an annotation. */
function annotatedDeclaration(codeAfter) {
  let rest = codeAfter;
  let leading = LEADING_ANNOTATION.exec(rest);
  while (leading) {
    rest = rest.slice(leading[0].length);
    leading = LEADING_ANNOTATION.exec(rest);
  }
  const header = /^[^{(;=]*[{(;=]?/.exec(rest)[0];
  if (/\b(class|interface|enum)\b/i.test(header)) {
    return "class";
  }
  return header.endsWith("(") ? "method" : "field or property";
}

function hasReasonComment(code, comments, line) {
  const codeLines = code.split("\n");
  const isReason = (comment) =>
    !comment.block && comment.text.replace(/^\/\/\s*/, "").trim() !== "";
  return comments.some(
    (comment) =>
      isReason(comment) &&
      (comment.line === line ||
        (comment.line === line - 1 && codeLines[line - 2].trim() === ""))
  );
}
