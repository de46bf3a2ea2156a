/**
 * The banner above the app, which labels the page as a demo with sample
 * data and switches between the admin and viewer personas. It is plain
 * DOM outside the product components, so no product component changes
 * for the preview.
 */
import type { DemoOrg } from "../demo-org/demo-org";
import type { DemoPersona } from "../demo-org/running-users";
import type { DemoUser } from "../demo-org/users";
import { TAMPER_QUERY_PARAMETER, VIEWER_QUERY_PARAMETER } from "./demo-session";

export interface DemoBannerState {
  org: DemoOrg;
  persona: DemoPersona;
  runningUser: DemoUser;
  /** True when one stored audit record was altered (`?tamper=1`). */
  tamperMode: boolean;
}

const PERSONA_DESCRIPTIONS: Record<DemoPersona, string> = {
  admin: "an OAuth Guard admin with every permission the app uses",
  viewer:
    "an OAuth Guard viewer and auditor, without Revoke OAuth Tokens and some system permissions"
};

function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  className: string,
  text?: string
): HTMLElementTagNameMap[Tag] {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) {
    created.textContent = text;
  }
  return created;
}

/** Returns this page's URL for the other persona. */
function otherPersonaUrl(persona: DemoPersona): string {
  const url = new URL(window.location.href);
  if (persona === "admin") {
    url.searchParams.set(VIEWER_QUERY_PARAMETER, "1");
  } else {
    url.searchParams.delete(VIEWER_QUERY_PARAMETER);
  }
  return url.pathname + url.search + url.hash;
}

/** Returns this page's URL with tamper mode switched on or off. */
function tamperUrl(tamperMode: boolean): string {
  const url = new URL(window.location.href);
  if (tamperMode) {
    url.searchParams.delete(TAMPER_QUERY_PARAMETER);
  } else {
    url.searchParams.set(TAMPER_QUERY_PARAMETER, "1");
  }
  return url.pathname + url.search + url.hash;
}

/** Builds the line that offers or explains tamper mode. */
function tamperLine(tamperMode: boolean): HTMLElement {
  const line = element(
    "p",
    "",
    tamperMode
      ? "Tamper mode: one audit record was changed after it was hashed, as " +
          "someone bypassing OAuth Guard would change it. "
      : "To see how the Audit tab reports a changed record: "
  );
  const link = element(
    "a",
    "",
    tamperMode ? "Show the untouched audit trail" : "Alter an audit record"
  );
  link.href = tamperUrl(tamperMode);
  link.dataset.id = "tamper-switch";
  line.append(link);
  return line;
}

/** Renders the banner into `container`, replacing its content. */
export function renderDemoBanner(
  container: HTMLElement,
  state: DemoBannerState
): void {
  const banner = element(
    "section",
    "slds-notify slds-notify_alert slds-alert_warning demo-banner"
  );
  banner.setAttribute("aria-label", "About this demo");
  banner.dataset.id = "demo-banner";

  const body = element("div", "slds-text-align_left");
  body.append(
    element("h2", "slds-text-heading_small", "Demo org with sample data"),
    element(
      "p",
      "",
      `No Salesforce org is connected: the data is generated (seed ` +
        `${state.org.seed}, ${state.org.userCount.toLocaleString("en-US")} ` +
        `users). State lives in this page's memory and resets when you ` +
        `reload.`
    )
  );

  const persona = element(
    "p",
    "",
    `You are ${state.runningUser.name}, ${PERSONA_DESCRIPTIONS[state.persona]}. `
  );
  const switchLink = element(
    "a",
    "",
    state.persona === "admin" ? "View as a viewer" : "View as the admin"
  );
  switchLink.href = otherPersonaUrl(state.persona);
  switchLink.dataset.id = "persona-switch";
  persona.append(switchLink);
  body.append(persona, tamperLine(state.tamperMode));

  banner.append(body);
  container.replaceChildren(banner);
}
