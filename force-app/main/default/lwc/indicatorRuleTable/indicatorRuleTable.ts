import { LightningElement, api } from "lwc";
import type { IndicatorRuleRow } from "c/policyView";

/** The indicator rule records, or a sentence when there are none. */
export default class IndicatorRuleTable extends LightningElement {
  @api rows: IndicatorRuleRow[] = [];

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }
}
