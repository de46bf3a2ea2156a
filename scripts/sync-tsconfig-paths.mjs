#!/usr/bin/env node
// Keeps tsconfig.json's `paths` in step with the LWC bundles. TypeScript
// cannot map `c/name` to `lwc/name/name.ts` with one wildcard, so each
// bundle gets its own entry. With --check it only reports a stale file.
import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";

const root = process.argv.find((arg) => arg.startsWith("--root="))?.slice(7);
const projectRoot = root ?? process.cwd();
const lwcDir = join(projectRoot, "force-app/main/default/lwc");
const tsconfigPath = join(projectRoot, "tsconfig.json");

const paths = {};
for (const name of readdirSync(lwcDir).sort()) {
  if (existsSync(join(lwcDir, name, `${name}.ts`))) {
    paths[`c/${name}`] = [`force-app/main/default/lwc/${name}/${name}.ts`];
  }
}

const tsconfig = JSON.parse(readFileSync(tsconfigPath, "utf8"));
const current = JSON.stringify(tsconfig.compilerOptions.paths ?? {});
if (current === JSON.stringify(paths)) {
  process.exit(0);
}
if (process.argv.includes("--check")) {
  console.error(
    "tsconfig.json: compilerOptions.paths does not list every LWC bundle. " +
      "Run `npm run sync:paths` and commit the result."
  );
  process.exit(1);
}
tsconfig.compilerOptions.paths = paths;
// Written in Prettier's layout so that the format check passes.
writeFileSync(
  tsconfigPath,
  await format(JSON.stringify(tsconfig), { parser: "json" })
);
console.log(
  `tsconfig.json: paths updated for ${Object.keys(paths).length} bundles`
);
