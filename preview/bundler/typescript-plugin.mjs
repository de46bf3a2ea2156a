// Rollup plugin that strips TypeScript types from the preview's own
// modules. Type checking is tsc's job (npm run typecheck), so this only
// transpiles, one file at a time.
import ts from "typescript";

/** Transpiles every `.ts` module whose path starts with `rootDir`. */
export function typescriptPlugin({ rootDir }) {
  return {
    name: "oauth-guard-preview-typescript",
    transform(code, id) {
      if (!id.endsWith(".ts") || !id.startsWith(rootDir)) {
        return null;
      }
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          useDefineForClassFields: true,
          sourceMap: true
        }
      });
      return { code: output.outputText, map: output.sourceMapText };
    }
  };
}
