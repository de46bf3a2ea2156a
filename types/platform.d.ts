// Declarations for the platform modules that @salesforce/lightning-types
// does not cover. Each matches the documented runtime shape.

declare module "@salesforce/customPermission/*" {
  /** True when the running user holds the custom permission, else undefined. */
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module "@salesforce/resourceUrl/*" {
  const url: string;
  export default url;
}

declare module "@salesforce/label/*" {
  const label: string;
  export default label;
}

declare module "lightning/platformShowToastEvent" {
  export interface ShowToastEventDetail {
    title: string;
    message?: string;
    variant?: "info" | "success" | "warning" | "error";
    mode?: "dismissible" | "pester" | "sticky";
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
    constructor(detail: ShowToastEventDetail);
  }
}

declare module "lightning/navigation" {
  import type { LightningElement } from "lwc";

  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string>;
  }

  type Constructor<T> = abstract new (...args: never[]) => T;

  export interface NavigationCapable {
    [NavigationMixin.Navigate](
      pageReference: PageReference,
      replace?: boolean
    ): void;
    [NavigationMixin.GenerateUrl](
      pageReference: PageReference
    ): Promise<string>;
  }

  export function NavigationMixin<T extends Constructor<LightningElement>>(
    base: T
  ): T & Constructor<NavigationCapable>;

  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }
}

declare module "@salesforce/apex" {
  /**
   * Calls the Apex method behind a value that a wired member received,
   * and delivers the new result to that member.
   */
  export function refreshApex(wiredValue: unknown): Promise<void>;
}
