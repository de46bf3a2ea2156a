import { createElement } from "lwc";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  TextDecoder as NodeTextDecoder,
  TextEncoder as NodeTextEncoder
} from "node:util";
import EventFileImport from "c/eventFileImport";

// Browsers have these, but Jest's jsdom environment does not.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder,
  TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder,
  ReadableStream: globalThis.ReadableStream ?? NodeReadableStream
});

const CSV = readFileSync(join(__dirname, "data/api-total-usage.csv"), "utf8");

function mount(): HTMLElement {
  const element = createElement("c-event-file-import", {
    is: EventFileImport
  });
  document.body.appendChild(element);
  return element;
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 6; turn += 1) {
    // eslint-disable-next-line no-await-in-loop, @lwc/lwc/no-async-operation -- each turn lets one stage finish
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function query<T extends Element = HTMLElement>(
  element: HTMLElement,
  dataId: string
): T | null {
  return element.shadowRoot?.querySelector<T>(`[data-id="${dataId}"]`) ?? null;
}

/** Stands in for a File, because jsdom's Blob has no stream(). */
function fakeFile(name: string, chunks: Uint8Array[]) {
  return {
    name,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          chunks.forEach((chunk) => controller.enqueue(chunk));
          controller.close();
        }
      })
  };
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function choose(element: HTMLElement, files: unknown[]): void {
  const input = query<HTMLInputElement>(element, "files");
  Object.defineProperty(input, "files", { value: files, configurable: true });
  input?.dispatchEvent(new CustomEvent("change"));
}

function cellTexts(row: Element | null | undefined): string[] {
  return [...(row?.querySelectorAll("th, td") ?? [])].map(
    (cell) => cell.textContent?.trim() ?? ""
  );
}

describe("c-event-file-import", () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it("shows only the file input first", async () => {
    const element = mount();
    expect(query(element, "files")).not.toBeNull();
    expect(query(element, "import-apps")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows per-app figures of a file", async () => {
    const element = mount();
    choose(element, [fakeFile("usage.csv", [encode(CSV)])]);
    await settle();
    const rows = query(element, "import-apps")?.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(1);
    const cells = cellTexts(rows?.[0]);
    expect(cells[0]).toBe("Parley Sales Assistant");
    expect(cells[1]).toBe("2");
    expect(cells[2]).toBe("2,000 (1 requests unknown)");
    expect(cells[3]).toBe("1.0 MiB");
    await expect(element).toBeAccessible();
  });

  it("reports problems with file and line", async () => {
    const element = mount();
    choose(element, [fakeFile("usage.csv", [encode(CSV)])]);
    await settle();
    const problems = query(element, "import-problems")?.textContent ?? "";
    expect(problems).toContain("usage.csv:4:");
  });

  it("reads several files and chunks", async () => {
    const element = mount();
    const bytes = encode(CSV);
    choose(element, [
      fakeFile("first.csv", [bytes.slice(0, 100), bytes.slice(100)]),
      fakeFile("second.json", [encode("[]")])
    ]);
    await settle();
    const files = query(element, "import-files")?.querySelectorAll("tbody tr");
    expect(files).toHaveLength(2);
    expect(cellTexts(files?.[0])[2]).toBe("2");
  });

  it("shows error when a file fails", async () => {
    const element = mount();
    const failing = {
      name: "broken.csv",
      stream: () => {
        throw new Error("The file could not be opened.");
      }
    };
    choose(element, [failing]);
    await settle();
    expect(element.shadowRoot?.querySelector("c-error-panel")).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
