#!/usr/bin/env node
// Compiles every emitted LWC bundle in the build tree with the LWC
// compiler, as the platform does on deploy, so that output TypeScript
// produced but the platform would reject fails here.
import { transformSync } from "@lwc/compiler";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const projectRoot =
  process.argv.find((arg) => arg.startsWith("--root="))?.slice(7) ??
  process.cwd();
const buildRoot = join(projectRoot, "build");
const COMPILED = /\.(js|html|css)$/;

function findBundleDirs(dir) {
  const bundles = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) {
      continue;
    }
    if (entry === "lwc") {
      for (const bundle of readdirSync(path)) {
        bundles.push(join(path, bundle));
      }
    } else {
      bundles.push(...findBundleDirs(path));
    }
  }
  return bundles;
}

if (!existsSync(buildRoot)) {
  console.error("build/ is missing: run `npm run build` first.");
  process.exit(1);
}

const problems = [];
let fileCount = 0;
const bundleDirs = findBundleDirs(buildRoot);
for (const bundleDir of bundleDirs) {
  const name = bundleDir.split(/[\\/]/).pop();
  for (const file of readdirSync(bundleDir)) {
    if (!COMPILED.test(file)) {
      continue;
    }
    const path = join(bundleDir, file);
    fileCount += 1;
    try {
      transformSync(readFileSync(path, "utf8"), file, {
        name,
        namespace: "c",
        experimentalDynamicComponent: { strictSpecifier: true }
      });
    } catch (error) {
      const location = error.location ? `:${error.location.line}` : "";
      problems.push(
        `${relative(projectRoot, path)}${location}: ${error.message}`
      );
    }
  }
}

for (const problem of problems) {
  console.error(problem);
}
if (problems.length > 0) {
  console.error(`lwc compile: ${problems.length} file(s) rejected`);
  process.exit(1);
}
console.log(
  `lwc compile: ${fileCount} files in ${bundleDirs.length} bundles compile`
);
