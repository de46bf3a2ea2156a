/**
 * The preview's `lightning/platformShowToastEvent`: the same event the
 * platform dispatches. The page's toast bridge renders it.
 */

export const SHOW_TOAST_EVENT_NAME = "lightning__showtoast";

export interface ShowToastEventDetail {
  title: string;
  message?: string;
  messageData?: unknown[];
  variant?: "info" | "success" | "warning" | "error";
  mode?: "dismissible" | "pester" | "sticky";
}

export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
  constructor(detail: ShowToastEventDetail) {
    super(SHOW_TOAST_EVENT_NAME, {
      bubbles: true,
      cancelable: true,
      composed: true,
      detail
    });
  }
}
