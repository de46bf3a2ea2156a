import { LightningElement, api } from "lwc";
import type { PolicyRow } from "c/policyView";

/** The shipped transaction security policies, one row each. */
export default class PolicyTable extends LightningElement {
  @api rows: PolicyRow[] = [];
}
