import { LightningElement, api } from "lwc";
import type { AppTableRow, SortableColumn } from "c/inventoryView";
import type { FindingBadge } from "c/orgFindings";

/** The Findings column, which cannot be sorted. */
const FINDINGS_FIELD = "findings";

interface Header {
  field: SortableColumn | typeof FINDINGS_FIELD;
  label: string;
  numeric: boolean;
}

interface HeaderView extends Header {
  sortable: boolean;
  /** Undefined for a column that cannot be sorted, which omits aria-sort. */
  ariaSort: "ascending" | "descending" | "none" | undefined;
  arrow: string;
  sortHint: string;
}

interface RowView extends AppTableRow {
  subtitle: string;
  usersText: string;
  tokensText: string;
  oldestText: string;
  lastUsedText: string;
  useCountText: string;
  staleText: string;
  oldText: string;
  riskClass: string;
  findingsText: string;
  findingsClass: string;
}

/** Badge classes per risk level, which finding severities share. */
const RISK_CLASSES: Record<string, string> = {
  High: "slds-badge slds-theme_error",
  Medium: "slds-badge slds-theme_warning",
  Low: "slds-badge",
  None: "slds-badge slds-badge_lightest"
};

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC"
});

function formatDate(iso: string | null): string {
  if (iso === null) {
    return "Never";
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

/**
 * The apps table: one row per app, sortable by any column, every cell
 * text. Plain SLDS markup renders 40 apps in a fraction of the time
 * lightning-datatable takes, which kept the page's longest task short.
 */
export default class AppTable extends LightningElement {
  @api rows: AppTableRow[] = [];
  @api sortedBy: SortableColumn = "riskLevel";
  @api sortDirection: "asc" | "desc" = "desc";
  @api staleAfterDays = 90;
  @api oldAfterDays = 180;
  /** Findings per app key, once the findings are read. */
  @api findingBadges: Record<string, FindingBadge> | null = null;
  /** Text of the Findings column while there are no badges. */
  @api findingsPending = "Reading…";

  get headers(): HeaderView[] {
    const columns: Header[] = [
      { field: "name", label: "App", numeric: false },
      { field: "riskLevel", label: "Risk", numeric: false },
      { field: FINDINGS_FIELD, label: "Findings", numeric: false },
      { field: "users", label: "Users", numeric: true },
      { field: "tokens", label: "Tokens", numeric: true },
      { field: "oldestCreated", label: "Oldest token", numeric: false },
      { field: "lastUsed", label: "Last used", numeric: false },
      { field: "totalUseCount", label: "Use count", numeric: true },
      {
        field: "staleCount",
        label: `Unused over ${this.staleAfterDays} days`,
        numeric: true
      },
      {
        field: "oldCount",
        label: `Older than ${this.oldAfterDays} days`,
        numeric: true
      },
      { field: "refreshTokenPolicy", label: "Refresh token", numeric: false },
      { field: "permittedUsers", label: "Who may authorise", numeric: false }
    ];
    return columns.map((column) => {
      const sorted = column.field === this.sortedBy;
      const ascending = this.sortDirection === "asc";
      let ariaSort: HeaderView["ariaSort"] = "none";
      let arrow = "";
      if (sorted) {
        ariaSort = ascending ? "ascending" : "descending";
        arrow = ascending ? "▲" : "▼";
      }
      const sortable = column.field !== FINDINGS_FIELD;
      return {
        ...column,
        sortable,
        ariaSort: sortable ? ariaSort : undefined,
        arrow,
        sortHint: `Sort by ${column.label}`
      };
    });
  }

  get rowViews(): RowView[] {
    return this.rows.map((row) => ({
      ...row,
      subtitle: [
        `${row.kind}, ${row.installed.toLowerCase()}`,
        row.identityNote
      ]
        .filter((part) => part !== "")
        .join(". "),
      usersText: row.users.toLocaleString(),
      tokensText: row.tokens.toLocaleString(),
      oldestText: formatDate(row.oldestCreated),
      lastUsedText: formatDate(row.lastUsed),
      useCountText: row.totalUseCount.toLocaleString(),
      staleText: row.staleCount.toLocaleString(),
      oldText: row.oldCount.toLocaleString(),
      riskClass: RISK_CLASSES[row.riskLevel] ?? "slds-badge",
      ...this.findingsCell(row.key)
    }));
  }

  private findingsCell(key: string): {
    findingsText: string;
    findingsClass: string;
  } {
    if (this.findingBadges === null) {
      return { findingsText: this.findingsPending, findingsClass: "" };
    }
    const badge = this.findingBadges[key];
    if (!badge || badge.severity === null) {
      return { findingsText: "None", findingsClass: "" };
    }
    return {
      findingsText: badge.text,
      findingsClass: RISK_CLASSES[badge.severity] ?? "slds-badge"
    };
  }

  handleSort(event: Event): void {
    const field = (event.currentTarget as HTMLElement).dataset.field as
      SortableColumn | typeof FINDINGS_FIELD | undefined;
    if (!field || field === FINDINGS_FIELD) {
      return;
    }
    let direction: "asc" | "desc" = "asc";
    if (field === this.sortedBy) {
      direction = this.sortDirection === "asc" ? "desc" : "asc";
    } else if (field === "riskLevel") {
      direction = "desc";
    }
    this.dispatchEvent(
      new CustomEvent("sort", {
        detail: { fieldName: field, sortDirection: direction }
      })
    );
  }

  handleOpen(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    if (key) {
      this.dispatchEvent(new CustomEvent("open", { detail: { key } }));
    }
  }
}
