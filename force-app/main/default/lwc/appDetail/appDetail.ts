import { LightningElement, api } from "lwc";
import type { Finding } from "c/findingEngine";
import hasRevokePermission from "@salesforce/customPermission/Revoke_OAuth_Tokens";
import type { RevocationRequest, RevocationScope } from "oauth-guard/dto";
import { setupPathFor } from "c/inventoryView";
import type { SelectedToken } from "c/revocableTokens";
import type { AppSummary, TokenPage, TokenSort } from "c/tokenInventory";
import type { TokenSelection } from "c/tokenTable";

/** The revoke dialog's request: what to revoke and, for a user, whose. */
interface DialogRequest {
  scope: RevocationScope;
  userId: string | null;
  userName: string | null;
}

const KIND_TEXT: Record<AppSummary["kind"], string> = {
  "connected-app": "Connected app",
  "external-client-app": "External client app",
  unknown: "Unknown kind"
};

/**
 * One app's detail: what its risk rests on, its tokens by user and a chart
 * of their ages, with the Setup page for what Apex cannot change. With the
 * Revoke OAuth Tokens custom permission it also revokes the selected
 * tokens, one user's tokens or every token of the app, and follows the
 * request. Apex checks the permission again, so hiding the buttons is a
 * convenience, not the control.
 */
export default class AppDetail extends LightningElement {
  @api tokenPage: TokenPage | null = null;
  @api ageBuckets: { label: string; count: number }[] = [];
  /** The app's findings, or null while they are read or unavailable. */
  @api findings: Finding[] | null = null;
  /** Reason the findings could not be read, or null. */
  @api findingsProblem: string | null = null;
  /** App names by key, for findings whose events gave only an id. */
  @api findingAppNames: Record<string, string> = {};
  /** A request to follow on arrival, for example after a reload. */
  @api
  get revocationRequestId(): string | null {
    return this.activeRequestId;
  }
  set revocationRequestId(value: string | null) {
    this.activeRequestId = value ?? null;
  }

  /**
   * Selected tokens by key (`userId|createdDate`). The inventory names a
   * token by user and creation time; the dialog maps these to Apex handles.
   */
  selection: TokenSelection[] = [];
  dialog: DialogRequest | null = null;
  activeRequestId: string | null = null;

  private currentApp: AppSummary | null = null;

  get hasFindings(): boolean {
    return (this.findings?.length ?? 0) > 0;
  }

  get findingsText(): string {
    if (this.findings !== null) {
      return this.findings.length === 0
        ? "No indicator rule matched this app's events."
        : `${this.findings.length} finding(s) name this app. Open one to see its events.`;
    }
    return this.findingsProblem === null
      ? "Reading the org's events and running the indicator rules…"
      : `Findings could not be read: ${this.findingsProblem}`;
  }

  get findingsLabel(): string {
    return `Findings of ${this.heading}`;
  }

  @api
  get app(): AppSummary | null {
    return this.currentApp;
  }
  set app(value: AppSummary | null) {
    if (value?.key !== this.currentApp?.key) {
      this.selection = [];
      this.dialog = null;
    }
    this.currentApp = value;
  }

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

  get appKey(): string {
    return this.app?.key ?? "";
  }

  get canRevoke(): boolean {
    return hasRevokePermission === true;
  }

  get selectedKeys(): string[] {
    return this.selection.map((token) => token.key);
  }

  get selectedCount(): number {
    return this.selection.length;
  }

  get revokeSelectedLabel(): string {
    return `Revoke selected (${this.selectedCount.toLocaleString()})`;
  }

  get noSelection(): boolean {
    return this.selection.length === 0;
  }

  get selectedTokens(): SelectedToken[] {
    return this.selection.map(({ userId, createdDate }) => ({
      userId,
      createdDate
    }));
  }

  /**
   * The name to type in incident mode: the shown name when the tokens
   * carry it, else null, so that the dialog takes it from the tokens,
   * because Apex accepts only a name that the tokens carry.
   */
  get confirmationName(): string | null {
    const app = this.app;
    return app && app.tokenAppNames.includes(app.name) ? app.name : null;
  }

  handleSelectionChange(
    event: CustomEvent<{ tokens: TokenSelection[]; selected: boolean }>
  ): void {
    const changed = new Set(event.detail.tokens.map((token) => token.key));
    const kept = this.selection.filter((token) => !changed.has(token.key));
    this.selection = event.detail.selected
      ? [...kept, ...event.detail.tokens]
      : kept;
  }

  handleClearSelection(): void {
    this.selection = [];
  }

  handleRevokeSelected(): void {
    this.dialog = { scope: "Selection", userId: null, userName: null };
  }

  handleRevokeApp(): void {
    this.dialog = { scope: "App", userId: null, userName: null };
  }

  handleRevokeUser(
    event: CustomEvent<{ userId: string; userName: string }>
  ): void {
    this.dialog = {
      scope: "User",
      userId: event.detail.userId,
      userName: event.detail.userName
    };
  }

  handleDialogCancel(): void {
    this.dialog = null;
  }

  handleRequested(event: CustomEvent<{ request: RevocationRequest }>): void {
    this.dialog = null;
    this.selection = [];
    this.activeRequestId = event.detail.request.id;
  }

  handleReload(event: CustomEvent<{ requestId: string }>): void {
    this.dispatchEvent(
      new CustomEvent("reload", {
        detail: { requestId: event.detail.requestId }
      })
    );
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
