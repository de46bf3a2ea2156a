/**
 * The revocation and audit state of a demo org: its audit ledger, the
 * token handles it issued and its revocation requests with their jobs.
 * The state is created on first use, with a short audit history, and
 * lives as long as the org, so it resets when the preview page reloads.
 */
import type { AuditEntry } from "oauth-guard/dto";
import { DemoAuditLedger } from "./audit-ledger";
import { seedAuditHistory } from "./audit-history";
import type { DemoOrg } from "./demo-org";
import type { DemoOAuthToken } from "./oauth-tokens";
import { DemoTokenHandles } from "./token-handles";

/** One revocation request and what its simulated job has left to do. */
export interface DemoRevocationRequest {
  /** The request's audit record; its status and counts change as it runs. */
  entry: AuditEntry;
  lastError: string | null;
  /** UTC epoch milliseconds of the last progress update, or null. */
  progressUpdatedAt: number | null;
  /** Tokens the job has yet to settle, in the order it takes them. */
  queue: DemoOAuthToken[];
  /** Selected handles that name no token the org still has. */
  unresolvedHandles: string[];
  /** When the job's next link runs, or null when no job runs. */
  nextLinkAt: number | null;
}

export interface DemoRevocationOptions {
  /** Current time in UTC epoch milliseconds; Date.now unless given. */
  clock?: () => number;
  /**
   * Alters one stored audit record of the seeded history after it was
   * hashed, so that the page reports the trail as not intact.
   */
  tamper?: boolean;
}

export interface DemoRevocationState {
  readonly ledger: DemoAuditLedger;
  readonly handles: DemoTokenHandles;
  readonly requests: DemoRevocationRequest[];
  /** Tokens that a job revoked or found gone, removed from the org. */
  readonly goneTokens: WeakSet<DemoOAuthToken>;
  readonly clock: () => number;
  /** Jobs started so far, which numbers the demo AsyncApexJob ids. */
  jobCount: number;
}

const states = new WeakMap<DemoOrg, DemoRevocationState>();
const pendingOptions = new WeakMap<DemoOrg, DemoRevocationOptions>();

/**
 * Sets the clock and tamper mode of an org's revocation state. Call it
 * before the first revocation or audit call: the state is created then.
 */
export function configureRevocationDemo(
  org: DemoOrg,
  options: DemoRevocationOptions
): void {
  if (states.has(org)) {
    throw new Error(
      "The demo org's revocation state exists already. Configure it before " +
        "the first revocation or audit call."
    );
  }
  pendingOptions.set(org, options);
}

/**
 * Returns the org's revocation state, creating it with the seeded audit
 * history on first use. The history names the org's users and tokens, so
 * await org.loadOAuthTokens() first, or the tokens are generated in one
 * long task.
 */
export function revocationStateOf(org: DemoOrg): DemoRevocationState {
  let state = states.get(org);
  if (!state) {
    const options = pendingOptions.get(org) ?? {};
    state = {
      ledger: new DemoAuditLedger(),
      handles: new DemoTokenHandles(org.seed),
      requests: [],
      goneTokens: new WeakSet(),
      clock: options.clock ?? (() => Date.now()),
      jobCount: 0
    };
    states.set(org, state);
    seedAuditHistory(org, state, { tamper: options.tamper ?? false });
  }
  return state;
}
