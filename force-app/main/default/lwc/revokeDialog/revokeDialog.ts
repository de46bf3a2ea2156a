import { LightningElement, api, wire } from "lwc";
import getRevocationAccess from "@salesforce/apex/TokenRevocationController.getRevocationAccess";
import listRevocableTokens from "@salesforce/apex/TokenRevocationController.listRevocableTokens";
import requestRevocation from "@salesforce/apex/TokenRevocationController.requestRevocation";
import type { WiredResult } from "oauth-guard/apex";
import type { RevocationAccess, RevocationScope } from "oauth-guard/dto";
import {
  MAXIMUM_REASON_LENGTH,
  checkRevocationForm,
  planRevocation,
  toRequestParams,
  type RevocationPlan
} from "c/revocationPlan";
import {
  matchSelectedHandles,
  readRevocableTokens,
  type SelectedToken
} from "c/revocableTokens";

const HEADINGS: Record<RevocationScope, string> = {
  User: "Revoke this user's tokens",
  Selection: "Revoke the selected tokens",
  App: "Incident mode: revoke every token"
};

function plural(count: number, noun: string): string {
  return `${count.toLocaleString()} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * The confirmation before a revocation. It reads the app's tokens by
 * handle and states how many tokens and users the request covers. It
 * requires a reason, and in incident mode the typed app name, then starts
 * the request. It is a plain SLDS modal inside the component, so that it
 * needs no overlay support from the page.
 */
export default class RevokeDialog extends LightningElement {
  @api appKey = "";
  /** The app's name as the page shows it. */
  @api appLabel = "";
  /**
   * The name to type in incident mode, or null to take it from the
   * tokens: Apex accepts only a name that the app's tokens carry.
   */
  @api confirmationName: string | null = null;
  @api scope: RevocationScope = "Selection";
  /** The holder, for a User request. */
  @api userId: string | null = null;
  @api userName: string | null = null;
  /** The rows ticked in the token table, for a Selection request. */
  @api selectedTokens: SelectedToken[] = [];

  loading = true;
  tokensRead = 0;
  loadError: unknown;
  plan: RevocationPlan | null = null;
  unmatched = 0;
  readProblems: string[] = [];
  reason = "";
  typedName = "";
  formProblems: string[] = [];
  submitting = false;
  submitError: unknown;
  access: RevocationAccess | null = null;

  private focused = false;

  @wire(getRevocationAccess)
  wiredAccess({ data }: WiredResult<RevocationAccess>): void {
    // The access only adds the endpoint note, so an error leaves it out.
    this.access = data ?? null;
  }

  override connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.loadError = error;
      this.loading = false;
    });
  }

  override renderedCallback(): void {
    if (this.focused || this.loading) {
      return;
    }
    const first = this.template?.querySelector<HTMLElement>(
      this.loadError ? '[data-id="cancel"]' : '[data-id="reason"]'
    );
    if (first) {
      first.focus();
      this.focused = true;
    }
  }

  private async load(): Promise<void> {
    const read = await readRevocableTokens(
      (cursor) => listRevocableTokens({ appKey: this.appKey, cursor }),
      (tokensRead) => {
        this.tokensRead = tokensRead;
      }
    );
    let handles: string[] = [];
    if (this.scope === "Selection") {
      const match = matchSelectedHandles(read.tokens, this.selectedTokens);
      handles = match.handles;
      this.unmatched = match.unmatched;
    }
    this.readProblems = read.problems;
    this.plan = planRevocation({
      scope: this.scope,
      appKey: this.appKey,
      tokens: read.tokens,
      appName: this.confirmationName,
      userId: this.userId,
      handles
    });
    this.loading = false;
  }

  get heading(): string {
    return HEADINGS[this.scope];
  }

  get loadingText(): string {
    return `Reading the app's tokens: ${this.tokensRead.toLocaleString()} read`;
  }

  get showForm(): boolean {
    return !this.loading && !this.loadError && this.plan !== null;
  }

  get summary(): string {
    const plan = this.plan;
    if (!plan) {
      return "";
    }
    const tokens = plural(plan.tokenCount, "OAuth token");
    if (plan.scope === "User") {
      return `This revokes ${tokens} of ${this.userName ?? this.userId ?? "the user"} for ${this.appLabel}.`;
    }
    return `This revokes ${tokens} of ${this.appLabel}, held by ${plural(plan.userCount, "user")}.`;
  }

  get unmatchedText(): string {
    return this.unmatched === 0
      ? ""
      : `${plural(this.unmatched, "selected token")} no longer exist: ` +
          `revoked or expired since the page loaded them.`;
  }

  get hasReadProblems(): boolean {
    return this.readProblems.length > 0;
  }

  get readProblemItems(): { key: string; text: string }[] {
    return this.readProblems.map((text, index) => ({
      key: String(index),
      text
    }));
  }

  get isAppScope(): boolean {
    return this.scope === "App";
  }

  get expectedName(): string {
    return this.plan?.confirmationName ?? "";
  }

  get maximumReasonLength(): number {
    return MAXIMUM_REASON_LENGTH;
  }

  get endpointNote(): string {
    if (!this.access) {
      return "";
    }
    return (
      `When Apex's revokeToken rejects a token, OAuth Guard calls the org's ` +
      `revoke endpoint, ${this.access.revokeEndpoint}, which needs a Remote ` +
      `Site Setting for ${this.access.orgDomainUrl}.`
    );
  }

  get hasFormProblems(): boolean {
    return this.formProblems.length > 0;
  }

  get formProblemItems(): { key: string; text: string }[] {
    return this.formProblems.map((text, index) => ({
      key: String(index),
      text
    }));
  }

  get submitLabel(): string {
    return this.plan
      ? `Revoke ${plural(this.plan.tokenCount, "token")}`
      : "Revoke";
  }

  get submitDisabled(): boolean {
    return !this.showForm || this.submitting || this.plan?.tokenCount === 0;
  }

  handleReasonInput(event: Event): void {
    this.reason = (event.target as HTMLTextAreaElement).value;
  }

  handleNameInput(event: Event): void {
    this.typedName = (event.target as HTMLInputElement).value;
  }

  handleKeyDown(event: KeyboardEvent): void {
    if (event.key === "Escape" && !this.submitting) {
      event.stopPropagation();
      this.handleCancel();
    } else if (event.key === "Tab") {
      this.keepFocusInside(event);
    }
  }

  /** Moves Tab from the last control to the first, and back, as a modal does. */
  private keepFocusInside(event: KeyboardEvent): void {
    const controls = Array.from(
      this.template?.querySelectorAll<HTMLElement>(
        "textarea, input, button:not([disabled])"
      ) ?? []
    );
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) {
      return;
    }
    const active = this.template?.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent("cancel"));
  }

  async handleSubmit(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.submitting) {
      return;
    }
    const form = { reason: this.reason, typedName: this.typedName };
    this.formProblems = checkRevocationForm(plan, form);
    this.submitError = undefined;
    if (this.formProblems.length > 0) {
      return;
    }
    this.submitting = true;
    try {
      const request = await requestRevocation(toRequestParams(plan, form));
      this.dispatchEvent(new CustomEvent("requested", { detail: { request } }));
    } catch (error) {
      this.submitError = error;
    } finally {
      this.submitting = false;
    }
  }
}
