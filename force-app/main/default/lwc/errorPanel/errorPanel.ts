import { LightningElement, api } from "lwc";
import { errorMessages } from "c/errorText";

/** Shows a load failure as text, never as HTML. */
export default class ErrorPanel extends LightningElement {
  /** Heading naming what could not be loaded. */
  @api friendlyMessage = "Something went wrong.";
  /** Any error shape: Apex, UI API, Error, string or an array of them. */
  @api errors: unknown;

  get messages(): { key: string; text: string }[] {
    return errorMessages(this.errors).map((text, index) => ({
      key: String(index),
      text
    }));
  }
}
