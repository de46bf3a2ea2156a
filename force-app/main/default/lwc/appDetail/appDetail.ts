import { LightningElement, api } from "lwc";
import { setupPathFor } from "c/inventoryView";
import type { AppSummary, TokenPage, TokenSort } from "c/tokenInventory";

const KIND_TEXT: Record<AppSummary["kind"], string> = {
  "connected-app": "Connected app",
  "external-client-app": "External client app",
  unknown: "Unknown kind"
};

/**
 * One app's detail: what its risk rests on, its tokens by user and a chart
 * of their ages, with the Setup page for what Apex cannot change.
 */
export default class AppDetail extends LightningElement {
  @api app: AppSummary | null = null;
  @api tokenPage: TokenPage | null = null;
  @api ageBuckets: { label: string; count: number }[] = [];

  get heading(): string {
    return this.app?.name ?? "";
  }

  get subtitle(): string {
    if (!this.app) {
      return "";
    }
    const installed =
      this.app.installed === null
        ? "installation unknown"
        : this.app.installed
          ? "installed"
          : "not installed in this org";
    return `${KIND_TEXT[this.app.kind]}, ${installed}`;
  }

  get otherNames(): string {
    const names = (this.app?.tokenAppNames ?? []).filter(
      (name) => name !== this.app?.name
    );
    return names.length > 0 ? `Tokens name it: ${names.join(", ")}` : "";
  }

  get riskLevelText(): string {
    const level = this.app?.risk.level ?? "none";
    return `Risk: ${level.charAt(0).toUpperCase()}${level.slice(1)}`;
  }

  get factors(): { key: string; text: string }[] {
    return (this.app?.risk.factors ?? []).map((factor) => ({
      key: factor.code,
      text: factor.message
    }));
  }

  get hasFactors(): boolean {
    return this.factors.length > 0;
  }

  get policyText(): string {
    return this.app?.refreshTokenPolicy.explanation ?? "";
  }

  get setupUrl(): string {
    return this.app ? setupPathFor(this.app) : "";
  }

  get chartTitle(): string {
    return `Token ages for ${this.heading}`;
  }

  handleClose(): void {
    this.dispatchEvent(new CustomEvent("close"));
  }

  handlePage(event: CustomEvent<{ offset: number }>): void {
    this.dispatchEvent(
      new CustomEvent("pagechange", { detail: { offset: event.detail.offset } })
    );
  }

  handleSort(event: CustomEvent<TokenSort>): void {
    this.dispatchEvent(
      new CustomEvent("sortchange", { detail: { ...event.detail } })
    );
  }
}
