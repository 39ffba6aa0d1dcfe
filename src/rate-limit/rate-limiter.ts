import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { HeaderMap } from "@apollo/server";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { Logger } from "../logger";
import { ErrorCode } from "../shared/errors";
import { RETRY_AFTER_SECONDS } from "../db/availability";
import { estimateCosts } from "../armor";
import { BucketStoreUnavailable, DEFAULT_CHARGE_BATCHING, memoryBucketStore, postgresBucketStore, type BucketStore } from "./bucket-store";
import { DEFAULT_LEASE_POLICY } from "./leases";
import { secondsUntil, secondsUntilFull, type BucketPolicy } from "./token-bucket";

/**
 * Rate and cost limits that integrators can see. Every principal (`sub`) has a token bucket (src/rate-limit/
 * token-bucket.ts); each operation costs the estimate of src/armor.ts (at least 1 point), taken from the bucket
 * before it executes. The answer tells the caller where it stands: `extensions.cost` (the shape Shopify's Admin
 * API uses) and the `RateLimit-Policy` / `RateLimit` headers of draft-ietf-httpapi-ratelimit-headers-11.
 *
 * Refusals, all before execution and charging nothing:
 *   - RATE_LIMITED (HTTP 429, `Retry-After`, retryable): the bucket holds fewer points than the operation costs;
 *   - BAD_USER_INPUT (not retryable): the operation costs more than a full bucket, it can never run;
 *   - SERVICE_UNAVAILABLE (HTTP 503, `Retry-After` RETRY_AFTER_SECONDS of src/db/availability.ts, retryable): the bucket's database did not answer within
 *     RATE_LIMIT_STORE_TIMEOUT_MS, failed, or too many charges already wait for it. The limiter fails closed: an
 *     unreachable database would fail the operation anyway.
 */

/**
 * How long a statement of the Postgres store (one batch of charges) may run before its requests, and those queued
 * behind it, are answered SERVICE_UNAVAILABLE (src/rate-limit/bucket-store.ts).
 */
export const RATE_LIMIT_STORE_TIMEOUT_MS = 1_000;

const UNAVAILABLE_LOG_INTERVAL_MS = 10_000;

/** The name of the policy in the RateLimit headers. */
export const RATE_LIMIT_POLICY_NAME = "cost";

/** RATE_LIMIT_POINTS and RATE_LIMIT_RESTORE_PER_SECOND. */
export type RateLimitConfig = Config["rateLimit"];

/** `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** `extensions.cost` of every answer to an authenticated request. */
export interface CostExtension {
  requestedQueryCost: number;
  throttleStatus: ThrottleStatus;
}

/** What the limiter decided for one operation. */
export type Admission =
  /** Charged; `available` is what is left. */
  | { kind: "granted"; cost: number; available: number }
  /** Not charged: the bucket holds `available` < `cost`; enough is back after `retryAfter` seconds. */
  | { kind: "limited"; cost: number; available: number; retryAfter: number }
  /** Not charged: `cost` is over the capacity. */
  | { kind: "over-capacity"; cost: number; available: number }
  /** Not charged: the request failed before the limiter (parse, validation); its answer carries its own error. */
  | { kind: "uncharged"; cost: number; available: number }
  /** Not charged: the store did not answer (no level known). */
  | { kind: "unavailable"; cost: number };

export interface RateLimiter {
  readonly policy: BucketPolicy;
  /** Where the buckets live (benchmarks read the statements it sent). */
  readonly store: BucketStore;
  /** Charges `cost` (at least 1) to `subject`'s bucket when it holds it. Never throws. */
  admit(subject: string, cost: number): Promise<Admission>;
  /** The admission of a request that failed before the limiter (parse, validation): nothing charged. Never throws. */
  uncharged(subject: string, cost: number): Promise<Admission>;
}

export function createRateLimiter(store: BucketStore, policy: BucketPolicy, logger?: Logger): RateLimiter {
  // Logged at most once per UNAVAILABLE_LOG_INTERVAL_MS: during an outage every request would log it.
  let loggedAt = Number.NEGATIVE_INFINITY;
  const unavailable = (cost: number, error: unknown): Admission => {
    if (Date.now() - loggedAt >= UNAVAILABLE_LOG_INTERVAL_MS) {
      loggedAt = Date.now();
      logger?.warn({ err: error, reason: error instanceof BucketStoreUnavailable ? error.reason : "error" }, "rate limit store unavailable: requests are refused");
    }
    return { kind: "unavailable", cost };
  };
  return {
    policy,
    store,
    async admit(subject, estimate) {
      const cost = Math.max(1, Math.ceil(estimate));
      try {
        if (cost > policy.capacity) return { kind: "over-capacity", cost, available: await store.level(subject) };
        const { granted, available } = await store.take(subject, cost);
        return granted ? { kind: "granted", cost, available } : { kind: "limited", cost, available, retryAfter: Math.max(1, secondsUntil(available, cost, policy)) };
      } catch (error) {
        return unavailable(cost, error);
      }
    },
    async uncharged(subject, cost) {
      try {
        return { kind: "uncharged", cost, available: await store.level(subject) };
      } catch (error) {
        return unavailable(cost, error);
      }
    },
  };
}

/** Each database's in-process buckets (embedded database): every server on one PGlite shares them. */
const memoryStores = new WeakMap<Database, Map<string, BucketStore>>();

/** The limiter of a server on `database`: buckets in the `rate_limit_buckets` table on Postgres, in this process on PGlite. */
export function rateLimiterFor(database: Database, config: RateLimitConfig, logger?: Logger): RateLimiter {
  const policy: BucketPolicy = { capacity: config.points, restorePerSecond: config.restorePerSecond };
  if (database.pg) {
    const leasing = config.leases === false ? null : DEFAULT_LEASE_POLICY;
    return createRateLimiter(postgresBucketStore(database.pg, policy, RATE_LIMIT_STORE_TIMEOUT_MS, DEFAULT_CHARGE_BATCHING, leasing), policy, logger);
  }
  const stores = memoryStores.get(database) ?? new Map<string, BucketStore>();
  memoryStores.set(database, stores);
  const key = `${policy.capacity}/${policy.restorePerSecond}`;
  const store = stores.get(key) ?? memoryBucketStore(policy);
  stores.set(key, store);
  return createRateLimiter(store, policy, logger);
}

const costsByDocument = new WeakMap<DocumentNode, number[]>();

/**
 * The estimated cost of the operation a request runs (src/armor.ts `estimateCosts`, the estimate the cost limit
 * checks), cached per parsed document (Apollo and the WebSocket path reuse the DocumentNode of a known query).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined | null): number {
  let costs = costsByDocument.get(document);
  if (!costs) {
    costs = estimateCosts(schema, document);
    costsByDocument.set(document, costs);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const index = operation ? operations.indexOf(operation) : -1;
  return index >= 0 ? costs[index] : 0;
}

/** `extensions.cost` of an answer, or null when the level is unknown (the store was unavailable). */
export function costExtension(admission: Admission, policy: BucketPolicy): CostExtension | null {
  if (admission.kind === "unavailable") return null;
  return {
    requestedQueryCost: admission.cost,
    throttleStatus: { maximumAvailable: policy.capacity, currentlyAvailable: Math.floor(admission.available), restoreRate: policy.restorePerSecond },
  };
}

/**
 * The response headers of an admission: `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers-11:
 * a policy named "cost" of `q` points, `w` the seconds a drained bucket takes to refill; `r` the points left, `t` the
 * seconds until the bucket is full — on a 429, until this request fits, the same instant as `Retry-After`), and
 * `Retry-After` on a 429. None when the level is unknown (the store was unavailable).
 */
export function rateLimitHeaders(admission: Admission, policy: BucketPolicy): [string, string][] {
  if (admission.kind === "unavailable") return [];
  const window = Math.ceil(policy.capacity / policy.restorePerSecond);
  const reset = admission.kind === "limited" ? admission.retryAfter : secondsUntilFull(admission.available, policy);
  const headers: [string, string][] = [
    ["ratelimit-policy", `"${RATE_LIMIT_POLICY_NAME}";q=${policy.capacity};w=${window}`],
    ["ratelimit", `"${RATE_LIMIT_POLICY_NAME}";r=${Math.floor(admission.available)};t=${reset}`],
  ];
  if (admission.kind === "limited") headers.push(["retry-after", String(admission.retryAfter)]);
  return headers;
}

/**
 * The error refusing an operation (null when it was granted). `http` (status and headers) is read by Apollo over
 * HTTP and dropped by formatError, so the WebSocket path sends the same error without it.
 */
export function refusalError(admission: Admission, policy: BucketPolicy): GraphQLError | null {
  const http = (status: number, extra: [string, string][] = []) => {
    const headers = new HeaderMap();
    for (const [name, value] of [...rateLimitHeaders(admission, policy), ...extra]) headers.set(name, value);
    return { status, headers };
  };
  switch (admission.kind) {
    case "granted":
    case "uncharged":
      return null;
    case "limited":
      return new GraphQLError(
        `Rate limited: this operation costs ${admission.cost} points and ${Math.floor(admission.available)} are available (${policy.restorePerSecond} restored per second). Retry after ${admission.retryAfter} s; nothing was executed.`,
        { extensions: { code: ErrorCode.RATE_LIMITED, retryable: true, retryAfter: admission.retryAfter, http: http(429) } },
      );
    case "over-capacity":
      return new GraphQLError(
        `This operation costs ${admission.cost} points, more than the ${policy.capacity} a full rate limit bucket holds: it can never run. Ask for smaller pages or fewer nested connections.`,
        { extensions: { code: ErrorCode.BAD_USER_INPUT, retryable: false, http: http(400) } },
      );
    case "unavailable":
      return new GraphQLError("The service is temporarily unavailable (the rate limit could not be checked); nothing was executed. Retry shortly.", {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, retryAfter: RETRY_AFTER_SECONDS, http: http(503, [["retry-after", String(RETRY_AFTER_SECONDS)]]) },
      });
    default: {
      const exhaustive: never = admission;
      return exhaustive;
    }
  }
}
