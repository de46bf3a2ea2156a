import { LightningElement, wire } from "lwc";
import { refreshApex } from "@salesforce/apex";
import getPolicyOverview from "@salesforce/apex/PolicyController.getPolicyOverview";
import type { WiredResult } from "oauth-guard/apex";
import type { PolicyOverview } from "oauth-guard/dto";
import { TRANSACTION_SECURITY_SETUP_PATH } from "c/policyCatalog";
import { viewPolicyOverview, type PolicyOverviewView } from "c/policyView";

/**
 * The Policies tab: OAuth Guard's transaction security policies with
 * their state in the org, and the allowlist and indicator rules they read.
 */
export default class PolicyList extends LightningElement {
  setupUrl = TRANSACTION_SECURITY_SETUP_PATH;
  view: PolicyOverviewView | null = null;
  error: unknown;
  refreshing = false;

  private wiredOverviewResult: WiredResult<PolicyOverview> | undefined;

  @wire(getPolicyOverview)
  wiredOverview(result: WiredResult<PolicyOverview>): void {
    this.wiredOverviewResult = result;
    if (result.data) {
      this.view = viewPolicyOverview(result.data);
      this.error = undefined;
    } else if (result.error) {
      this.view = null;
      this.error = result.error;
    }
  }

  get loading(): boolean {
    return !this.view && !this.error;
  }

  get problemItems(): { key: string; text: string }[] {
    return (this.view?.problems ?? []).map((text, index) => ({
      key: String(index),
      text
    }));
  }

  get hasProblems(): boolean {
    return this.problemItems.length > 0;
  }

  /** Reads the policies again, for example after switching one on in Setup. */
  async handleRefresh(): Promise<void> {
    this.refreshing = true;
    try {
      await refreshApex(this.wiredOverviewResult);
    } finally {
      this.refreshing = false;
    }
  }
}
