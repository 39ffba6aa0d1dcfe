import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { randomString } from "../support/random";
import { createLogger } from "../../src/logger";
import { DOCUMENT_LIMITS } from "../../src/armor";
import { MAX_BODY_BYTES } from "../../src/server";
import { CreateClientDocument, ViewerDocument } from "../generated/graphql";
import { eventually } from "../support/wait";

/**
 * The HTTP surface of a real server (Express 5 + Apollo Server 5 on a random port): status codes and bodies for
 * malformed requests, health endpoints, request ids, CSRF prevention, document limits, introspection and what
 * reaches the logs. Nothing is faked.
 */

let t: TestServer;
let operator: string;
let origin: string;

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
  origin = new URL(t.url).origin;
});
afterAll(() => t.stop());

interface Raw {
  status: number;
  contentType: string;
  text: string;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
  headers: Headers;
}

async function raw(path: string, init: RequestInit = {}): Promise<Raw> {
  const res = await fetch(`${origin}${path}`, init);
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the assertions say so */
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json, headers: res.headers };
}

const post = (body: string, headers: Record<string, string> = {}) =>
  raw("/graphql", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${operator}`, ...headers }, body });
const query = (q: string, variables?: Record<string, unknown>) => post(JSON.stringify({ query: q, variables }));

/** Nothing internal leaks: no stack frames, no INTERNAL_SERVER_ERROR. */
function expectClean(res: Raw) {
  expect(res.text).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+|node_modules/);
  expect(res.text).not.toContain("INTERNAL_SERVER_ERROR");
}

/** A 4xx GraphQL-style error body: `{ errors: [{ message, extensions: { code } }] }` as JSON. */
function expectJsonError(res: Raw, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/application\/(graphql-response\+)?json/);
  expect(res.json?.errors?.[0]?.extensions?.code, res.text).toBe(code);
  expect(res.json?.errors?.[0]?.message).toEqual(expect.any(String));
  expect(res.json?.data ?? null).toBeNull();
  expectClean(res);
}

describe("malformed requests", () => {
  it("malformed JSON → 400 JSON error", async () => {
    expectJsonError(await post('{"query": "{ viewer { kind } }"'), 400, "BAD_REQUEST");
    expectJsonError(await post("not json at all"), 400, "BAD_REQUEST");
  });

  it("wrong content type → 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) {
      const res = await post(JSON.stringify({ query: "{ viewer { kind } }" }), { "content-type": type });
      expectJsonError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    const none = await raw("/graphql", { method: "POST", headers: { authorization: `Bearer ${operator}` }, body: new Uint8Array(Buffer.from('{"query":"{ viewer { kind } }"}')) });
    expectJsonError(none, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts JSON with a charset and the GraphQL response media type", async () => {
    const res = await post(JSON.stringify({ query: "{ viewer { kind } }" }), { "content-type": "application/json; charset=utf-8" });
    expect(res.status).toBe(200);
    expect(res.json?.data).toEqual({ viewer: { kind: "OPERATOR" } });
  });

  it("body over 1 MB → 413", async () => {
    const body = JSON.stringify({ query: "{ viewer { kind } }", variables: { pad: "x".repeat(MAX_BODY_BYTES) } });
    expectJsonError(await post(body), 413, "PAYLOAD_TOO_LARGE");
  });

  it("a JSON body that is not a GraphQL request → 400", async () => {
    for (const body of ["{}", '{"query": 42}', '"just a string"', "null", '{"query": "{ viewer { kind } }", "variables": "nope"}']) {
      const res = await post(body);
      expect(res.status, `${body}: ${res.text}`).toBe(400);
      expectClean(res);
    }
  });

  it("a syntax error → 400 GRAPHQL_PARSE_FAILED", async () => {
    expectJsonError(await query("{ viewer { kind "), 400, "GRAPHQL_PARSE_FAILED");
  });

  it("batched requests are refused", async () => {
    const res = await post(JSON.stringify([{ query: "{ viewer { kind } }" }, { query: "{ viewer { kind } }" }]));
    expectJsonError(res, 400, "BAD_REQUEST");
    expect(res.json?.errors?.[0]?.message).toMatch(/batch/i);
  });

  it("unknown path → 404 JSON", async () => {
    expectJsonError(await raw("/nope"), 404, "NOT_FOUND");
    expectJsonError(await raw("/graphql/extra", { method: "POST" }), 404, "NOT_FOUND");
  });

  it("unsupported methods on /graphql → 405 JSON", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await raw("/graphql", { method, headers: { "content-type": "application/json" }, body: "{}" });
      expectJsonError(res, 405, "METHOD_NOT_ALLOWED");
    }
  });
});

/**
 * POST /graphql's common case is served on the raw Node server (src/graphql-fast-path.ts); a request its headers
 * do not fit — here the GraphQL response media type as the request's content type — goes through Express. Both
 * must answer alike: the same status, body and headers, but for the ETag Express computes (no client revalidates
 * a POST), which tells the two paths apart.
 */
async function onBothPaths(origin: string, body: string, headers: Record<string, string>) {
  const send = (contentType: string) => fetch(`${origin}/graphql`, { method: "POST", headers: { ...headers, "content-type": contentType }, body });
  const fast = await send("application/json");
  const express = await send("application/graphql-response+json");
  // The values that differ from one request to the next are compared by presence: the date, the request id, and the
  // bucket level after each request (RateLimit).
  const varying = ["date", "x-request-id", "ratelimit"];
  const shown = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== "etag").map(([name, value]) => [name, varying.includes(name) || value]));
  expect(fast.headers.get("etag")).toBeNull();
  expect(express.headers.get("etag")).not.toBeNull();
  expect(fast.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(fast.status).toBe(express.status);
  expect(shown(fast)).toEqual(shown(express));
  const text = await fast.text();
  expect(text).toBe(await express.text());
  return { status: fast.status, headers: fast.headers, json: JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe("the fast path of POST /graphql", () => {
  const auth = () => ({ authorization: `Bearer ${operator}` });

  it("answers an operation with the status, headers and body of the Express path", async () => {
    const ok = await onBothPaths(origin, JSON.stringify({ query: "{ viewer { kind } }" }), auth());
    expect(ok.status).toBe(200);
    expect(ok.json.data).toEqual({ viewer: { kind: "OPERATOR" } });
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(ok.headers.get("ratelimit")).not.toBeNull();
    expect(ok.headers.get("transfer-encoding")).toBeNull();
    expect(Number(ok.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("answers parse, validation and variable errors as the Express path does", async () => {
    const cases: [string, number, string][] = [
      [JSON.stringify({ query: "{ viewer { kind " }), 400, "GRAPHQL_PARSE_FAILED"],
      [JSON.stringify({ query: "{ viewer { nope } }" }), 400, "GRAPHQL_VALIDATION_FAILED"],
      [JSON.stringify({ query: "query ($n: Int!) { clients(first: $n) { nodes { id } } }", variables: { n: "x" } }), 400, "BAD_USER_INPUT"],
      [JSON.stringify([{ query: "{ viewer { kind } }" }]), 400, "BAD_REQUEST"],
    ];
    for (const [body, status, code] of cases) {
      const res = await onBothPaths(origin, body, auth());
      expect(res.status, body).toBe(status);
      expect(res.json.errors?.[0]?.extensions?.code, body).toBe(code);
    }
  });

  it("refuses a body that is not a JSON object or array with the body parser's 400", async () => {
    for (const body of ['"just a string"', "42", "null", " \n{", "{} trailing"]) expectJsonError(await post(body), 400, "BAD_REQUEST");
  });

  it("reads a body that arrives in many chunks, and one that starts with a byte order mark", async () => {
    const long = await query("{ viewer { kind } }", { unused: "x".repeat(200_000) });
    expect(long.status, long.text).toBe(200);
    expect(long.json?.data).toEqual({ viewer: { kind: "OPERATOR" } });
    const bom = await post(`\ufeff${JSON.stringify({ query: "{ viewer { kind } }" })}`);
    expect(bom.status, bom.text).toBe(200);
  });

  it("leaves a refused token to the Express path: 401, the socket closed, the security headers and a request id", async () => {
    const res = await raw("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-token" },
      body: '{"query":"{ viewer { kind } }"}',
    });
    expectJsonError(res, 401, "UNAUTHENTICATED");
    expect(res.headers.get("connection")).toBe("close");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("health", () => {
  it("GET /healthz → 200", async () => {
    const res = await raw("/healthz");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("GET /readyz → 200 with the database", async () => {
    const res = await raw("/readyz");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ready", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
  });
});

describe("request ids", () => {
  it("echoes x-request-id, and generates one when absent or unusable", async () => {
    const mine = unique("req");
    expect((await raw("/healthz", { headers: { "x-request-id": mine } })).headers.get("x-request-id")).toBe(mine);
    const generated = (await raw("/healthz")).headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    // A header that could forge log lines is replaced, not echoed.
    const forged = (await raw("/healthz", { headers: { "x-request-id": "a b\tc" } })).headers.get("x-request-id");
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
    expect((await raw("/healthz", { headers: { "x-request-id": "x".repeat(101) } })).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sets it on GraphQL responses and errors too", async () => {
    const mine = unique("req");
    expect((await post("nope", { "x-request-id": mine })).headers.get("x-request-id")).toBe(mine);
    expect((await post(JSON.stringify({ query: "{ viewer { kind } }" }), { "x-request-id": mine })).headers.get("x-request-id")).toBe(mine);
  });
});

describe("CSRF prevention", () => {
  const q = encodeURIComponent("{ viewer { kind } }");

  it("refuses a GET with a query and no preflight header", async () => {
    const res = await raw(`/graphql?query=${q}`, { headers: { authorization: `Bearer ${operator}` } });
    expectJsonError(res, 400, "BAD_REQUEST");
    expect(res.json?.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/i);
  });

  it("runs a GET query that carries a preflight header", async () => {
    const res = await raw(`/graphql?query=${q}`, { headers: { authorization: `Bearer ${operator}`, "apollo-require-preflight": "1" } });
    expect(res.status, res.text).toBe(200);
    expect(res.json?.data).toEqual({ viewer: { kind: "OPERATOR" } });
  });

  it("never runs a mutation over GET", async () => {
    const m = encodeURIComponent('mutation { createClient(input: { name: "via GET" }) { client { id } } }');
    const res = await raw(`/graphql?query=${m}`, { headers: { authorization: `Bearer ${operator}`, "apollo-require-preflight": "1" } });
    expect(res.status).toBe(405);
    expectClean(res);
  });
});

describe("document limits (refused before execution)", () => {
  /** A refusal at validation: 400, a limit error, no data at all. */
  async function expectRefused(q: string, message: RegExp, variables?: Record<string, unknown>) {
    const res = await query(q, variables);
    expect(res.status, res.text).toBe(400);
    expect(res.json?.data ?? null).toBeNull();
    const codes = (res.json?.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED"]).toContain(code);
    expect(res.json?.errors?.map((e) => e.message).join("\n")).toMatch(message);
    expectClean(res);
    return res;
  }
  async function expectAccepted(q: string, variables?: Record<string, unknown>) {
    const res = await query(q, variables);
    expect(res.status, res.text).toBe(200);
    expect(res.json?.errors, res.text).toBeUndefined();
    return res;
  }

  /** `__type` (unlike `__schema`) counts for depth: __type, fields, type, then `n` × ofType, then name → depth n + 4. */
  const deep = (n: number) => `{ __type(name: "Query") { fields { type { ${"ofType { ".repeat(n)}name${" }".repeat(n)} } } } }`;

  it(`depth > ${DOCUMENT_LIMITS.maxDepth}`, async () => {
    await expectAccepted(deep(DOCUMENT_LIMITS.maxDepth - 4));
    await expectRefused(deep(DOCUMENT_LIMITS.maxDepth - 3), /depth limit of 12/i);
  });

  it(`aliases > ${DOCUMENT_LIMITS.maxAliases}`, async () => {
    // (Aliases of `__typename` are free: graphql-armor allow-lists them.)
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { kind }`).join(" ")} }`;
    await expectAccepted(aliases(DOCUMENT_LIMITS.maxAliases));
    await expectRefused(aliases(DOCUMENT_LIMITS.maxAliases + 1), /aliases limit of 15/i);
    // Aliases hidden in a fragment count too.
    await expectRefused(`{ ...F } fragment F on Query { ${Array.from({ length: 16 }, (_, i) => `v${i}: viewer { kind }`).join(" ")} }`, /aliases limit/i);
  });

  it(`tokens > ${DOCUMENT_LIMITS.maxTokens}`, async () => {
    // `{ nodes ( ids : [ …n… ] ) { id } }` is n + 11 tokens plus <EOF>, which graphql-js counts too. Within the
    // limit it parses, validates and runs (and
    // `nodes` then refuses more than 100 IDs: an execution error, not a document refusal).
    const ids = (n: number) => `{ nodes(ids: [${'"x" '.repeat(n)}]) { id } }`;
    const within = await query(ids(DOCUMENT_LIMITS.maxTokens - 12));
    expect(within.status, within.text).toBe(200);
    expect(within.json?.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(within.json?.errors?.[0]?.message).toMatch(/at most 100/);
    const res = await expectRefused(ids(DOCUMENT_LIMITS.maxTokens - 11), /more tha[nt] 2000 tokens/i);
    expect(res.json?.errors?.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });

  it(`directives > ${DOCUMENT_LIMITS.maxDirectives}`, async () => {
    const directives = (n: number) => `{ ${"__typename @include(if: true) ".repeat(n)}}`;
    await expectAccepted(directives(DOCUMENT_LIMITS.maxDirectives));
    await expectRefused(directives(DOCUMENT_LIMITS.maxDirectives + 1), /directives limit of 20/i);
  });

  it(`estimated cost > ${DOCUMENT_LIMITS.maxCost}`, async () => {
    const pages = (n: number, first: string) =>
      `{ ${Array.from({ length: n }, (_, i) => `c${i}: clients(first: ${first}) { nodes { id name externalId status version createdAt updatedAt } }`).join(" ")} }`;
    await expectAccepted(pages(2, "100"));
    await expectRefused(pages(15, "100"), new RegExp(`cost limit of ${DOCUMENT_LIMITS.maxCost}`, "i"));
  });

  it("counts a page size passed as a variable at its maximum (no bypass through variables)", async () => {
    const q = `query($n: Int) { ${Array.from({ length: 15 }, (_, i) => `c${i}: clients(first: $n) { nodes { id name externalId status version createdAt updatedAt } }`).join(" ")} }`;
    await expectRefused(q, new RegExp(`cost limit of ${DOCUMENT_LIMITS.maxCost}`, "i"), { n: 1 });
  });

  it("counts each spread of a fragment (no bypass through fragments)", async () => {
    const q = `{ ...A } fragment A on Query { ...B ...C } fragment B on Query { c0: clients(first: 100) { nodes { ...N } } c1: clients(first: 100) { nodes { ...N } } c2: clients(first: 100) { nodes { ...N } } }
      fragment C on Query { c3: clients(first: 100) { nodes { ...N } } c4: clients(first: 100) { nodes { ...N } } c5: clients(first: 100) { nodes { ...N } } c6: clients(first: 100) { nodes { ...N } } c7: clients(first: 100) { nodes { ...N } } }
      fragment N on Client { id name externalId status version createdAt updatedAt legalEntityJurisdictions }`;
    await expectRefused(q, /cost limit/i);
  });

  it("refuses a fragment cycle as a validation error, not a crash", async () => {
    await expectRefused(`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, /cannot spread fragment/i);
  });

  it("bounds nested introspection (the classic introspection bomb)", async () => {
    await expectRefused(`{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`, /introspection/i);
  });

  it("does not suggest field names to a caller probing the schema", async () => {
    const res = await query("{ viewr { kind } }");
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
  });

  it("runs an ordinary query within every limit", async () => {
    const res = dataOf(await t.gql(ViewerDocument, {}, operator));
    expect(res.viewer.kind).toBe("OPERATOR");
  });
});

describe("introspection", () => {
  it("is on for development and test servers", async () => {
    const res = await query("{ __schema { queryType { name } } }");
    expect(res.json?.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("is refused by a server started with introspection off", async () => {
    const closed = await startTestServer({ introspection: false, nodeEnv: "production" });
    try {
      const token = await closed.token("OPERATOR");
      for (const q of ["{ __schema { queryType { name } } }", '{ __type(name: "Query") { name } }']) {
        const res = await closed.gql(q, undefined, token);
        expect(res.data ?? null).toBeNull();
        expect(errorCodes(res)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
        expect(res.errors![0].message).toMatch(/introspection/i);
      }
      // Ordinary queries and __typename still work.
      expect(dataOf(await closed.gql("{ __typename viewer { kind } }", undefined, token))).toEqual({ __typename: "Query", viewer: { kind: "OPERATOR" } });
    } finally {
      await closed.stop();
    }
  });
});

describe("logs", () => {
  it("are JSON lines with a request id, and never carry a token, a tax id or a worker's name", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await startTestServer({ logger: createLogger("trace", sink) });
    try {
      const token = await logged.token("OPERATOR");
      const expired = await logged.token("OPERATOR", { expiresIn: "-1h" });
      const requestId = unique("req");
      const taxId = "123-45-6789";
      const first = `Zyxwvutsrq${randomString(6)}`;
      const last = `Qwertyuiop${randomString(6)}`;

      const headers = (tok: string) => ({ "content-type": "application/json", authorization: `Bearer ${tok}`, "x-request-id": requestId });
      // A successful request, a refused token, a token in a GET query string, then a worker created, refused and
      // updated with personal data in variables and inline in the document.
      dataOf(await logged.gql(ViewerDocument, {}, token));
      await fetch(logged.url, { method: "POST", headers: headers(token), body: JSON.stringify({ query: "{ viewer { kind } }" }) });
      await fetch(logged.url, { method: "POST", headers: headers(expired), body: JSON.stringify({ query: "{ viewer { kind } }" }) });
      await fetch(`${logged.url}?query=${encodeURIComponent("{ viewer { kind } }")}&token=${token}`, { headers: { "apollo-require-preflight": "1", "x-request-id": requestId } });

      const client = dataOf(await logged.gql(CreateClientDocument, { input: { name: unique("Log test client") } }, token)).createClient.client!;
      const input = { clientId: client.id, legalFirstName: first, legalLastName: last, email: `${first}@example.com`, homeJurisdiction: "US-CA", taxId };
      const post = async (query: string, variables?: Record<string, unknown>) => {
        const res = await fetch(logged.url, { method: "POST", headers: headers(token), body: JSON.stringify({ query, variables }) });
        return (await res.json()) as { data?: Record<string, { worker?: { id: string; version: number } | null; userErrors: { code: string }[] }> };
      };
      const created = await post("mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id version } userErrors { code } } }", { input });
      const worker = created.data?.createWorker.worker;
      expect(worker, JSON.stringify(created)).toMatchObject({ id: expect.any(String), version: expect.any(Number) });
      const refused = await post("mutation($input: CreateWorkerInput!) { createWorker(input: $input) { worker { id } userErrors { code } } }", {
        input: { ...input, taxId: `${taxId}0`, email: "not-an-email" },
      });
      expect(refused.data?.createWorker.userErrors.length).toBeGreaterThan(0);
      const inline = `mutation { updateWorker(input: { id: "${worker!.id}", expectedVersion: ${worker!.version}, legalLastName: "${last}x", taxId: "${taxId}" }) { worker { id } userErrors { code } } }`;
      expect((await post(inline)).data?.updateWorker.userErrors).toEqual([]);
      const stale = `mutation { updateWorker(input: { id: "${worker!.id}", expectedVersion: ${worker!.version}, legalFirstName: "${first}", taxId: "${taxId}" }) { worker { id } userErrors { code } } }`;
      expect((await post(stale)).data?.updateWorker.userErrors.map((e) => e.code)).toEqual(["STALE_VERSION"]);
      // The access log is written after the response: wait until the last request's line is in.
      await eventually(
        () =>
          lines
            .join("")
            .split("\n")
            .filter((line) => line.includes(requestId) && line.includes('"msg":"request"')).length >= 7,
        "the access log lines",
      );

      const text = lines.join("");
      const records = lines.flatMap((chunk) => chunk.split("\n").filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = records.filter((r) => r.msg === "request" && r.requestId === requestId);
      expect(requests.length).toBeGreaterThanOrEqual(7);
      for (const r of requests)
        expect(r).toMatchObject({ level: expect.any(Number), time: expect.any(Number), method: expect.any(String), path: "/graphql", status: expect.any(Number) });

      for (const secret of [token, expired, token.split(".")[2], expired.split(".")[1], taxId, "123456789", first, last]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await logged.stop();
    }
  });
});

describe("a server with CORS origins, which then loses its database", () => {
  let other: TestServer;
  beforeAll(async () => {
    other = await startTestServer({ corsOrigins: ["https://app.example"] });
  });
  afterAll(async () => {
    await other.server.stop();
  });

  const preflight = (origin: string) =>
    fetch(other.url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });

  it("answers a preflight from a configured origin only", async () => {
    const allowed = await preflight("https://app.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    // The default test server configures none: no cross-origin access at all.
    const none = await fetch(t.url, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("gives a POST from a configured origin the same CORS headers on the fast path as on the Express path", async () => {
    const operatorToken = await other.token("OPERATOR");
    const res = await onBothPaths(new URL(other.url).origin, JSON.stringify({ query: "{ viewer { kind } }" }), {
      authorization: `Bearer ${operatorToken}`,
      origin: "https://app.example",
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(res.headers.get("access-control-expose-headers")).toContain("RateLimit");
  });

  it("/readyz answers 503 without the database while /healthz stays 200", async () => {
    await other.database.close();
    const ready = await fetch(`${new URL(other.url).origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
    expect((await fetch(`${new URL(other.url).origin}/healthz`)).status).toBe(200);
  });
});
