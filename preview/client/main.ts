/**
 * Entry point of the preview page: the demo banner, then the OAuth Guard
 * app as an org would show it, over the demo org.
 */
// Synthetic shadow must load before the engine, as in Lightning
// Experience, where the base components and SLDS styles rely on it.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import OauthGuardApp from "c/oauthGuardApp";
import { renderDemoBanner } from "./demo-banner";
import { demoOrg, persona, runningUser, tamperMode } from "./demo-session";
import { installToastBridge } from "./toast-bridge";

function requireElement(id: string): HTMLElement {
  // The page, not a component, owns these elements.
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`The preview page has no element with id "${id}".`);
  }
  return found;
}

installToastBridge();
renderDemoBanner(requireElement("demo-banner"), {
  org: demoOrg,
  persona,
  runningUser,
  tamperMode
});
const app = createElement("c-oauth-guard-app", { is: OauthGuardApp });
requireElement("app").appendChild(app);
