/**
 * Lightning Experience URLs of page references, as the platform's
 * NavigationMixin.GenerateUrl returns them, relative to the org's domain.
 */

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, string>;
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value.length > 0 ? value : fallback;
}

/** Returns the Lightning Experience URL of a page reference. */
export function urlOfPageReference(pageReference: PageReference): string {
  const attributes = pageReference.attributes ?? {};
  const objectName = text(attributes.objectApiName, "");
  const action = text(attributes.actionName, "view");
  let url: string;
  switch (pageReference.type) {
    case "standard__webPage":
      url = text(attributes.url, "/");
      break;
    case "standard__recordPage":
      url = `/lightning/r/${objectName || "sObject"}/${text(attributes.recordId, "")}/${action}`;
      break;
    case "standard__objectPage":
      url = `/lightning/o/${objectName}/${text(attributes.actionName, "home")}`;
      break;
    case "standard__navItemPage":
      url = `/lightning/n/${text(attributes.apiName, "")}`;
      break;
    case "standard__namedPage":
      url = `/lightning/page/${text(attributes.pageName, "home")}`;
      break;
    default:
      url = `/lightning/?pageReference=${encodeURIComponent(JSON.stringify(pageReference))}`;
  }
  const query = new URLSearchParams(pageReference.state ?? {}).toString();
  return query ? `${url}?${query}` : url;
}
