import { LightningElement, api } from "lwc";
import { UNATTRIBUTED_APP_KEY, type Finding } from "c/findingEngine";
import { formatEventTime } from "c/eventTable";

/**
 * Returns the app names of a finding: each key named by the index, by
 * the names the events gave, or shown as the key itself.
 */
function appLabelOf(
  finding: Finding,
  appNames: Record<string, string>
): string {
  if (finding.appKeys.length === 0 || finding.appKey === UNATTRIBUTED_APP_KEY) {
    return "unattributed";
  }
  const labels = new Set<string>();
  for (const key of finding.appKeys) {
    const name =
      appNames[key] ??
      (key.startsWith("name:") ? key.slice("name:".length) : null);
    if (name !== null) {
      labels.add(name);
    } else if (finding.appNames.length === 0) {
      labels.add(key === UNATTRIBUTED_APP_KEY ? "unattributed" : key);
    }
  }
  finding.appNames.forEach((name) => labels.add(name));
  return [...labels].join(", ");
}

/**
 * Returns the users of a finding, each by the username its events gave
 * where they gave one, else by id.
 */
function userLabelOf(finding: Finding): string {
  if (finding.users.length === 0) {
    return "none";
  }
  const usernames = new Map<string, string>();
  for (const event of finding.events) {
    if (event.userId !== null && event.username !== null) {
      usernames.set(event.userId, event.username);
    }
  }
  return finding.users.map((user) => usernames.get(user) ?? user).join(", ");
}

/**
 * Findings in severity order, each with a button that shows the events
 * behind it. Used by the Findings tab and by an app's detail.
 */
export default class FindingTable extends LightningElement {
  @api findings: Finding[] = [];
  @api label = "Findings";
  /** App names by app key, for events that gave only an app id. */
  @api appNames: Record<string, string> = {};
  expandedIds: string[] = [];

  get rows() {
    return this.findings.map((finding) => {
      const expanded = this.expandedIds.includes(finding.id);
      return {
        key: finding.id,
        ruleId: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        app: appLabelOf(finding, this.appNames ?? {}),
        user: userLabelOf(finding),
        firstTime: formatEventTime(finding.firstTime),
        lastTime: formatEventTime(finding.lastTime),
        count: finding.count.toLocaleString("en-US"),
        detail: finding.detail,
        expanded,
        ariaExpanded: expanded ? "true" : "false",
        toggleLabel: expanded
          ? `Hide the events of ${finding.ruleId}`
          : `Show the events of ${finding.ruleId}`,
        eventsId: `events-${finding.id}`,
        eventsLabel: `Events of ${finding.ruleId}`,
        omittedText:
          finding.eventsOmitted > 0
            ? `${finding.eventsOmitted.toLocaleString("en-US")} more matching event(s) are not shown.`
            : "",
        events: finding.events
      };
    });
  }

  handleToggle(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id ?? "";
    this.expandedIds = this.expandedIds.includes(id)
      ? this.expandedIds.filter((expandedId) => expandedId !== id)
      : [...this.expandedIds, id];
  }
}
