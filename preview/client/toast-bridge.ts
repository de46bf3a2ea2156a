/**
 * Shows the toasts that components request with the platform's
 * ShowToastEvent. In Lightning Experience the page around a component
 * renders them; here the base components' toast does.
 */
import Toast from "lightning/toast";
import {
  SHOW_TOAST_EVENT_NAME,
  type ShowToastEventDetail
} from "./platform/show-toast-event";

type ToastLink = { url: string; label: string };

function isLink(value: unknown): value is ToastLink {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ToastLink).url === "string" &&
    typeof (value as ToastLink).label === "string"
  );
}

function showPlatformToast(event: Event): void {
  const detail = (event as CustomEvent).detail as
    (ShowToastEventDetail & { toast?: unknown }) | null;
  // Toast.show dispatches the same event name with its own `toast`
  // class: leave that one to the base components' toast container.
  if (!detail || detail.toast) {
    return;
  }
  event.stopImmediatePropagation();
  const links = (detail.messageData ?? []).filter(isLink);
  Toast.show(
    {
      label: detail.title,
      message: detail.message ?? "",
      ...(links.length > 0 ? { messageLinks: links } : {}),
      variant: detail.variant ?? "info",
      mode: detail.mode === "sticky" ? "sticky" : "dismissible"
    },
    document.body
  );
}

/** Starts rendering toasts; call once, before any component loads. */
export function installToastBridge(): void {
  window.addEventListener(SHOW_TOAST_EVENT_NAME, showPlatformToast, {
    capture: true
  });
}
