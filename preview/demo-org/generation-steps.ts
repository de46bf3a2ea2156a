/**
 * Generators of demo records yield between units of work, so that the
 * page can run them in short tasks while Node tests run them straight
 * through. Either way the records are the same, because the steps draw
 * from the random stream in the same order.
 */

/** A generator that yields between units of work and returns its records. */
export type GenerationSteps<Result> = Generator<void, Result, void>;

/** Runs every step at once and returns the result. */
export function runSteps<Result>(steps: GenerationSteps<Result>): Result {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/** Resolves after the current task, so that the browser can paint and take input. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 0);
  });
}

/**
 * Runs the steps in tasks of about `budgetMs` milliseconds each, awaiting
 * `yieldControl` between tasks. A single step longer than the budget
 * still runs whole.
 */
export async function runStepsInTasks<Result>(
  steps: GenerationSteps<Result>,
  budgetMs: number,
  yieldControl: () => Promise<void> = nextTask
): Promise<Result> {
  let taskStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    if (performance.now() - taskStart >= budgetMs) {
      // Tasks run one after another on purpose: each continues the last.
      await yieldControl();
      taskStart = performance.now();
    }
  }
}
