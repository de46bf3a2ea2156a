// Opens one page of the preview for a test: records every console error,
// page error and failed request, saves a screenshot at the end, and fails
// the test when anything went wrong on the page.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCREENSHOTS_DIR = fileURLToPath(
  new URL("../screenshots/", import.meta.url)
);

function recordProblems(page) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => {
    problems.push(`page error: ${error.stack ?? error.message}`);
  });
  page.on("requestfailed", (request) => {
    problems.push(
      `request failed: ${request.url()} (${request.failure()?.errorText})`
    );
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return problems;
}

/** Saves e2e/screenshots/NAME.png of the visible part of the page. */
export async function saveScreenshot(page, name) {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png` });
}

/**
 * Opens `path` of the preview at `baseUrl`, runs `steps(page)`, then saves
 * e2e/screenshots/NAME.png and asserts that the page reported no problem.
 * The screenshot is saved even when a step fails, to show why.
 * `beforeNavigation(page)`, when given, runs before the page loads, for
 * example to add an init script.
 */
export async function visitPage(
  { context, baseUrl, path, name, beforeNavigation },
  steps
) {
  const page = await context.newPage();
  const problems = recordProblems(page);
  try {
    await beforeNavigation?.(page);
    await page.goto(new URL(path, baseUrl).href);
    await steps(page);
  } catch (error) {
    // A failed step is often a symptom of a page problem: report both.
    if (problems.length > 0) {
      error.message += `\nProblems on ${path}:\n${problems.join("\n")}`;
    }
    throw error;
  } finally {
    await saveScreenshot(page, name);
    await page.close();
  }
  assert.deepEqual(problems, [], `problems on ${path}`);
}
