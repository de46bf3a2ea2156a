// The rollup configuration of the preview bundle.
import { join } from "node:path";
import { PREVIEW_DIR } from "../paths.mjs";
import { definePlugin } from "./define-plugin.mjs";
import { platformModulesPlugin } from "./platform-modules.mjs";

/**
 * Bundles preview/client/main.ts with the components in `stagedDir` (a
 * folder with a `c` namespace folder) into `outputDir`: app.js and, for
 * what the page loads on demand, chunks/.
 */
export async function runRollup({ metadata, mode, stagedDir, outputDir }) {
  // Imported here, not at the top, because these take about a second to
  // import (measured on a 2-core machine), which a start that reuses the
  // cached bundle need not spend.
  const [{ rollup }, { default: lwc }, { typescriptPlugin }] =
    await Promise.all([
      import("rollup"),
      import("@lwc/rollup-plugin"),
      import("./typescript-plugin.mjs")
    ]);
  const clientDir = join(PREVIEW_DIR, "client");
  const bundle = await rollup({
    input: join(clientDir, "main.ts"),
    plugins: [
      typescriptPlugin({ rootDir: PREVIEW_DIR }),
      platformModulesPlugin({ clientDir, metadata }),
      definePlugin({
        "import.meta.env.SSR": "false",
        "process.env.NODE_ENV": JSON.stringify(mode)
      }),
      lwc({
        rootDir: stagedDir,
        modules: [{ dir: stagedDir }, { npm: "lightning-base-components" }],
        // Only components need the LWC compiler; the engine, the demo
        // org and the preview's own modules are plain modules.
        exclude: ["**/node_modules/@lwc/**", `${PREVIEW_DIR}/**`],
        enableDynamicComponents: true
      })
    ],
    onwarn(warning, warn) {
      if (warning.code === "UNRESOLVED_IMPORT") {
        throw new Error(
          `${warning.exporter} is imported by ${warning.id} but nothing resolves it: add it to preview/bundler/platform-modules.mjs.`
        );
      }
      // The base components import each other in cycles; harmless here.
      if (warning.code !== "CIRCULAR_DEPENDENCY") {
        warn(warning);
      }
    }
  });
  try {
    // The base components import icon libraries on demand: each becomes
    // a chunk that the page loads only when it shows such an icon.
    await bundle.write({
      dir: outputDir,
      format: "es",
      entryFileNames: "app.js",
      chunkFileNames: "chunks/[name]-[hash].js",
      sourcemap: true
    });
  } finally {
    await bundle.close();
  }
}
