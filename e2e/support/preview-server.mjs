// Starts `npm start`'s server for the browser tests, on a free port of
// 127.0.0.1, and stops it afterwards.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const START_SCRIPT = fileURLToPath(
  new URL("../../preview/start.mjs", import.meta.url)
);
const READY_LINE = /^OAuth Guard demo: (http:\/\/127\.0\.0\.1:\d+\/)$/m;
const START_TIMEOUT_MS = 120_000;

/**
 * Starts the preview server and resolves once it serves. Returns `{ url,
 * readyMs, output, stop }`, where readyMs runs from spawning the process
 * to its ready line, and output() returns what it printed so far.
 */
export async function startPreviewServer() {
  const started = performance.now();
  const child = spawn(process.execPath, [START_SCRIPT, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"]
  });
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(
          `The preview did not start within ${START_TIMEOUT_MS} ms:\n${output}`
        )
      );
    }, START_TIMEOUT_MS);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(READY_LINE);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The preview exited with code ${code} before serving:\n${output}`
        )
      );
    });
  });

  return {
    url,
    readyMs: performance.now() - started,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }
  };
}
