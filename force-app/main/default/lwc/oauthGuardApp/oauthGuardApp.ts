import { LightningElement } from "lwc";

/**
 * The OAuth Guard console, laid out like a Setup page: a header, the
 * system permissions the user lacks, and one tab per feature.
 */
export default class OauthGuardApp extends LightningElement {
  activeTab = "apps";

  handleTabActive(event: Event): void {
    const tab = event.target as HTMLElement & { value?: string };
    if (tab.value) {
      this.activeTab = tab.value;
    }
  }
}
