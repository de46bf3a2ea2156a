// Unit tests for the PMD suppression policy in lib/apex-suppressions.mjs.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkNopmdScope,
  checkSuppressions
} from "../lib/apex-suppressions.mjs";

const RULES = ["ApexCRUDViolation", "ApexSOQLInjection"];

function errorsFor(source) {
  return checkSuppressions(source, RULES).errors;
}

describe("NOPMD comments", () => {
  test("rule and reason accepted", () => {
    const source =
      "Integer n = [SELECT COUNT() FROM User]; " +
      "// NOPMD ApexCRUDViolation - own rows\n";
    const { errors, nopmdRules } = checkSuppressions(source, RULES);
    assert.deepEqual(errors, []);
    assert.equal(nopmdRules.get(1), "ApexCRUDViolation");
  });

  test("bare NOPMD rejected", () => {
    const errors = errorsFor("\nInteger n = 1; // NOPMD\n");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 2);
    assert.match(errors[0].message, /must name one rule and give a reason/);
  });

  test("missing reason rejected", () => {
    const errors = errorsFor("Integer n = 1; // NOPMD ApexCRUDViolation\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /must name one rule and give a reason/);
  });

  test("unknown rule rejected", () => {
    const errors = errorsFor("Integer n = 1; // NOPMD ApexCrud - typo\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /ApexCrud, which is not a rule/);
  });

  test("block comment rejected", () => {
    const errors = errorsFor("/* NOPMD ApexCRUDViolation - why */\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /must be a line comment/);
  });

  test("NOPMD inside a string ignored", () => {
    assert.deepEqual(errorsFor("String s = '// NOPMD';\n"), []);
  });
});

describe("@SuppressWarnings", () => {
  test("method with reason above accepted", () => {
    const source = [
      "public with sharing class A {",
      "  // Reads only the caller's own rows.",
      "  @SuppressWarnings('PMD.ApexCRUDViolation')",
      "  public static void run() {}",
      "}"
    ].join("\n");
    assert.deepEqual(errorsFor(source), []);
  });

  test("method with reason on same line accepted", () => {
    const source = [
      "public with sharing class A {",
      "  @SuppressWarnings('PMD.ApexCRUDViolation') // own rows only",
      "  @AuraEnabled(cacheable=true)",
      "  public static void run() {}",
      "}"
    ].join("\n");
    assert.deepEqual(errorsFor(source), []);
  });

  test("missing reason rejected", () => {
    const source = [
      "public with sharing class A {",
      "  /** ApexDoc is no reason. */",
      "  @SuppressWarnings('PMD.ApexCRUDViolation')",
      "  public static void run() {}",
      "}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /needs a \/\/ comment giving the reason/);
  });

  test("class-level rejected", () => {
    const source = [
      "// Reviewed.",
      "@SuppressWarnings('PMD.ApexCRUDViolation')",
      "public with sharing class A {}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 2);
    assert.match(errors[0].message, /on a class is not allowed/);
  });

  test("inner class rejected", () => {
    const source = [
      "public with sharing class A {",
      "  // Reviewed.",
      "  @SuppressWarnings('PMD.ApexCRUDViolation')",
      "  public inherited sharing class Inner {}",
      "}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /on a class is not allowed/);
  });

  test("field rejected", () => {
    const source = [
      "public with sharing class A {",
      "  // Reviewed.",
      "  @SuppressWarnings('PMD.ApexCRUDViolation')",
      "  private static Integer count = 0;",
      "}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /on a field or property is not allowed/);
  });

  test("every-rule form rejected", () => {
    const source = [
      "public with sharing class A {",
      "  // Reviewed.",
      "  @SuppressWarnings('PMD')",
      "  public static void run() {}",
      "}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /suppresses every rule/);
  });

  test("unknown rule rejected", () => {
    const source = [
      "public with sharing class A {",
      "  // Reviewed.",
      "  @SuppressWarnings('PMD.ApexCrud')",
      "  public static void run() {}",
      "}"
    ].join("\n");
    const errors = errorsFor(source);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /ApexCrud, which is not a rule/);
  });

  test("annotation in a comment ignored", () => {
    const source = "// @SuppressWarnings('PMD')\npublic class A {}\n";
    assert.deepEqual(errorsFor(source), []);
  });
});

describe("checkNopmdScope", () => {
  const nopmdRules = new Map([[5, "ApexCRUDViolation"]]);
  const suppressed = (rule) => ({
    line: 5,
    rule,
    message: "a message",
    suppressor: "//NOPMD"
  });

  test("named rule accepted", () => {
    assert.deepEqual(
      checkNopmdScope(nopmdRules, [suppressed("ApexCRUDViolation")]),
      []
    );
  });

  test("other rule on the line rejected", () => {
    const errors = checkNopmdScope(nopmdRules, [
      suppressed("ApexSOQLInjection")
    ]);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 5);
    assert.match(errors[0].message, /also hides ApexSOQLInjection/);
  });
});
