import { levelAt, type BucketPolicy, type BucketState, type BucketTake } from "./token-bucket";

/**
 * Point leases of the Postgres bucket store (src/rate-limit/bucket-store.ts): what one node knows of one busy
 * principal, and how many points it asks for. Pure bookkeeping; the statements are the store's.
 *
 * A busy principal's node takes a lease with a charge: the points of the charge and up to `want` more, in the same
 * statement, which records them in the row's `leased` (so the bucket restores only up to the capacity less them
 * while the lease runs). Later charges of that principal on this node are granted from the lease without a
 * statement, while it holds their cost and until it expires. A lease is never spent by two nodes, and a point is
 * never both in a lease and back in the bucket: no principal is granted more than its bucket, on any number of nodes.
 *
 * The price is precision, bounded by a lease: a node's unspent lease points are not in the bucket, so another node
 * may refuse a request that the principal's total would cover; the next lease statement hands them back, and a
 * lease nobody hands back (its node stopped, or the principal went quiet) is lost to the bucket until it refills.
 * A lease is sized on the principal's own recent rate on this node (half a lease lifetime of its spending) and
 * taken only when it covers many charges, so a quiet principal never leases, and a busy one loses at most half a
 * lifetime of its own traffic when it stops.
 */

export interface LeasePolicy {
  /** How long a lease may be spent after its statement was sent (milliseconds). */
  lifeMs: number;
  /** The node stops spending a lease this long before the database's window for it ends (clocks run at slightly different rates). */
  marginMs: number;
  /** A lease is taken only when it would cover at least this many charges of the current cost. */
  minCharges: number;
  /** A lease holds at most this share of the bucket's capacity. */
  maxShare: number;
}

/** 1 s leases of at most 1/16 of the bucket, worth at least 16 charges. */
export const DEFAULT_LEASE_POLICY: LeasePolicy = { lifeMs: 1_000, marginMs: 100, minCharges: 16, maxShare: 1 / 16 };

/** A lease handed back by the statement that takes the next one. */
export interface HandedBack {
  points: number;
  unspent: number;
  /** The database instant (as text, to the microsecond) of the statement that took it: the database knows by it whether it still counts the lease. */
  takenAt: string;
}

/** A charge of the principal that arrived while its lease statement was in flight. */
export interface WaitingForLease {
  cost: number;
  resolve: (take: BucketTake) => void;
  reject: (error: unknown) => void;
}

/** What one node knows of one principal. */
export class SubjectLease {
  /** Points of the current lease (0: none). */
  points = 0;
  spent = 0;
  /** This process's clock (ms) after which the lease is not spent. */
  expiresAt = 0;
  /** The database instant (text) of the statement that took the lease. */
  takenAt: string | null = null;
  /** The level shown after the last charge granted from the lease, and when (this process's clock). */
  private shown: BucketState = { tokens: 0, at: 0 };
  /** The start (this process's clock, ms) of the window over which the principal's rate is measured, and the points granted in it. */
  windowAt: number;
  windowPoints = 0;
  /**
   * Charges of the principal out in batch statements. A lease statement is sent only when there are none, and none
   * is sent while the node holds a lease: so no batch is decided while this node holds a lease of the principal,
   * and the level a batch reports is the principal's whole level on this node.
   */
  statementCharges = 0;
  /** Charges waiting for the lease statement in flight (null: none in flight). */
  waiting: WaitingForLease[] | null = null;

  constructor(now: number) {
    this.windowAt = now;
  }

  /**
   * Takes `cost` from the lease when it holds it and has not expired; then the level to show (`currentlyAvailable`),
   * or null. The level shown is the token bucket's own (levelAt): the level after the lease statement, restored
   * since at the bucket's rate up to its capacity, less the costs granted since — what the principal's bucket holds
   * on a single node. (Near a full bucket, the points it can be granted are fewer by up to the lease's spent
   * points until the lease is handed back: the bucket does not restore the points a lease holds. Refusals are never
   * decided on this number but by a statement.)
   */
  spend(cost: number, now: number, bucket: BucketPolicy): number | null {
    if (now >= this.expiresAt || this.points - this.spent < cost) return null;
    this.spent += cost;
    this.windowPoints += cost;
    const level = levelAt(this.shown, now, bucket) - cost;
    this.shown = { tokens: level, at: now };
    return level;
  }

  /** A charge decided by a statement was granted: it counts towards the principal's rate. */
  granted(cost: number, now: number, policy: LeasePolicy): void {
    if (now - this.windowAt > policy.lifeMs) {
      this.windowAt = now; // a stale window would understate a new burst: measure from here
      this.windowPoints = 0;
    }
    this.windowPoints += cost;
  }

  /**
   * The points to ask for with a charge of `cost` now (0: charge without a lease): half a lifetime of the rate
   * measured since the window began (over at least an eighth of a lifetime), at most `maxShare` of the capacity,
   * and nothing unless that covers `minCharges` charges.
   */
  want(cost: number, now: number, capacity: number, policy: LeasePolicy): number {
    const seconds = Math.max(now - this.windowAt, policy.lifeMs / 8) / 1000;
    const rate = (this.windowPoints + cost) / seconds;
    const want = Math.floor(Math.min(capacity * policy.maxShare, (rate * policy.lifeMs) / 2000));
    return want >= policy.minCharges * cost ? want : 0;
  }

  /** Closes the current lease (nothing more is spent from it) and says what to hand back, if anything. */
  handBack(): HandedBack | null {
    const back = this.points > 0 && this.takenAt ? { points: this.points, unspent: this.points - this.spent, takenAt: this.takenAt } : null;
    this.points = 0;
    this.spent = 0;
    this.takenAt = null;
    return back;
  }

  /**
   * A lease statement answered: the new lease (possibly of 0 points), `bucketLevel` the bucket's level after it (the
   * lease not included), and the window of the rate starts again.
   */
  leased(points: number, takenAt: string, bucketLevel: number, sentAt: number, policy: LeasePolicy): void {
    this.points = points;
    this.spent = 0;
    this.takenAt = points > 0 ? takenAt : null;
    this.expiresAt = sentAt + policy.lifeMs - policy.marginMs;
    this.shown = { tokens: bucketLevel + points, at: sentAt };
    this.windowAt = sentAt;
    this.windowPoints = 0;
  }
}
