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
  holderName: string;
  username: string;
  status: string;
  powerful: string;
  createdDate: string;
  lastUsedDate: string;
  useCount: string;
  ageDays: string;
}

/**
 * One page of an app's tokens, by user, with paging and sorting, in plain
 * SLDS markup because lightning-datatable took hundreds of milliseconds
 * to mount 50 rows.
 */
export default class TokenTable extends LightningElement {
  @api tokenPage: TokenPage | null = null;

  sortedBy = "holderName";
  sortDirection: "asc" | "desc" = "asc";

  get rows(): TokenTableRow[] {
    return (this.tokenPage?.rows ?? []).map((row) => {
      const holder = row.holder;
      let status = "Unknown";
      if (holder) {
        status = holder.isActive ? "Active" : "Inactive";
        status = holder.isFrozen ? `${status}, frozen` : status;
      }
      return {
        key: `${row.userId}|${row.createdDate}`,
        holderName: holder?.name ?? row.userId,
        username: holder?.username ?? "",
        status,
        powerful: holder?.powerfulPermissions.join(", ") ?? "",
        createdDate: formatDate(row.createdDate),
        lastUsedDate: formatDate(row.lastUsedDate),
        useCount: row.useCount === null ? "" : row.useCount.toLocaleString(),
        ageDays: row.age.ageDays.toLocaleString()
      };
    });
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
