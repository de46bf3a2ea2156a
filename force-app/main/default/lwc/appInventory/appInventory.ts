import { LightningElement } from "lwc";
import getSettings from "@salesforce/apex/GuardSettingsController.getSettings";
import countTokens from "@salesforce/apex/TokenInventoryController.countTokens";
import listConnectedApps from "@salesforce/apex/TokenInventoryController.listConnectedApps";
import readTokenSlice from "@salesforce/apex/TokenInventoryController.readTokenSlice";
import {
  loadInventory,
  type InventoryApi,
  type InventoryLoad,
  type LoadProgress
} from "c/inventoryLoader";
import {
  ageBucketsForApp,
  filterApps,
  sortRows,
  toTableRow,
  type AppTableRow,
  type RiskFilter,
  type SortableColumn
} from "c/inventoryView";
import { errorText } from "c/errorText";
import type { Finding } from "c/findingEngine";
import { loadOrgFindings } from "c/orgActivityStore";
import {
  findingBadge,
  findingsOfApp,
  type AppRef,
  type FindingBadge
} from "c/orgFindings";
import {
  summarise,
  tokensForApp,
  type AppSummary,
  type TokenPage,
  type TokenSort
} from "c/tokenInventory";

const TOKEN_PAGE_SIZE = 50;

const RISK_OPTIONS = [
  { label: "All risk levels", value: "all" },
  { label: "High", value: "high" },
  { label: "Medium", value: "medium" },
  { label: "Low", value: "low" },
  { label: "None", value: "none" }
];

const apexInventory: InventoryApi = {
  getSettings: () => getSettings(),
  countTokens: () => countTokens(),
  listConnectedApps: () => listConnectedApps(),
  readTokenSlice: (cursor) => readTokenSlice({ cursor })
};

/** Lets the browser paint between chunks of a slice. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    // A zero-delay timer ends the current task, so that input is
    // handled between chunks while 60,000 tokens are folded in.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(resolve, 0);
  });
}

/**
 * The apps page: every app that holds OAuth tokens, its figures and its
 * risk, with a filter, sorting and an app's detail.
 */
export default class AppInventory extends LightningElement {
  staleAfterDays = 90;
  oldAfterDays = 180;
  riskOptions = RISK_OPTIONS;
  loading = true;
  error: unknown;
  progress: LoadProgress | null = null;
  problems: string[] = [];
  seesAllUsers = true;
  apps: AppSummary[] = [];
  filterText = "";
  riskFilter: RiskFilter = "all";
  sortedBy: SortableColumn = "riskLevel";
  sortDirection: "asc" | "desc" = "desc";
  selectedKey: string | null = null;
  tokenPage: TokenPage | null = null;
  /** The revocation the open app's detail follows across a reload. */
  revocationRequestId: string | null = null;
  ageBuckets: { label: string; count: number }[] = [];
  /** Findings over the org's activity, or null until they are read. */
  findings: Finding[] | null = null;
  /** Reason the findings could not be read, or null. */
  findingsProblem: string | null = null;
  /** App names by key, for findings whose events gave only an id. */
  findingAppNames: Record<string, string> = {};

  private inventory: InventoryLoad | null = null;
  private tokenSort: TokenSort = { field: "holder", direction: "ascending" };
  private now = Date.now();
  private disconnected = false;

  override connectedCallback(): void {
    this.disconnected = false;
    this.read().catch((error: unknown) => {
      this.error = error;
    });
  }

  override disconnectedCallback(): void {
    this.disconnected = true;
  }

  private async read(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    this.now = Date.now();
    try {
      const load = await loadInventory(apexInventory, {
        yieldBetweenChunks: nextTask,
        isCancelled: () => this.disconnected,
        onProgress: (progress) => {
          this.progress = progress;
        }
      });
      this.inventory = load;
      this.problems = load.problems;
      this.seesAllUsers = load.count.seesAllUsers;
      this.apps = summarise(load.state, load.policies, this.now);
      this.staleAfterDays = load.state.settings.staleAfterDays;
      this.oldAfterDays = load.state.settings.oldAfterDays;
      this.readFindings();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  /**
   * Reads the findings after the tokens, so that the table shows first.
   * A failure leaves the tokens usable, and the column reads "Not
   * available".
   */
  private readFindings(): void {
    if (this.findings !== null) {
      return;
    }
    loadOrgFindings()
      .then((loaded) => {
        this.findings = loaded.report.findings;
        this.findingAppNames = loaded.appNames;
      })
      .catch((error: unknown) => {
        this.findingsProblem = errorText(error);
      });
  }

  private appRef(app: AppSummary): AppRef {
    const names = [...app.tokenAppNames];
    if (app.connectedAppName !== null) {
      names.push(app.connectedAppName);
    }
    return { key: app.key, names };
  }

  get findingBadges(): Record<string, FindingBadge> | null {
    const findings = this.findings;
    if (findings === null) {
      return null;
    }
    const badges: Record<string, FindingBadge> = {};
    for (const app of this.apps) {
      badges[app.key] = findingBadge(findingsOfApp(findings, this.appRef(app)));
    }
    return badges;
  }

  get findingsPending(): string {
    return this.findingsProblem === null ? "Reading…" : "Not available";
  }

  get selectedAppFindings(): Finding[] | null {
    const app = this.selectedApp;
    if (this.findings === null || app === null) {
      return null;
    }
    return findingsOfApp(this.findings, this.appRef(app));
  }

  get progressText(): string {
    if (!this.progress) {
      return "Counting OAuth tokens…";
    }
    const { tokensRead, tokensCounted } = this.progress;
    return `Read ${tokensRead.toLocaleString()} of ${tokensCounted.toLocaleString()} OAuth tokens`;
  }

  get progressValue(): number {
    return this.progress?.percent ?? 0;
  }

  get showTable(): boolean {
    return !this.loading && !this.error && this.apps.length > 0;
  }

  get isEmpty(): boolean {
    return !this.loading && !this.error && this.apps.length === 0;
  }

  get seesOnlyOwnTokens(): boolean {
    return !this.loading && !this.error && !this.seesAllUsers;
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  get problemItems(): { key: string; text: string }[] {
    return this.problems.map((text, index) => ({ key: String(index), text }));
  }

  get rows(): AppTableRow[] {
    const shown = filterApps(this.apps, this.filterText, this.riskFilter);
    return sortRows(shown.map(toTableRow), this.sortedBy, this.sortDirection);
  }

  get shownCountText(): string {
    return `${this.rows.length} of ${this.apps.length} apps`;
  }

  get selectedApp(): AppSummary | null {
    return this.apps.find((app) => app.key === this.selectedKey) ?? null;
  }

  handleFilterChange(event: CustomEvent<{ value: string }>): void {
    this.filterText = event.detail.value ?? "";
  }

  handleRiskChange(event: CustomEvent<{ value: RiskFilter }>): void {
    this.riskFilter = event.detail.value;
  }

  handleSort(
    event: CustomEvent<{
      fieldName: SortableColumn;
      sortDirection: "asc" | "desc";
    }>
  ): void {
    this.sortedBy = event.detail.fieldName;
    this.sortDirection = event.detail.sortDirection;
  }

  handleOpen(event: CustomEvent<{ key: string }>): void {
    this.openApp(event.detail.key);
  }

  handleCloseDetail(): void {
    this.selectedKey = null;
    this.tokenPage = null;
    this.revocationRequestId = null;
  }

  /**
   * Reads every token again after a revocation, so that the revoked tokens
   * leave the figures, and reopens the app with the request it followed.
   * An app whose tokens are all gone is no longer listed.
   */
  handleReload(event: CustomEvent<{ requestId: string | null }>): void {
    const key = this.selectedKey;
    this.revocationRequestId = event.detail.requestId ?? null;
    this.read()
      .then(() => {
        if (key !== null && this.apps.some((app) => app.key === key)) {
          this.openApp(key);
        } else {
          this.handleCloseDetail();
        }
      })
      .catch((error: unknown) => {
        this.error = error;
      });
  }

  handleTokenPage(event: CustomEvent<{ offset: number }>): void {
    this.showTokens(event.detail.offset);
  }

  handleTokenSort(event: CustomEvent<TokenSort>): void {
    this.tokenSort = event.detail;
    this.showTokens(0);
  }

  private openApp(key: string): void {
    this.selectedKey = key;
    this.tokenSort = { field: "holder", direction: "ascending" };
    if (this.inventory) {
      this.ageBuckets = ageBucketsForApp(this.inventory.state, key, this.now);
    }
    this.showTokens(0);
  }

  private showTokens(offset: number): void {
    if (!this.inventory || this.selectedKey === null) {
      return;
    }
    this.tokenPage = tokensForApp(this.inventory.state, this.selectedKey, {
      offset,
      limit: TOKEN_PAGE_SIZE,
      sort: this.tokenSort,
      now: this.now
    });
  }
}
