import { LightningElement } from "lwc";

/**
 * The OAuth Guard console, laid out like a Setup page: a header and one
 * tab per feature. Feature components plug in as tabs.
 */
export default class OauthGuardApp extends LightningElement {
  activeTab = "overview";

  handleTabActive(event: Event): void {
    const tab = event.target as HTMLElement & { value?: string };
    if (tab.value) {
      this.activeTab = tab.value;
    }
  }
}
