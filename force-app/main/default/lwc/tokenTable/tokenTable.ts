import { LightningElement, api } from "lwc";
import type { TokenPage, TokenSort, TokenSortField } from "c/tokenInventory";

interface Header {
  field: string;
  label: string;
  sortable: boolean;
}

const HEADERS: Header[] = [
  { field: "holderName", label: "User", sortable: true },
  { field: "username", label: "Username", sortable: false },
  { field: "status", label: "Status", sortable: false },
  { field: "powerful", label: "Powerful permissions", sortable: false },
  { field: "createdDate", label: "Created", sortable: true },
  { field: "lastUsedDate", label: "Last used", sortable: true },
  { field: "useCount", label: "Use count", sortable: true },
  { field: "ageDays", label: "Age (days)", sortable: false }
];

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

const SORT_FIELDS: Record<string, TokenSortField> = {
  holderName: "holder",
  createdDate: "createdDate",
  lastUsedDate: "lastUsedDate",
  useCount: "useCount"
};

interface TokenTableRow {
  key: string;
  userId: string;
  /** ISO 8601 UTC, as the inventory stores it. */
  createdDateIso: string;
  selected: boolean;
  selectLabel: string;
  revokeUserLabel: string;
  holderName: string;
  username: string;
  status: string;
  powerful: string;
  createdDate: string;
  lastUsedDate: string;
  useCount: string;
  ageDays: string;
}

/** A token the admin ticked or unticked: the inventory's name for it. */
export interface TokenSelection {
  key: string;
  userId: string;
  /** ISO 8601 UTC. */
  createdDate: string;
}

/**
 * One page of an app's tokens, by user, with paging and sorting, in plain
 * SLDS markup because lightning-datatable took hundreds of milliseconds
 * to mount 50 rows. When selectable, each row has a checkbox and a button
 * that revokes its holder's tokens; the parent keeps the selection, so
 * that it spans pages.
 */
export default class TokenTable extends LightningElement {
  @api tokenPage: TokenPage | null = null;
  /** Shows the selection checkboxes and the per-user revoke buttons. */
  @api selectable = false;
  /** Keys (`userId|createdDate`) of the selected tokens, on any page. */
  @api selectedKeys: string[] = [];

  sortedBy = "holderName";
  sortDirection: "asc" | "desc" = "asc";

  get rows(): TokenTableRow[] {
    const selected = new Set(this.selectedKeys ?? []);
    return (this.tokenPage?.rows ?? []).map((row) => {
      const holder = row.holder;
      let status = "Unknown";
      if (holder) {
        status = holder.isActive ? "Active" : "Inactive";
        status = holder.isFrozen ? `${status}, frozen` : status;
      }
      const key = `${row.userId}|${row.createdDate}`;
      const holderName = holder?.name ?? row.userId;
      const createdDate = formatDate(row.createdDate);
      return {
        key,
        userId: row.userId,
        createdDateIso: row.createdDate,
        selected: selected.has(key),
        selectLabel: `Select the token of ${holderName} created ${createdDate}`,
        revokeUserLabel: `Revoke this user's tokens: ${holderName}`,
        holderName,
        username: holder?.username ?? "",
        status,
        powerful: holder?.powerfulPermissions.join(", ") ?? "",
        createdDate,
        lastUsedDate: formatDate(row.lastUsedDate),
        useCount: row.useCount === null ? "" : row.useCount.toLocaleString(),
        ageDays: row.age.ageDays.toLocaleString()
      };
    });
  }

  get allOnPageSelected(): boolean {
    const rows = this.rows;
    return rows.length > 0 && rows.every((row) => row.selected);
  }

  get noRows(): boolean {
    return (this.tokenPage?.rows.length ?? 0) === 0;
  }

  handleRowSelect(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    const row = this.rows.find(
      (candidate) => candidate.key === input.dataset.key
    );
    if (row) {
      this.dispatchSelection([row], input.checked);
    }
  }

  handlePageSelect(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    this.dispatchSelection(this.rows, input.checked);
  }

  handleRevokeUser(event: Event): void {
    const button = event.currentTarget as HTMLElement;
    const row = this.rows.find(
      (candidate) => candidate.key === button.dataset.key
    );
    if (row) {
      this.dispatchEvent(
        new CustomEvent("revokeuser", {
          detail: { userId: row.userId, userName: row.holderName }
        })
      );
    }
  }

  private dispatchSelection(rows: TokenTableRow[], selected: boolean): void {
    const tokens: TokenSelection[] = rows.map((row) => ({
      key: row.key,
      userId: row.userId,
      createdDate: row.createdDateIso
    }));
    this.dispatchEvent(
      new CustomEvent("selectionchange", { detail: { tokens, selected } })
    );
  }

  get rangeText(): string {
    const page = this.tokenPage;
    if (!page || page.total === 0) {
      return "No tokens";
    }
    const first = page.offset + 1;
    const last = page.offset + page.rows.length;
    return `Tokens ${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
  }

  get previousDisabled(): boolean {
    return (this.tokenPage?.offset ?? 0) === 0;
  }

  get nextDisabled(): boolean {
    const page = this.tokenPage;
    return !page || page.offset + page.rows.length >= page.total;
  }

  handlePrevious(): void {
    const page = this.tokenPage;
    if (page) {
      this.requestPage(
        Math.max(0, page.offset - Math.max(page.rows.length, 1))
      );
    }
  }

  handleNext(): void {
    const page = this.tokenPage;
    if (page) {
      this.requestPage(page.offset + page.rows.length);
    }
  }

  get headers(): (Header & { ariaSort: string; arrow: string })[] {
    return HEADERS.map((header) => {
      const sorted = header.field === this.sortedBy;
      const ascending = this.sortDirection === "asc";
      let ariaSort = "none";
      let arrow = "";
      if (sorted) {
        ariaSort = ascending ? "ascending" : "descending";
        arrow = ascending ? "▲" : "▼";
      }
      return { ...header, ariaSort, arrow };
    });
  }

  handleSort(event: Event): void {
    const fieldName = (event.currentTarget as HTMLElement).dataset.field ?? "";
    const field = SORT_FIELDS[fieldName];
    if (!field) {
      return;
    }
    this.sortDirection =
      fieldName === this.sortedBy && this.sortDirection === "asc"
        ? "desc"
        : "asc";
    this.sortedBy = fieldName;
    const sort: TokenSort = {
      field,
      direction: this.sortDirection === "asc" ? "ascending" : "descending"
    };
    this.dispatchEvent(new CustomEvent("sortchange", { detail: sort }));
  }

  private requestPage(offset: number): void {
    this.dispatchEvent(new CustomEvent("pagechange", { detail: { offset } }));
  }
}
