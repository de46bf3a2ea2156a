// Rollup plugin that replaces build-time constants in the LWC engine and
// the base components, so that rollup drops the branches they guard.
// The base components test `import.meta.env.SSR`, which a browser cannot
// evaluate unless a bundler defines it. The engine tests
// `process.env.NODE_ENV`, which does not exist in a browser either.

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces each key of `definitions` with its value, as source text. */
export function definePlugin(definitions) {
  const entries = Object.entries(definitions).map(([name, value]) => [
    new RegExp(`\\b${escapeRegExp(name)}\\b`, "g"),
    value
  ]);
  return {
    name: "oauth-guard-preview-define",
    transform(code) {
      let replaced = code;
      for (const [pattern, value] of entries) {
        replaced = replaced.replace(pattern, value);
      }
      return replaced === code ? null : { code: replaced, map: null };
    }
  };
}
