const { jestConfig } = require("@salesforce/sfdx-lwc-jest/config");

const LWC_ROOT = "<rootDir>/force-app/main/default/lwc";

/**
 * Shared TypeScript service modules: the deciding code that the org, the
 * local preview and the command line all run. Each must keep 90% line
 * coverage on its own.
 */
const SERVICE_MODULES = [
  "activityAggregate",
  "activityCapture",
  "activityEvents",
  "activityHistory",
  "activityImport",
  "activityRecord",
  "activityView",
  "appKey",
  "auditChain",
  "csvExport",
  "csvParser",
  "errorText",
  "eventJson",
  "eventLogFile",
  "eventRows",
  "evidencePack",
  "findingEngine",
  "findingEvidence",
  "findingMatchers",
  "findingRules",
  "guardSettings",
  "indicatorMatch",
  "inventoryLoader",
  "inventoryView",
  "ipRange",
  "jsonValueSplitter",
  "orgActivity",
  "orgFindings",
  "policyCatalog",
  "policyDecision",
  "policyView",
  "refreshTokenPolicy",
  "revocableTokens",
  "revocationPlan",
  "safeText",
  "sha256",
  "systemPermissions",
  "tokenAge",
  "tokenInventory",
  "tokenRisk"
];

// TypeScript for code that runs in Node (preview server, demo org,
// command line): types are stripped, then ES modules become CommonJS.
const nodeTransform = [
  "babel-jest",
  {
    presets: [["@babel/preset-typescript", { onlyRemoveTypeImports: true }]],
    plugins: ["@babel/plugin-transform-modules-commonjs"]
  }
];

module.exports = {
  collectCoverageFrom: [
    ...SERVICE_MODULES.map((name) => `${LWC_ROOT}/${name}/${name}.ts`),
    "<rootDir>/force-app/main/default/lwc/*/*.ts",
    "<rootDir>/preview/demo-org/**/*.ts",
    "<rootDir>/preview/client/**/*.ts",
    "<rootDir>/cli/*.ts",
    "!<rootDir>/cli/activity-core.ts",
    "!**/__tests__/**"
  ],
  coverageReporters: ["text-summary", "lcov"],
  coverageThreshold: Object.fromEntries(
    SERVICE_MODULES.map((name) => [
      `./force-app/main/default/lwc/${name}/${name}.ts`,
      { lines: 90 }
    ])
  ),
  projects: [
    {
      ...jestConfig,
      displayName: "components",
      roots: ["<rootDir>/force-app"],
      setupFilesAfterEnv: [
        ...(jestConfig.setupFilesAfterEnv ?? []),
        "<rootDir>/jest.sa11y.js"
      ],
      testMatch: ["**/__tests__/**/*.test.ts"]
    },
    {
      displayName: "node",
      testEnvironment: "node",
      roots: ["<rootDir>/preview", "<rootDir>/cli"].filter((root) =>
        require("node:fs").existsSync(root.replace("<rootDir>", __dirname))
      ),
      testMatch: ["**/__tests__/**/*.test.ts"],
      transform: { "^.+\\.ts$": nodeTransform },
      moduleFileExtensions: ["ts", "js", "json"],
      moduleNameMapper: { "^c/(.*)$": `${LWC_ROOT}/$1/$1.ts` },
      // Core modules get their coverage from their own tests in the
      // components project. Instrumenting them here too, with another
      // transform, merges two statement maps and under-reports both.
      coveragePathIgnorePatterns: ["/node_modules/", "/force-app/"]
    }
  ]
};
