import { LightningElement, api } from "lwc";
import type { TokenPage, TokenSort, TokenSortField } from "c/tokenInventory";

const COLUMNS = [
  { label: "User", fieldName: "holderName", sortable: true },
  { label: "Username", fieldName: "username" },
  { label: "Status", fieldName: "status" },
  { label: "Powerful permissions", fieldName: "powerful", wrapText: true },
  { label: "Created", fieldName: "createdDate", type: "date", sortable: true },
  {
    label: "Last used",
    fieldName: "lastUsedDate",
    type: "date",
    sortable: true
  },
  { label: "Use count", fieldName: "useCount", type: "number", sortable: true },
  { label: "Age (days)", fieldName: "ageDays", type: "number" }
];

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
  lastUsedDate: string | null;
  useCount: number | null;
  ageDays: number;
}

/** One page of an app's tokens, by user, with paging and sorting. */
export default class TokenTable extends LightningElement {
  @api tokenPage: TokenPage | null = null;

  columns = COLUMNS;
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
        createdDate: row.createdDate,
        lastUsedDate: row.lastUsedDate,
        useCount: row.useCount,
        ageDays: row.age.ageDays
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
    return `Tokens ${first}–${last} of ${page.total}`;
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

  handleSort(
    event: CustomEvent<{ fieldName: string; sortDirection: "asc" | "desc" }>
  ): void {
    const field = SORT_FIELDS[event.detail.fieldName];
    if (!field) {
      return;
    }
    this.sortedBy = event.detail.fieldName;
    this.sortDirection = event.detail.sortDirection;
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
