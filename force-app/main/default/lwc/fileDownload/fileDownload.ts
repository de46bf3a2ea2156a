/**
 * Saves text that a component built, such as a CSV export, as a file in
 * the browser's downloads. The text goes into a data URL as UTF-8 without
 * a byte order mark, so the saved bytes are the bytes a checksum of the
 * text covers.
 */

/** Returns the data URL of the text, percent-encoded as UTF-8. */
export function dataUrlOf(text: string, mimeType: string): string {
  return `data:${mimeType};charset=utf-8,${encodeURIComponent(text)}`;
}

/**
 * Starts the download of the text under the file name, through a link
 * that is clicked and dropped at once.
 * NOTE: tried only in the preview, which runs without Lightning Web
 * Security; an org may restrict such links.
 */
export function downloadTextFile(
  fileName: string,
  text: string,
  mimeType = "text/csv"
): void {
  const link = document.createElement("a");
  link.href = dataUrlOf(text, mimeType);
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
  }
}
