import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "graphql";
import { estimateCosts } from "../../src/armor";
import { startNode, startTestServer, unique, type TestServer } from "../support/server";
import { eventually } from "../support/wait";
import { createServer, type Socket } from "node:net";
import postgres from "postgres";
import { startServer, type RunningServer } from "../../src/server";
import { createRateLimiter, RATE_LIMIT_STORE_TIMEOUT_MS } from "../../src/rate-limit/rate-limiter";
import { DEFAULT_CHARGE_BATCHING, postgresBucketStore } from "../../src/rate-limit/bucket-store";
import { DEFAULT_LEASE_POLICY } from "../../src/rate-limit/leases";
import type { App } from "../../src/app";
import { RETRY_AFTER_SECONDS } from "../../src/db/availability";

/**
 * Rate and cost limits over real HTTP and WebSocket, on Postgres (the bucket table) and PGlite (in process). Every
 * test uses its own token subject, so each starts with a full bucket of its own; a small policy keeps them fast.
 * No sleeps: the expected numbers are computed from the ones the server returns.
 */
const POLICY = { points: 200, restorePerSecond: 20 };
const QUERY = "{ clients(first: 10) { nodes { id name } } }";
const TOO_COSTLY = "{ clients(first: 40) { nodes { id name } } }";
const CREATE_CLIENT = "mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { code } } }";

interface Cost {
  requestedQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}
interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: Cost } };
  cost: Cost;
}

let t: TestServer;
const costOf = (query: string) => Math.max(1, estimateCosts(t.app.schema, parse(query))[0]);

beforeAll(async () => {
  t = await startTestServer({ rateLimit: POLICY });
});
afterAll(() => t.stop());

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Answer["body"];
  return { status: res.status, headers: res.headers, body, cost: body.extensions?.cost as Cost };
}

/** An OPERATOR token of a subject of its own: a full bucket. */
const freshOperator = () => t.token("OPERATOR", { subject: unique("rate") });

const available = (a: Answer) => a.cost.throttleStatus.currentlyAvailable;

/** Granted until refused: the answers, the last one the 429. */
async function drain(url: string, token: string, query: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < 50; i++) {
    const answer = await post(url, token, query);
    answers.push(answer);
    if (answer.status === 429) return answers;
  }
  throw new Error("the bucket never ran out");
}

describe("every answer reports the cost and the bucket", () => {
  it("a granted query: extensions.cost and the RateLimit headers (draft-ietf-httpapi-ratelimit-headers-11)", async () => {
    const token = await freshOperator();
    const cost = costOf(QUERY);
    const answer = await post(t.url, token, QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    // A new principal's bucket is full: the first request leaves exactly capacity − cost.
    expect(answer.cost).toEqual({
      requestedQueryCost: cost,
      throttleStatus: { maximumAvailable: POLICY.points, currentlyAvailable: POLICY.points - cost, restoreRate: POLICY.restorePerSecond },
    });
    expect(answer.headers.get("ratelimit-policy")).toBe(`"cost";q=${POLICY.points};w=${POLICY.points / POLICY.restorePerSecond}`);
    expect(answer.headers.get("ratelimit")).toBe(`"cost";r=${POLICY.points - cost};t=${Math.ceil(cost / POLICY.restorePerSecond)}`);
    expect(answer.headers.get("retry-after")).toBeNull();
  });

  it("a mutation, and an introspection-only query (at least 1 point), carry them too", async () => {
    const token = await freshOperator();
    const created = await post(t.url, token, CREATE_CLIENT, { input: { name: unique("rl-client") } });
    expect(created.status).toBe(200);
    expect(created.cost.requestedQueryCost).toBe(costOf(CREATE_CLIENT));
    expect(available(created)).toBe(POLICY.points - costOf(CREATE_CLIENT));
    const typename = await post(t.url, token, "{ __typename }");
    expect(typename.cost.requestedQueryCost).toBe(1);
    expect(typename.headers.get("ratelimit")).toMatch(/^"cost";r=\d+;t=\d+$/);
  });

  it("a request that fails validation is charged nothing and still reports the bucket", async () => {
    const token = await freshOperator();
    const first = await post(t.url, token, QUERY);
    const invalid = await post(t.url, token, "{ clients(first: 10) { nodes { noSuchField } } }");
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(invalid.cost.requestedQueryCost).toBe(0);
    // Not charged: the level can only have grown since the first answer.
    expect(available(invalid)).toBeGreaterThanOrEqual(available(first));
    expect(invalid.headers.get("ratelimit")).toBe(`"cost";r=${available(invalid)};t=${Math.ceil((POLICY.points - available(invalid)) / POLICY.restorePerSecond)}`);
  });
});

describe("over the limit", () => {
  it("drains to HTTP 429 RATE_LIMITED with Retry-After, charges no refusal, and refills", async () => {
    const token = await freshOperator();
    const cost = costOf(QUERY);
    const answers = await drain(t.url, token, QUERY);
    const granted = answers.slice(0, -1);
    const refused = answers.at(-1)!;
    // Each grant took `cost` points (less what was restored meanwhile, and the floor of the level).
    expect(granted.length).toBeGreaterThanOrEqual(Math.floor(POLICY.points / cost));
    for (let i = 1; i < granted.length; i++) expect(available(granted[i])).toBeLessThanOrEqual(available(granted[i - 1]) - cost + POLICY.restorePerSecond);

    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    const error = refused.body.errors?.[0];
    expect(error?.extensions?.code).toBe("RATE_LIMITED");
    expect(error?.extensions?.retryable).toBe(true);
    const level = available(refused);
    expect(level).toBeLessThan(cost);
    // Retry-After: whole seconds until `cost` points are back (the level reported is the floor of the exact one).
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(Math.max(1, Math.ceil((cost - level - 1) / POLICY.restorePerSecond)));
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil((cost - level) / POLICY.restorePerSecond));
    expect(error?.extensions?.retryAfter).toBe(retryAfter);
    expect(refused.headers.get("ratelimit")).toBe(`"cost";r=${level};t=${retryAfter}`);
    expect(refused.cost.requestedQueryCost).toBe(cost);

    // A refusal is not charged: the next refusal reports at least the same level.
    const again = await post(t.url, token, QUERY);
    if (again.status === 429) expect(available(again)).toBeGreaterThanOrEqual(level);

    // Refill: retried until granted (refusals cost nothing), the bucket came back to at least `cost` points.
    let retried: Answer | undefined;
    await eventually(
      async () => {
        retried = await post(t.url, token, QUERY);
        return retried.status === 200;
      },
      "the bucket to refill",
      (retryAfter + 5) * 1000,
      200,
    );
    expect(retried!.body.errors).toBeUndefined();
    expect(available(retried!)).toBeGreaterThanOrEqual(0);
    expect(available(retried!)).toBeLessThan(POLICY.points - cost + 1);
  });

  it("a refused mutation executes nothing: its object is not created", async () => {
    const token = await freshOperator();
    const first = await post(t.url, token, CREATE_CLIENT, { input: { name: unique("rl-first") } });
    expect(first.status).toBe(200);
    expect(available(first)).toBeLessThan(costOf(CREATE_CLIENT));
    const externalId = unique("rl-ext");
    const refused = await post(t.url, token, CREATE_CLIENT, { input: { name: unique("rl-refused"), externalId } });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    // Another principal creates a client with that externalId: no duplicate, so the refused one created nothing.
    const other = await post(t.url, await freshOperator(), CREATE_CLIENT, { input: { name: unique("rl-other"), externalId } });
    expect(other.status).toBe(200);
    expect((other.body.data?.createClient as { userErrors: unknown[] }).userErrors).toEqual([]);
  });

  it("two principals have separate buckets", async () => {
    const drained = await freshOperator();
    expect((await drain(t.url, drained, QUERY)).at(-1)!.status).toBe(429);
    const other = await post(t.url, await freshOperator(), QUERY);
    expect(other.status).toBe(200);
    expect(available(other)).toBe(POLICY.points - costOf(QUERY));
  });

  it("an operation costing more than a full bucket is refused for good (not retryable) and charged nothing", async () => {
    const token = await freshOperator();
    expect(costOf(TOO_COSTLY)).toBeGreaterThan(POLICY.points);
    const refused = await post(t.url, token, TOO_COSTLY);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", retryable: false });
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(refused.cost.requestedQueryCost).toBe(costOf(TOO_COSTLY));
    expect(available(refused)).toBe(POLICY.points);
  });
});

describe("one bucket for every node and transport", () => {
  let second: { app: App; server: RunningServer } | undefined;
  afterAll(async () => {
    await second?.app.stop();
  });

  it("two server apps on one database share a principal's bucket", async () => {
    second = await startNode(t.database, { rateLimit: POLICY });
    const token = await freshOperator();
    const cost = costOf(QUERY);
    const startedAt = Date.now();
    const onA = await post(t.url, token, QUERY);
    const onB = await post(second.server.url, token, QUERY);
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    // B took from what A left (a bucket of B's own would be full): at most A's level, plus what was restored
    // since (bounded by the time this test has run, and 1 for the floor), less the cost.
    const restoredAtMost = ((Date.now() - startedAt) / 1000) * POLICY.restorePerSecond + 1;
    expect(available(onB)).toBeLessThanOrEqual(available(onA) + restoredAtMost - cost);
    expect(available(onB)).toBeLessThan(POLICY.points - cost);
  });

  it("WebSocket operations draw from the same bucket; a refused one gets RATE_LIMITED with retryAfter", async () => {
    const token = await freshOperator();
    const cost = costOf(QUERY);
    const ws = t.ws(token);
    const overWs = () =>
      new Promise<{ result?: { data?: unknown; extensions?: { cost?: Cost } }; errors?: { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
        let result: { data?: unknown; extensions?: { cost?: Cost } } | undefined;
        ws.subscribe(
          { query: QUERY },
          {
            next: (r) => void (result = r as typeof result),
            error: (e) => resolve({ errors: e as { message: string; extensions?: Record<string, unknown> }[] }),
            complete: () => resolve({ result }),
          },
        );
      });
    const startedAt = Date.now();
    const http = await post(t.url, token, QUERY);
    const first = await overWs();
    const wsCost = first.result?.extensions?.cost;
    expect(wsCost?.requestedQueryCost).toBe(cost);
    const restoredAtMost = ((Date.now() - startedAt) / 1000) * POLICY.restorePerSecond + 1;
    expect(wsCost!.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(available(http) + restoredAtMost - cost);

    // A subscription costs its setup estimate, once: charged when it is set up, not per event.
    const created = await post(t.url, await freshOperator(), CREATE_CLIENT, { input: { name: unique("rl-sub") } });
    const clientId = (created.body.data?.createClient as { client: { id: string } }).client.id;
    const subscription = "subscription ($clientId: ID) { payrollRunStatusChanged(clientId: $clientId) { status } }";
    const sinksBefore = t.server.notifier.size.sinks;
    const beforeSubscription = await post(t.url, token, "{ __typename }");
    const subscribedAt = Date.now();
    const unsubscribe = ws.subscribe({ query: subscription, variables: { clientId } }, { next: () => {}, error: () => {}, complete: () => {} });
    await eventually(() => t.server.notifier.size.sinks > sinksBefore, "the subscription to attach");
    const afterSubscription = await post(t.url, token, "{ __typename }");
    unsubscribe();
    const restoredMeanwhile = ((Date.now() - subscribedAt) / 1000) * POLICY.restorePerSecond + 1;
    expect(available(afterSubscription)).toBeLessThanOrEqual(available(beforeSubscription) + restoredMeanwhile - costOf(subscription) - 1);

    // Drain over WebSocket until refused.
    let refusal: { message: string; extensions?: Record<string, unknown> }[] | undefined;
    for (let i = 0; i < 20 && !refusal; i++) refusal = (await overWs()).errors;
    expect(refusal?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(refusal?.[0]?.extensions?.retryable).toBe(true);
    expect(refusal?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refusal?.[0]?.extensions).not.toHaveProperty("http");
  });
});

describe.skipIf(!process.env.DATABASE_URL)("leases (RATE_LIMIT_LEASES=on, Postgres)", () => {
  it("a busy principal is granted from leases: far fewer statements than requests, exact decisions and levels until refused", async () => {
    const policy = { points: 20_000, restorePerSecond: 0.001, leases: true }; // too slow a restore to matter here
    // The production store and leases, but leases that outlast the test: none lapses (losing its unspent points to
    // the bucket, by design) however slowly a loaded machine runs it.
    const bucket = { capacity: policy.points, restorePerSecond: policy.restorePerSecond };
    const store = postgresBucketStore(t.database.pg!, bucket, RATE_LIMIT_STORE_TIMEOUT_MS, DEFAULT_CHARGE_BATCHING, { ...DEFAULT_LEASE_POLICY, lifeMs: 60_000 });
    const rateLimiter = createRateLimiter(store, bucket);
    const server = await startServer({ app: t.app, config: { corsOrigins: [], introspection: true, nodeEnv: "test", rateLimit: policy }, rateLimiter }, 0, "127.0.0.1");
    try {
      const token = await freshOperator();
      const cost = costOf(QUERY);
      const fit = Math.floor(policy.points / cost);
      // 8 requests in flight at a time, until every one of a round is refused.
      const granted: Answer[] = [];
      const refused: Answer[] = [];
      while (refused.length < 8) {
        for (const answer of await Promise.all(Array.from({ length: 8 }, () => post(server.url, token, QUERY)))) (answer.status === 200 ? granted : refused).push(answer);
      }
      expect(granted).toHaveLength(fit); // not one more than the bucket holds, not one fewer
      // Each granted answer shows the level its charge left: together, every level from capacity − cost down.
      expect(granted.map(available).sort((a, b) => b - a)).toEqual(Array.from({ length: fit }, (_, i) => policy.points - (i + 1) * cost));
      for (const answer of refused) {
        expect(answer.status).toBe(429);
        expect(available(answer)).toBeLessThan(cost);
      }
      const stats = rateLimiter.store.stats!;
      expect(stats.fromLeases).toBeGreaterThan(fit / 2);
      expect(stats.statements).toBeLessThan((fit + refused.length) / 4);
    } finally {
      await server.stop();
    }
  });
});

describe("an unreachable bucket database", () => {
  it("fails closed within the store's timeout: HTTP 503 SERVICE_UNAVAILABLE with Retry-After, nothing executed", async () => {
    // A TCP endpoint that accepts and never answers stands for the bucket's database; the rest of the server is real.
    const sockets: Socket[] = [];
    const blackhole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const sql = postgres(`postgres://postgres@127.0.0.1:${(blackhole.address() as { port: number }).port}/none`, { max: 1, onnotice: () => {} });
    const policy = { capacity: POLICY.points, restorePerSecond: POLICY.restorePerSecond };
    const server = await startServer(
      { app: t.app, config: { corsOrigins: [], introspection: true, nodeEnv: "test" }, rateLimiter: createRateLimiter(postgresBucketStore(sql, policy, 300), policy) },
      0,
      "127.0.0.1",
    );
    try {
      const externalId = unique("rl-down");
      const refused = await post(server.url, await freshOperator(), CREATE_CLIENT, { input: { name: unique("rl-down"), externalId } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
      // No level is known: no cost report and no RateLimit headers.
      expect(refused.body.extensions?.cost).toBeUndefined();
      expect(refused.headers.get("ratelimit")).toBeNull();
      // Nothing was executed: the externalId is still free.
      const other = await post(t.url, await freshOperator(), CREATE_CLIENT, { input: { name: unique("rl-up"), externalId } });
      expect((other.body.data?.createClient as { userErrors: unknown[] }).userErrors).toEqual([]);
    } finally {
      await server.stop();
      for (const socket of sockets) socket.destroy();
      await sql.end({ timeout: 0 });
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });
});
