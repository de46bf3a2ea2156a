#!/usr/bin/env node
// Writes OAuth Guard's transaction security policies as a small SFDX
// project of their own, for an org where the package is already installed
// but the policies are not (whether policies install from a managed
// package is unconfirmed). Each policy's apexClass gains the package
// namespace, because a policy outside the package must name the package's
// global condition class as namespace__ClassName.
//
// Usage:
//   node scripts/policy-bundle.mjs --namespace=acme [--out=DIR]
//   cd DIR && npx sf project deploy start --source-dir policies --target-org ORG
//
// Options: --root=DIR (project root, default cwd); --namespace=NS (the
// installed package's namespace; empty for an org where the classes were
// deployed without one); --out=DIR (default build/standalone-policies,
// replaced on each run).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseCheckOptions } from "./lib/cli.mjs";
import {
  POLICY_SUFFIX,
  listPolicyFiles,
  splitClassReference
} from "./lib/policy-files.mjs";
import { readPackageDirectories } from "./lib/sfdx-project.mjs";

const SCRIPT = "policy-bundle";
const NAMESPACE_FORMAT = /^([A-Za-z][A-Za-z0-9]{0,14})?$/;
const options = parseCheckOptions(`scripts/${SCRIPT}.mjs`, {
  namespace: { type: "string" },
  out: { type: "string" }
});

function fail(message) {
  console.error(`${SCRIPT}: ${message}`);
  process.exit(1);
}

if (options.namespace === undefined) {
  fail(
    "--namespace is missing. Pass the installed package's namespace, " +
      "or --namespace= for classes deployed without one."
  );
}
const namespace = options.namespace.trim();
if (!NAMESPACE_FORMAT.test(namespace)) {
  fail(
    `--namespace "${namespace}" is invalid: a namespace is a letter ` +
      "followed by at most 14 letters and digits."
  );
}

const project = JSON.parse(
  readFileSync(join(options.root, "sfdx-project.json"), "utf8")
);
const policyFiles = listPolicyFiles(readPackageDirectories(options.root));
if (policyFiles.length === 0) {
  fail(
    "no transactionSecurityPolicies files found in the package directories."
  );
}

const out = resolve(options.root, options.out ?? "build/standalone-policies");
const policiesDirectory = join(out, "policies", "transactionSecurityPolicies");
rmSync(out, { recursive: true, force: true });
mkdirSync(policiesDirectory, { recursive: true });

for (const path of policyFiles) {
  const text = readFileSync(path, "utf8");
  const rewritten = text.replace(
    /<apexClass>([^<]*)<\/apexClass>/,
    (_element, reference) => {
      const { name } = splitClassReference(reference.trim());
      const qualified = namespace ? `${namespace}__${name}` : name;
      return `<apexClass>${qualified}</apexClass>`;
    }
  );
  writeFileSync(join(policiesDirectory, basename(path)), rewritten);
}

writeFileSync(
  join(out, "sfdx-project.json"),
  JSON.stringify(
    {
      packageDirectories: [{ path: "policies", default: true }],
      name: "oauth-guard-policies",
      namespace: "",
      sourceApiVersion: project.sourceApiVersion
    },
    null,
    2
  ) + "\n"
);

const names = policyFiles.map((path) => basename(path, POLICY_SUFFIX));
console.log(
  `${SCRIPT}: ${names.length} policies written to ${out} ` +
    `(${namespace ? `namespace ${namespace}` : "no namespace"}): ` +
    names.join(", ")
);
console.log(
  `Deploy: cd ${out} && npx sf project deploy start --source-dir policies ` +
    "--target-org <alias>"
);
