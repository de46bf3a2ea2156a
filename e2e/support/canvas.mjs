// Checks that a chart library has drawn on a canvas.

/** Returns true once the canvas has at least one pixel that is not transparent. */
export function canvasHasPixels(canvas) {
  return canvas.evaluate((element) => {
    if (element.width === 0 || element.height === 0) {
      return false;
    }
    const context = element.getContext("2d");
    const { data } = context.getImageData(0, 0, element.width, element.height);
    for (let index = 3; index < data.length; index += 4) {
      if (data[index] !== 0) {
        return true;
      }
    }
    return false;
  });
}

/**
 * Resolves to true once the canvas has been drawn on, or to false after
 * `timeoutMs`. Chart.js loads from a static resource after the component
 * renders, so the first checks may find the canvas blank.
 */
export async function waitForCanvasDrawing(page, canvas, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Each check waits for the page to draw before the next.
    if (await canvasHasPixels(canvas)) {
      return true;
    }
    await page.waitForTimeout(100);
  }
  return false;
}
