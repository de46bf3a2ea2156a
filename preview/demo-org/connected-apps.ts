/**
 * Turns the app catalogue into the demo org's app records: ids, menu
 * items, creation dates and, for installed apps, the ConnectedApplication
 * policy that listConnectedApps returns.
 */
import type { ConnectedAppPolicy } from "oauth-guard/dto";
import type { DemoAppDefinition } from "./app-catalog";
import type { Random } from "./random";
import { demoRecordId } from "./salesforce-id";

/** One app of the demo org. */
export interface DemoApp {
  definition: DemoAppDefinition;
  /**
   * AppMenuItem.ApplicationId of the app's tokens, or null when the app
   * has no menu item.
   */
  applicationId: string | null;
  /** Null when the app has no menu item. */
  appMenuItemId: string | null;
  /** UTC epoch milliseconds, before the app's first token. */
  createdAt: number;
  /** The ConnectedApplication record, or null when not installed. */
  policy: ConnectedAppPolicy | null;
}

export const CONNECTED_APP_KEY_PREFIX = "0H4";
export const EXTERNAL_CLIENT_APP_KEY_PREFIX = "0xI";
export const APP_MENU_ITEM_KEY_PREFIX = "0DS";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns true when no token of the app carries a menu item. */
function hasNoMenuItem(definition: DemoAppDefinition): boolean {
  return (definition.missingMenuItemShare ?? 0) >= 1;
}

function applicationIdOf(
  definition: DemoAppDefinition,
  sequence: number
): string | null {
  if (definition.kind === "connected-app") {
    return demoRecordId(CONNECTED_APP_KEY_PREFIX, sequence);
  }
  if (definition.kind === "external-client-app") {
    return demoRecordId(EXTERNAL_CLIENT_APP_KEY_PREFIX, sequence);
  }
  return null;
}

function policyOf(
  definition: DemoAppDefinition,
  applicationId: string | null,
  createdAt: number
): ConnectedAppPolicy | null {
  if (
    !definition.policy ||
    applicationId === null ||
    definition.name === null
  ) {
    return null;
  }
  return {
    applicationId,
    name: definition.name,
    menuLabel: hasNoMenuItem(definition)
      ? null
      : (definition.menuLabel ?? definition.name),
    ...definition.policy,
    createdDate: new Date(createdAt).toISOString()
  };
}

/**
 * Returns one app per catalogue entry, in catalogue order. The random
 * stream only sets creation dates, so the same stream yields the same apps.
 */
export function generateApps(
  random: Random,
  catalog: readonly DemoAppDefinition[],
  now: Date
): DemoApp[] {
  return catalog.map((definition, index) => {
    // Sequence numbers start at 1, because 0 makes an Id of zeros.
    const sequence = index + 1;
    const leadDays = random.int(7, 90);
    const createdAt =
      now.getTime() -
      (definition.introducedDaysAgo + leadDays) * DAY_MS -
      random.int(0, DAY_MS / 1000 - 1) * 1000;
    // The stored id keeps its kind even without a menu item, so that the
    // ConnectedApplication record of an installed app has one.
    const recordId = applicationIdOf(definition, sequence);
    const hasMenuItem = recordId !== null && !hasNoMenuItem(definition);
    return {
      definition,
      applicationId: hasMenuItem ? recordId : null,
      appMenuItemId: hasMenuItem
        ? demoRecordId(APP_MENU_ITEM_KEY_PREFIX, sequence)
        : null,
      createdAt,
      policy: policyOf(definition, recordId, createdAt)
    };
  });
}
