// Rollup plugin that resolves the platform modules a component imports
// in an org (`@salesforce/...` and a few `lightning/...` modules that the
// base components package does not ship) to their preview versions.
// Apex imports go to the demo org. A reference to metadata that the
// build tree does not define fails the bundle, as it fails a deployment.
import { join } from "node:path";

const VIRTUAL_PREFIX = "\0oauth-guard-preview:";

/**
 * The preview's own module with the build tree's custom metadata records,
 * which the demo org returns where Apex would read them.
 */
const CUSTOM_METADATA_MODULE = "oauth-guard-preview/custom-metadata";

/** `lightning/...` modules that the preview implements itself. */
const LIGHTNING_OVERRIDES = {
  "lightning/navigation": "platform/navigation.ts",
  "lightning/platformShowToastEvent": "platform/show-toast-event.ts",
  "lightning/platformResourceLoader": "platform/resource-loader.ts"
};

/**
 * Feature gates of the base components that the preview closes. The base
 * components package opens every gate, but the combobox's element
 * internals gate makes lightning-combobox call attachInternals, which the
 * LWC engine rejects under synthetic shadow, the mode the preview runs
 * in as Lightning Experience does.
 */
const CLOSED_GATES = new Set([
  "@salesforce/gate/bc.260.enableComboboxElementInternals"
]);

function literal(value) {
  return JSON.stringify(value);
}

/**
 * Creates the plugin. `metadata` contains what preview/metadata.mjs reads:
 * the Maps labels, customPermissions and staticResources, and the array
 * customMetadataRecords.
 */
export function platformModulesPlugin({ clientDir, metadata }) {
  const apexClient = literal(join(clientDir, "apex-client.ts"));
  const demoSession = literal(join(clientDir, "demo-session.ts"));

  /** Returns the source of a virtual module, or throws for unknown metadata. */
  function sourceOf(specifier) {
    if (CLOSED_GATES.has(specifier)) {
      return "export default { isOpen: () => false };";
    }
    if (specifier === CUSTOM_METADATA_MODULE) {
      return `export default ${literal(metadata.customMetadataRecords)};`;
    }
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
        CLOSED_GATES.has(source) ||
        source === CUSTOM_METADATA_MODULE ||
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
