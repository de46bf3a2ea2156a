// Columns of the apps table. Every cell is text or a number; the app name
// is a button label, which the datatable renders as text.

/** Builds the columns; the stale and old headers name their thresholds. */
export function appColumns(staleAfterDays: number, oldAfterDays: number) {
  return [
    {
      label: "App",
      fieldName: "name",
      type: "button",
      sortable: true,
      initialWidth: 220,
      typeAttributes: {
        label: { fieldName: "name" },
        name: "open",
        variant: "base",
        title: "Open this app's tokens"
      }
    },
    { label: "Risk", fieldName: "riskLevel", sortable: true, initialWidth: 90 },
    {
      label: "Why",
      fieldName: "riskReasons",
      wrapText: true,
      initialWidth: 320
    },
    { label: "Kind", fieldName: "kind", sortable: true },
    { label: "Installed", fieldName: "installed", sortable: true },
    { label: "Users", fieldName: "users", type: "number", sortable: true },
    { label: "Tokens", fieldName: "tokens", type: "number", sortable: true },
    {
      label: "Oldest token",
      fieldName: "oldestCreated",
      type: "date",
      sortable: true
    },
    { label: "Last used", fieldName: "lastUsed", type: "date", sortable: true },
    {
      label: "Use count",
      fieldName: "totalUseCount",
      type: "number",
      sortable: true
    },
    {
      label: `Unused over ${staleAfterDays} days`,
      fieldName: "staleCount",
      type: "number",
      sortable: true
    },
    {
      label: `Older than ${oldAfterDays} days`,
      fieldName: "oldCount",
      type: "number",
      sortable: true
    },
    {
      label: "Refresh token",
      fieldName: "refreshTokenPolicy",
      sortable: true
    },
    { label: "Who may authorise", fieldName: "permittedUsers", sortable: true }
  ];
}

export const RISK_OPTIONS = [
  { label: "All risk levels", value: "all" },
  { label: "High", value: "high" },
  { label: "Medium", value: "medium" },
  { label: "Low", value: "low" },
  { label: "None", value: "none" }
];
