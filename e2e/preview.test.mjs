// Browser tests of `npm start`: one preview server and one headless
// Chromium for the whole run, and one flow file per feature in flows/.
// A flow file's default export receives the harness and declares its
// tests with node:test.
import { after, before } from "node:test";
import { readdirSync } from "node:fs";
import { createPreviewHarness } from "./support/preview-harness.mjs";

const FLOWS_DIR = new URL("./flows/", import.meta.url);

const preview = createPreviewHarness();

before(() => preview.start(), { timeout: 180_000 });
after(() => preview.stop());

const flowFiles = readdirSync(FLOWS_DIR)
  .filter((name) => name.endsWith(".flow.mjs"))
  .sort();
for (const file of flowFiles) {
  const { default: declareFlow } = await import(new URL(file, FLOWS_DIR).href);
  declareFlow(preview);
}
