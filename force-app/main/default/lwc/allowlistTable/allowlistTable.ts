import { LightningElement, api } from "lwc";
import type { AllowlistRow } from "c/policyView";

/** The allowlist records, or a sentence when there are none. */
export default class AllowlistTable extends LightningElement {
  @api rows: AllowlistRow[] = [];

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }
}
