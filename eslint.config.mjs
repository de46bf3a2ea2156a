// Lint for the LWC TypeScript: Salesforce's recommended LWC rules plus
// typescript-eslint's type-aware rules. `npm run lint` allows no warnings.
import lwcRecommendedTs from "@salesforce/eslint-config-lwc/recommended-ts.js";
import tseslint from "typescript-eslint";

const componentFiles = ["force-app/**/lwc/**/*.ts"];
const typedFiles = [...componentFiles, "preview/**/*.ts", "cli/**/*.ts"];

export default [
  {
    ignores: [
      "node_modules/**",
      "build/**",
      "dist/**",
      "coverage/**",
      "force-app/**/lwc/**/*.js",
      "e2e/screenshots/**"
    ]
  },
  // LWC rules apply to components only; the preview and the command line
  // are not components.
  ...lwcRecommendedTs.map((config) => ({ ...config, files: componentFiles })),
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: typedFiles
  })),
  {
    files: typedFiles,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      // The typed rules below replace these; core ones misread TypeScript.
      "no-undef": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_" }
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      // Platform modules such as @salesforce/apex/* resolve only in the
      // org, the Jest resolver and the preview build.
      "import/no-unresolved": "off"
    }
  },
  {
    files: ["**/__tests__/**/*.ts"],
    rules: {
      // Jest mocks and DOM queries are loosely typed by nature.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/unbound-method": "off"
    }
  }
];
