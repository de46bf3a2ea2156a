/**
 * The demo org: generated records in place of a Salesforce org in the
 * local preview. Each slice of records has its own generator module and
 * its own random stream, and is generated on first use. Users are the
 * first slice; connected apps, OAuth tokens, policies and event activity
 * are to follow.
 */
import { createRandom } from "./random";
import { createRunningUsers, type DemoPersona } from "./running-users";
import { generateUsers, type DemoUser } from "./users";

export interface DemoOrgOptions {
  /** Seed of every generator: the same seed yields the same org. */
  seed?: number;
  /** The org's current time, fixed so that dates are reproducible too. */
  now?: Date;
  /** Number of users, the two running users included. */
  userCount?: number;
}

export const DEFAULT_SEED = 20240611;
export const DEFAULT_NOW = new Date("2025-06-02T09:00:00.000Z");
export const DEFAULT_USER_COUNT = 5000;
export const DEMO_DOMAIN = "acme-demo.example";

export class DemoOrg {
  readonly seed: number;
  readonly now: Date;
  readonly userCount: number;
  /** Event Monitoring licence: real-time event objects exist. */
  readonly hasEventMonitoring = true;
  readonly runningUsers: Readonly<Record<DemoPersona, DemoUser>>;
  private usersSlice: DemoUser[] | undefined;

  constructor(options: DemoOrgOptions = {}) {
    this.seed = options.seed ?? DEFAULT_SEED;
    this.now = new Date(options.now ?? DEFAULT_NOW);
    this.userCount = options.userCount ?? DEFAULT_USER_COUNT;
    if (!Number.isInteger(this.userCount) || this.userCount < 2) {
      throw new RangeError(
        `userCount must be an integer of at least 2 (the running users), got ${this.userCount}.`
      );
    }
    this.runningUsers = createRunningUsers(this.now, DEMO_DOMAIN);
  }

  /** Every user, running users first, then the generated ones. */
  get users(): readonly DemoUser[] {
    if (!this.usersSlice) {
      const fixed = [this.runningUsers.admin, this.runningUsers.viewer];
      const generated = generateUsers(createRandom(this.seed, "users"), {
        count: this.userCount - fixed.length,
        firstSequence: fixed.length,
        now: this.now,
        domain: DEMO_DOMAIN,
        takenUsernames: fixed.map((user) => user.username)
      });
      this.usersSlice = [...fixed, ...generated];
    }
    return this.usersSlice;
  }
}
