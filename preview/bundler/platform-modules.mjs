// Rollup plugin that resolves the platform modules a component imports
// in an org (`@salesforce/...` and a few `lightning/...` modules that the
// base components package does not ship) to their preview versions.
// Apex imports go to the demo org. A reference to metadata that the
// build tree does not define fails the bundle, as it fails a deployment.
import { join } from "node:path";

const VIRTUAL_PREFIX = "\0oauth-guard-preview:";

/** `lightning/...` modules that the preview implements itself. */
const LIGHTNING_OVERRIDES = {
  "lightning/navigation": "platform/navigation.ts",
  "lightning/platformShowToastEvent": "platform/show-toast-event.ts",
  "lightning/platformResourceLoader": "platform/resource-loader.ts"
};

function literal(value) {
  return JSON.stringify(value);
}

/**
 * Creates the plugin. `metadata` contains the Maps that preview/metadata.mjs
 * reads: labels, customPermissions and staticResources.
 */
export function platformModulesPlugin({ clientDir, metadata }) {
  const apexClient = literal(join(clientDir, "apex-client.ts"));
  const demoSession = literal(join(clientDir, "demo-session.ts"));

  /** Returns the source of a virtual module, or throws for unknown metadata. */
  function sourceOf(specifier) {
    if (specifier === "@salesforce/apex") {
      return `export { refreshApex, getSObjectValue } from ${apexClient};`;
    }
    const [, kind, name] = specifier.match(/^@salesforce\/([^/]+)\/(.+)$/);
    switch (kind) {
      case "apex":
        return (
          `import { createApexMethod } from ${apexClient};\n` +
          `export default createApexMethod(${literal(name)});`
        );
      case "customPermission": {
        const enablingSets = metadata.customPermissions.get(name);
        if (!enablingSets) {
          throw new Error(
            `Custom permission ${name} is not defined in the build tree's customPermissions folder.`
          );
        }
        return (
          `import { hasCustomPermission } from ${demoSession};\n` +
          `export default hasCustomPermission(${literal(enablingSets)});`
        );
      }
      case "resourceUrl":
        if (!metadata.staticResources.has(name)) {
          throw new Error(
            `Static resource ${name} is not defined in the build tree's staticresources folder.`
          );
        }
        return `export default ${literal(`/resource/${name}`)};`;
      case "label": {
        const labelName = name.replace(/^c\./, "");
        if (!metadata.labels.has(labelName)) {
          throw new Error(
            `Custom label ${name} is not defined in CustomLabels.labels-meta.xml.`
          );
        }
        return `export default ${literal(metadata.labels.get(labelName))};`;
      }
      case "user":
        if (name === "Id") {
          return (
            `import { runningUser } from ${demoSession};\n` +
            `export default runningUser.id;`
          );
        }
        if (name === "isGuest") {
          return "export default false;";
        }
        break;
      case "schema": {
        const [objectApiName, ...fieldPath] = name.split(".");
        const reference = fieldPath.length
          ? { objectApiName, fieldApiName: fieldPath.join(".") }
          : { objectApiName };
        return `export default ${literal(reference)};`;
      }
    }
    throw new Error(`The preview has no implementation of ${specifier}.`);
  }

  return {
    name: "oauth-guard-preview-platform-modules",
    resolveId(source) {
      if (LIGHTNING_OVERRIDES[source]) {
        return join(clientDir, LIGHTNING_OVERRIDES[source]);
      }
      const handled =
        source === "@salesforce/apex" ||
        /^@salesforce\/(apex|customPermission|resourceUrl|user|schema)\//.test(
          source
        ) ||
        source.startsWith("@salesforce/label/c.");
      return handled ? VIRTUAL_PREFIX + source : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_PREFIX)) {
        return null;
      }
      const specifier = id.slice(VIRTUAL_PREFIX.length);
      try {
        return sourceOf(specifier);
      } catch (error) {
        this.error(`Cannot resolve ${specifier}: ${error.message}`);
      }
    }
  };
}
