/**
 * The preview's `lightning/navigation`. No Salesforce org is behind the
 * preview, so Navigate opens nothing: it logs the Lightning URL that
 * the page reference leads to and shows it in a toast. GenerateUrl
 * returns that URL, relative to the org's domain.
 */
import Toast from "lightning/toast";
import { urlOfPageReference, type PageReference } from "./page-reference-url";

const Navigate = Symbol("Navigate");
const GenerateUrl = Symbol("GenerateUrl");

// A mixin's base must take `any[]`: TypeScript rejects other rest types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

export function NavigationMixin<Base extends Constructor>(base: Base) {
  return class extends base {
    [Navigate](pageReference: PageReference): void {
      const url = urlOfPageReference(pageReference);
      console.info(`Demo navigation to ${url}`);
      Toast.show(
        {
          label: "Navigation is not available in the demo",
          message: `In a Salesforce org, this opens ${url}`,
          variant: "info",
          mode: "dismissible"
        },
        document.body
      );
    }

    [GenerateUrl](pageReference: PageReference): Promise<string> {
      return Promise.resolve(urlOfPageReference(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** The page the preview presents: the OAuth Guard tab of the app. */
const CURRENT_PAGE: PageReference = {
  type: "standard__navItemPage",
  attributes: { apiName: "OAuth_Guard" },
  state: {}
};

/** Wire adapter that emits the current page reference on every update. */
export class CurrentPageReference {
  constructor(private readonly dataCallback: (value: unknown) => void) {}

  connect(): void {}

  disconnect(): void {}

  update(): void {
    this.dataCallback(structuredClone(CURRENT_PAGE));
  }
}
