import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger";
import { startNode, startTestServer, unique, type TestServer } from "../support/server";
import type { App } from "../../src/app";
import type { RunningServer } from "../../src/server";
import { SCOPES } from "../../src/auth/scopes";
import { readScopeOf } from "../../src/auth/read-scopes";

/**
 * The hot lane (src/graphql-hot-lane.ts): a query already validated and compiled runs again without Apollo's
 * pipeline. Two nodes on one database — the lane's (compiled) and a reference on graphql-js, where every request
 * goes through Apollo — get the same requests, each from a token subject of its own (so that each has a rate-limit
 * bucket of its own, charged alike): every answer must be the same, status, headers and body, and the request log
 * must say the same of it. A small bucket that refuses, and a small response cap, take the lane's error paths.
 */
const POLICY = { points: 120, restorePerSecond: 0.001 };
const MAX_RESPONSE_BYTES = 400;
const QUERY = "{ clients(first: 2) { nodes { id name } } }";
const LARGE = "{ workers(first: 5) { nodes { id status createdAt } } }";

/** Headers that differ between any two answers (or between two nodes) whatever served them. */
const VARYING = new Set(["date", "x-request-id", "connection", "keep-alive"]);

interface Node {
  app: App;
  server: RunningServer;
  log: Record<string, unknown>[];
}
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
}

let t: TestServer;
let lane: Node;
let reference: Node;

async function node(execution: "compiled" | "graphql-js"): Promise<Node> {
  const log: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) log.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const started = await startNode(t.database, { execution, rateLimit: POLICY, maxResponseBytes: MAX_RESPONSE_BYTES, logger: createLogger("info", sink) });
  return { ...started, log };
}

beforeAll(async () => {
  t = await startTestServer();
  [lane, reference] = await Promise.all([node("compiled"), node("graphql-js")]);
}, 120_000);

afterAll(async () => {
  await Promise.all([lane?.app.stop(), reference?.app.stop()]);
  await t?.stop();
});

async function post(target: Node, token: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(target.server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const answerHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!VARYING.has(name)) answerHeaders[name] = value;
  });
  return { status: res.status, headers: answerHeaders, body: (await res.json()) as Answer["body"] };
}

/** The request log line of the last request a node answered, without what differs whatever served it. */
function lastRequestLog(target: Node): Record<string, unknown> {
  const line = target.log.filter((l) => l.msg === "request").at(-1)!;
  const { requestId: _id, ms: _ms, time: _time, pid: _pid, hostname: _host, ...fields } = line;
  return fields;
}

/**
 * Sends the same request `times` times to both nodes (each with a subject of its own), comparing every answer and
 * its request log line; returns the lane node's answers and how many of them ran on the hot lane.
 */
async function both(times: number, body: unknown, headers: Record<string, string> = {}, scopes?: string[]): Promise<{ answers: Answer[]; hot: number }> {
  const [laneToken, referenceToken] = await Promise.all([t.token("OPERATOR", { subject: unique("lane"), scopes }), t.token("OPERATOR", { subject: unique("lane"), scopes })]);
  const stats = lane.server.compiledExecution!;
  const hotBefore = stats.executedHot;
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) {
    const expected = await post(reference, referenceToken, body, headers);
    const answer = await post(lane, laneToken, body, headers);
    expect({ request: i + 1, ...answer }).toEqual({ request: i + 1, ...expected });
    expect(lastRequestLog(lane)).toEqual(lastRequestLog(reference));
    answers.push(answer);
  }
  return { answers, hot: stats.executedHot - hotBefore };
}

describe("the hot lane answers as Apollo's pipeline", () => {
  it("a query from its third request: same status, headers, body (its cost report included) and request log", async () => {
    const { answers, hot } = await both(4, { query: QUERY });
    expect(hot).toBe(2); // graphql-js, then compiled (both through Apollo), then the lane
    const last = answers.at(-1)!;
    expect(last.status).toBe(200);
    expect(last.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(last.headers.ratelimit).toBeDefined();
    expect(last.body.errors).toBeUndefined();
    expect(last.body.extensions?.cost).toBeDefined();
  });

  it("variables and an operation name, null ones too", async () => {
    const document = "query A { viewer { __typename } } query B($after: String) { clients(first: 2, after: $after) { nodes { id } } }";
    const named = await both(3, { query: document, operationName: "B", variables: { after: null } });
    expect(named.hot).toBe(1);
    expect(named.answers.at(-1)!.body.data).toBeDefined();
    const nulls = await both(3, { query: "query B($after: String) { clients(first: 1, after: $after) { nodes { id } } }", operationName: null, variables: null });
    expect(nulls.hot).toBe(1);
  });

  it("an answer with resolver errors: formatted, coded and logged the same", async () => {
    const withoutClientScope = SCOPES.filter((s) => s !== readScopeOf("Client"));
    const { answers, hot } = await both(3, { query: `{ viewer { __typename } ${QUERY.slice(1)}` }, {}, withoutClientScope);
    expect(hot).toBe(1);
    expect(answers.at(-1)!.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("an answer over the response cap: the budget's RESPONSE_TOO_LARGE", async () => {
    const { answers, hot } = await both(3, { query: LARGE });
    expect(hot).toBe(1);
    expect(answers.at(-1)!.body.errors?.map((e) => e.extensions?.code)).toEqual(["RESPONSE_TOO_LARGE"]);
  });

  it("a request the rate limit refuses: the same refusal, status and headers", async () => {
    // A bucket of 120 points, about 20 per request: the last requests are refused, on the lane.
    const { answers, hot } = await both(10, { query: "{ clients(first: 10) { nodes { id } } }" });
    const isRefused = (a: Answer) => a.body.errors?.[0]?.extensions?.code === "RATE_LIMITED";
    const refused = answers.filter(isRefused);
    expect(refused.length).toBeGreaterThan(0);
    expect(isRefused(answers.at(-1)!)).toBe(true);
    expect(refused[0].status).toBe(429);
    expect(refused[0].headers["retry-after"]).toBeDefined();
    // Every admitted request from the third ran on the lane (a refused one executes nothing).
    expect(hot).toBe(answers.slice(2).filter((a) => !isRefused(a)).length);
  });

  it("leaves to Apollo what it does not take, with the same answers: another Accept, extensions, a variable that does not coerce, a mutation", async () => {
    const accept = await both(3, { query: QUERY }, { accept: "application/graphql-response+json" });
    expect(accept.hot).toBe(0);
    expect(accept.answers.at(-1)!.headers["content-type"]).toBe("application/graphql-response+json; charset=utf-8");
    const extensions = await both(3, { query: QUERY, extensions: {} });
    expect(extensions.hot).toBe(0);
    const document = "query ($after: String) { clients(first: 1, after: $after) { nodes { id } } }";
    await both(3, { query: document, variables: { after: null } }); // now hot
    const coercion = await both(2, { query: document, variables: { after: 2 } });
    expect(coercion.hot).toBe(0);
    expect(coercion.answers[1].status).toBe(400);
    const mutation = await both(3, { query: 'mutation { createMsa(input: { clientId: "x", title: "bad\\u0000", effectiveFrom: "2027-01-01" }) { msa { id } } }' });
    expect(mutation.hot).toBe(0);
  });
});
