#!/usr/bin/env node
// `npm start`: builds the components as they deploy, bundles them with
// the base components and the demo org, and serves the demo on this
// machine only.
import { parseArgs } from "node:util";
import { buildPreviewBundle } from "./bundler/bundle.mjs";
import { createPreviewServer, PREVIEW_HOST } from "./server/server.mjs";

const DEFAULT_PORT = 3000;
const USAGE = `Usage: npm start -- [--port N]

Serves the OAuth Guard demo at http://${PREVIEW_HOST}:N/ (N is ${DEFAULT_PORT} by
default). --port, or else the PORT environment variable, sets N; 0 picks a
free port. Add ?viewer=1 to the page URL to see what a viewer sees.
`;

function fail(message) {
  console.error(`preview: ${message}`);
  process.exit(1);
}

function readPort() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const text = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    fail(`invalid port "${text}": use a whole number from 0 to 65535.`);
  }
  return port;
}

function seconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

const port = readPort();
let bundle;
try {
  bundle = await buildPreviewBundle();
} catch (error) {
  fail(`could not build the preview bundle: ${error.message}`);
}
const server = createPreviewServer({
  bundleDir: bundle.bundleDir,
  staticResources: bundle.metadata.staticResources,
  log: (message) => console.error(message)
});
server.on("error", (error) => {
  if (error.code === "EADDRINUSE") {
    fail(`port ${port} is in use: choose another with --port N or PORT=N.`);
  }
  fail(`the server failed: ${error.message}`);
});
server.listen(port, PREVIEW_HOST, () => {
  const url = `http://${PREVIEW_HOST}:${server.address().port}/`;
  const bundleNote = bundle.fromCache ? "reused from cache" : "rebuilt";
  // performance.now() counts from the start of this Node process, so
  // npm's own start-up time is not included.
  console.log(`OAuth Guard demo: ${url}`);
  console.log(`Viewer without Revoke OAuth Tokens: ${url}?viewer=1`);
  console.log(
    `Ready in ${seconds(performance.now())}, of which ${seconds(bundle.buildMs)} for scripts/build.mjs and the bundle (${bundleNote}). Stop with Ctrl+C.`
  );
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
