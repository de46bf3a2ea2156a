// Measures how busy the page's main thread is while it loads: Chrome's
// long tasks (tasks of more than 50 ms) and long animation frames, which
// name the script entry points that ran in a frame. Both are read from
// PerformanceObserver entries that a script collects from before the
// page's own scripts run.

/** Collects long tasks and long animation frames; call before navigating. */
export async function recordMainThread(page) {
  await page.addInitScript(() => {
    const record = { longTasks: [], longFrames: [] };
    window.__mainThreadRecord = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        record.longTasks.push({
          startTime: entry.startTime,
          duration: entry.duration
        });
      }
    }).observe({ type: "longtask", buffered: true });
    if (
      PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")
    ) {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          record.longFrames.push({
            startTime: entry.startTime,
            duration: entry.duration,
            styleAndLayoutStart: entry.styleAndLayoutStart,
            scripts: entry.scripts.map((script) => ({
              startTime: script.startTime,
              invoker: script.invoker,
              functionName: script.sourceFunctionName,
              duration: script.duration,
              forcedStyleAndLayoutDuration: script.forcedStyleAndLayoutDuration
            }))
          });
        }
      }).observe({ type: "long-animation-frame", buffered: true });
    }
  });
}

/** Returns `{ longTasks, longFrames }` recorded so far. */
export function readMainThread(page) {
  return page.evaluate(
    () => window.__mainThreadRecord ?? { longTasks: [], longFrames: [] }
  );
}

/**
 * Resolves to performance.now() in the page once the tasks already queued
 * have run: a zero-delay timer fires only after them, so this is when the
 * page can next respond to input.
 */
export function mainThreadFreeAt(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        setTimeout(() => resolve(performance.now()), 0);
      })
  );
}

/**
 * Describes the long tasks in one line per task, longest first, each with
 * the script entry points that started during it, as long animation
 * frames report them.
 */
export function describeLongTasks({ longTasks, longFrames }, limit = 5) {
  const scripts = longFrames.flatMap((frame) => frame.scripts);
  return [...longTasks]
    .sort((first, second) => second.duration - first.duration)
    .slice(0, limit)
    .map((task) => {
      const taskEnd = task.startTime + task.duration;
      const entryPoints = scripts
        .filter(
          (script) =>
            script.startTime >= task.startTime && script.startTime < taskEnd
        )
        .map(
          (script) =>
            `${script.invoker}${script.functionName ? ` ${script.functionName}` : ""} ` +
            `${Math.round(script.duration)} ms (forced style and layout ` +
            `${Math.round(script.forcedStyleAndLayoutDuration)} ms)`
        )
        .join("; ");
      return (
        `${Math.round(task.duration)} ms at ${Math.round(task.startTime)} ms` +
        (entryPoints ? `: ${entryPoints}` : "")
      );
    });
}
